from django.urls import path

from . import views

app_name = "space"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("formations/<str:cle>/", views.formation_detail, name="formation_detail"),
    path("etablissements/<str:siret>/", views.establishment_detail, name="establishment_detail"),
]
