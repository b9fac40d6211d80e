import uuid

from django.db import models
from django.db.models import Q

from .enums import EmailKind, EmailStatus, SuppressionReason


def normalize_address(address):
    """The form under which an address is compared and stored: stripped, lower-cased."""
    return (address or "").strip().lower()


class EmailQuerySet(models.QuerySet):
    def due(self, now):
        """Queued emails whose next attempt time has come, oldest first."""
        return self.filter(status=EmailStatus.QUEUED, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "pk"
        )

    def stale_claims(self, older_than):
        """Emails claimed by a worker before `older_than` and never finished (worker died)."""
        return self.filter(status=EmailStatus.SENDING, claimed_at__lt=older_than)

    def for_message_id(self, message_id):
        """Emails whose Message-ID (with or without angle brackets) is `message_id`."""
        bare = (message_id or "").strip().strip("<>")
        if not bare:
            return self.none()
        return self.filter(message_id__in=[bare, f"<{bare}>"])


class Email(models.Model):
    """One outgoing email: a row first (outbox), sent later by `manage.py email_worker`."""

    uuid = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    to_address = models.EmailField("destinataire", max_length=254)
    subject = models.CharField("objet", max_length=255)
    body_text = models.TextField("texte")
    body_html = models.TextField("HTML", blank=True)
    headers = models.JSONField("en-têtes supplémentaires", default=dict, blank=True)
    kind = models.CharField("type", max_length=30, choices=EmailKind.choices)
    idempotency_key = models.CharField(
        "clé d'idempotence", max_length=200, null=True, blank=True, unique=True
    )
    status = models.CharField(
        "état", max_length=20, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveIntegerField("tentatives", default=0)
    next_attempt_at = models.DateTimeField("prochaine tentative", null=True, blank=True)
    claimed_at = models.DateTimeField("pris en charge le", null=True, blank=True)
    claimed_by = models.CharField("pris en charge par", max_length=100, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    message_id = models.CharField("Message-ID", max_length=255, blank=True, db_index=True)
    last_error = models.TextField("dernière erreur", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = "e-mail"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="email_due_idx"),
            models.Index(fields=["claimed_at"], name="email_claimed_at_idx"),
            models.Index(fields=["to_address"], name="email_to_address_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EmailStatus.values), name="email_status_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=EmailKind.values), name="email_kind_valid"),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.QUEUED) | Q(next_attempt_at__isnull=False),
                name="email_queued_has_next_attempt",
            ),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENDING)
                | (Q(claimed_at__isnull=False) & ~Q(claimed_by="")),
                name="email_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False),
                name="email_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to_address} ({self.get_status_display()})"


class EmailSuppressionQuerySet(models.QuerySet):
    def for_address(self, address):
        return self.filter(address=normalize_address(address))


class EmailSuppression(models.Model):
    """An address that receives no more email: unsubscribed, bounced, complained or blocked."""

    address = models.EmailField("adresse", max_length=254, unique=True)
    reason = models.CharField("motif", max_length=20, choices=SuppressionReason.choices)
    source = models.CharField("origine", max_length=100, blank=True)
    created_at = models.DateTimeField("ajoutée le", auto_now_add=True)

    objects = EmailSuppressionQuerySet.as_manager()

    class Meta:
        verbose_name = "adresse exclue des envois"
        verbose_name_plural = "adresses exclues des envois"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=SuppressionReason.values),
                name="emailsuppression_reason_valid",
            ),
            models.CheckConstraint(
                condition=Q(address=models.functions.Lower("address")),
                name="emailsuppression_address_lowercase",
            ),
        ]

    def __str__(self):
        return f"{self.address} ({self.get_reason_display()})"
