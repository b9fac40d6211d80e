from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sirius.api"
    label = "api"
    verbose_name = "API publique"
