from django.apps import AppConfig


class ReferentielConfig(AppConfig):
    name = "sirius.referentiel"
    label = "referentiel"
