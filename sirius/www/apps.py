from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "sirius.www"
    label = "www"
