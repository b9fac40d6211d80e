from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    MODERATOR = "moderator", "Modérateur"
    ESTABLISHMENT = "establishment", "Équipe d'établissement"
    OBSERVER = "observer", "Observateur"


class ObserverScope(models.TextChoices):
    NATIONAL = "national", "National"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    OPCO = "opco", "OPCO (liste de codes RNCP)"
