from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "sirius.campaigns"
    label = "campaigns"
    verbose_name = "campagnes"
