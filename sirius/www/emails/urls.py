from django.urls import path

from . import views

app_name = "emails"

urlpatterns = [
    path("desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("webhooks/brevo/", views.brevo_webhook, name="brevo_webhook"),
]
