from django.db import models


class Channel(models.TextChoices):
    INVITATION = "invitation", "Avis vérifié"
    OPEN_LINK = "open_link", "Recueilli par le centre de formation"


class QualityFlag(models.TextChoices):
    TOO_FAST = "too_fast", "Réponse très rapide"
    STRAIGHT_LINING = "straight_lining", "Toutes les notes identiques"
    DUPLICATE_BROWSER = "duplicate_browser", "Déjà répondu depuis ce navigateur"
    HONEYPOT = "honeypot", "Champ piège rempli (robot probable)"
