from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "sirius.responses"
    label = "responses"
    verbose_name = "réponses"
