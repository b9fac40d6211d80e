from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sirius.demo"
    label = "demo"
    verbose_name = "données de démonstration"
