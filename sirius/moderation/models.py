"""Moderation records: decisions (append-only), themes, CFA replies, reports, alerts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual

from sirius.referentiel.models import Establishment
from sirius.responses.models import Verbatim

from .enums import (
    AlertStatus,
    ModerationStatus,
    RejectionReason,
    ReportReason,
    ReportSource,
    ReportStatus,
    Theme,
    Tone,
)
from .moderated import ModeratedQuerySet, ModeratedText, moderated_constraints

REPLY_MAX_LENGTH = 1000


class VerbatimTheme(models.Model):
    """A theme the analysis found in a verbatim, with its tone (for filters and aggregates)."""

    verbatim = models.ForeignKey(Verbatim, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    tone = models.CharField("tonalité", max_length=10, choices=Tone.choices)

    class Meta:
        verbose_name = "thème d'un verbatim"
        ordering = ["verbatim", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["verbatim", "theme"], name="verbatim_theme_once"),
            models.CheckConstraint(
                name="verbatim_theme_valid", condition=Q(theme__in=Theme.values)
            ),
            models.CheckConstraint(
                name="verbatim_theme_tone_valid", condition=Q(tone__in=Tone.values)
            ),
        ]
        indexes = [models.Index(fields=["theme", "tone"], name="verbatim_theme_tone")]

    def __str__(self):
        return f"{self.get_theme_display()} ({self.get_tone_display()})"


class EstablishmentReply(ModeratedText):
    """A CFA's public answer to one published verbatim; moderated like a verbatim.

    One reply per verbatim, except that a rejected reply may be followed by a new one.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verbatim = models.ForeignKey(Verbatim, on_delete=models.CASCADE, related_name="replies")
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="replies"
    )
    text = models.TextField("réponse")
    created_at = models.DateTimeField("écrite le", auto_now_add=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        verbose_name = "réponse d'un centre de formation"
        verbose_name_plural = "réponses des centres de formation"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["verbatim"],
                condition=~Q(status=ModerationStatus.REJECTED),
                name="reply_one_live_per_verbatim",
            ),
            models.CheckConstraint(
                name="reply_text_length",
                condition=Q(
                    LessThanOrEqual(Length("text"), REPLY_MAX_LENGTH),
                    GreaterThan(Length("text"), 0),
                ),
            ),
            *moderated_constraints("reply"),
        ]

    def __str__(self):
        return f"Réponse {self.public_id}"


class ModerationDecision(models.Model):
    """One change of status of a verbatim or a reply. Never updated, never deleted.

    `actor` is empty when the publication policy decided (automatic publication, alert).
    """

    verbatim = models.ForeignKey(
        Verbatim, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    reply = models.ForeignKey(
        EstablishmentReply,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions",
    )
    created_at = models.DateTimeField("décidé le", auto_now_add=True, db_index=True)
    from_status = models.CharField("statut avant", max_length=20, choices=ModerationStatus.choices)
    to_status = models.CharField("statut après", max_length=20, choices=ModerationStatus.choices)
    reason = models.CharField(
        "motif de refus", max_length=30, choices=RejectionReason.choices, blank=True
    )
    note = models.TextField("note", blank=True)
    masked_text = models.TextField("texte masqué publié", blank=True)

    class Meta:
        verbose_name = "décision de modération"
        verbose_name_plural = "décisions de modération"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="decision_one_target",
                condition=Q(verbatim__isnull=False, reply__isnull=True)
                | Q(verbatim__isnull=True, reply__isnull=False),
            ),
            models.CheckConstraint(
                name="decision_rejected_has_reason",
                condition=~Q(to_status=ModerationStatus.REJECTED) | ~Q(reason=""),
            ),
        ]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"

    @property
    def is_automatic(self):
        return self.actor_id is None


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)


class Report(models.Model):
    """A « signalement » of a verbatim, by its CFA or by anyone (DSA article 16).

    A report never hides a review by itself: only a moderator's decision on the verbatim does.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verbatim = models.ForeignKey(Verbatim, on_delete=models.CASCADE, related_name="reports")
    source = models.CharField("origine", max_length=20, choices=ReportSource.choices)
    reason = models.CharField("motif", max_length=20, choices=ReportReason.choices)
    explanation = models.TextField("explication", blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    reporter_email = models.EmailField("e-mail pour la suite donnée", blank=True)
    created_at = models.DateTimeField("signalé le", auto_now_add=True)
    status = models.CharField(
        "statut", max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    outcome_note = models.TextField("suite donnée", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_handled",
    )
    handled_at = models.DateTimeField("traité le", null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "signalement"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="report_status_valid", condition=Q(status__in=ReportStatus.values)
            ),
            models.CheckConstraint(
                name="report_reason_valid", condition=Q(reason__in=ReportReason.values)
            ),
            models.CheckConstraint(
                name="report_establishment_has_reporter",
                condition=~Q(source=ReportSource.ESTABLISHMENT)
                | Q(reporter__isnull=False, establishment__isnull=False),
            ),
            models.CheckConstraint(
                name="report_handled_has_date",
                condition=Q(status=ReportStatus.OPEN) | Q(handled_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="report_status_created")]

    def __str__(self):
        return f"Signalement {self.public_id}"


class AlertQuerySet(models.QuerySet):
    def unhandled(self):
        return self.exclude(status=AlertStatus.HANDLED)


class Alert(models.Model):
    """A verbatim that suggests danger for the apprentice: never published, followed up here."""

    verbatim = models.OneToOneField(Verbatim, on_delete=models.CASCADE, related_name="alert")
    kinds = models.JSONField("types d'alerte", default=list, blank=True)  # AlertKind values
    status = models.CharField(
        "statut", max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts_assigned",
    )
    created_at = models.DateTimeField("détectée le", auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts_handled",
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="alert_status_valid", condition=Q(status__in=AlertStatus.values)
            ),
            models.CheckConstraint(
                name="alert_handled_has_date",
                condition=~Q(status=AlertStatus.HANDLED) | Q(handled_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Alerte {self.pk}"


class AlertNote(models.Model):
    """An annotation on an alert (what was done, who was called). Append-only."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField("note")
    created_at = models.DateTimeField("écrite le", auto_now_add=True)

    class Meta:
        verbose_name = "note sur une alerte"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note {self.pk} sur l'alerte {self.alert_id}"
