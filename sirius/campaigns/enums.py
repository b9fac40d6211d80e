from django.db import models


class InvitationState(models.TextChoices):
    PENDING = "pending", "À envoyer"
    SENT = "sent", "Envoyée"
    REMINDED = "reminded", "Relancée"
    ANSWERED = "answered", "Répondue"
    BOUNCED = "bounced", "Adresse en erreur"
    UNSUBSCRIBED = "unsubscribed", "Désinscrite"
    EXPIRED = "expired", "Expirée"
