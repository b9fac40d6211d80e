from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "sirius.moderation"
    label = "moderation"
    verbose_name = "modération"
