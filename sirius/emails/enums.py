from django.db import models


class EmailKind(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    REMINDER = "reminder", "Relance"
    PASSWORD_RESET = "password_reset", "Réinitialisation du mot de passe"
    MODERATION_NOTICE = "moderation_notice", "Avis de modération"
    ALERT = "alert", "Alerte"
    OTHER = "other", "Autre"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "Échec définitif"
    CANCELLED = "cancelled", "Annulé"


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", "Désinscription"
    HARD_BOUNCE = "hard_bounce", "Adresse invalide (rejet définitif)"
    COMPLAINT = "complaint", "Signalé comme indésirable"
    BLOCKED = "blocked", "Bloquée par le prestataire d'envoi"
