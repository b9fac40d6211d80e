from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "sirius.stats"
    label = "stats"
    verbose_name = "statistiques"
