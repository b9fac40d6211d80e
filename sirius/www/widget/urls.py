from django.urls import path

from . import views

app_name = "widget"

urlpatterns = [
    path("widget.js", views.loader_script, name="script"),
    path(
        "widget/formations/<str:cle_ministere_educatif>/",
        views.formation_card,
        name="formation",
    ),
]
