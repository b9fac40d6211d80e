import uuid

from django.db import models
from django.db.models import Q

from sirius.campaigns.models import Campaign, Invitation
from sirius.moderation.moderated import ModeratedQuerySet, ModeratedText, moderated_constraints
from sirius.questionnaires.models import QuestionnaireVersion
from sirius.referentiel.models import Formation

from .enums import Channel


class ResponseQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def in_progress(self):
        return self.filter(submitted_at__isnull=True)


class Response(models.Model):
    """One respondent's answers to one campaign, kept from the first page on.

    `answers` is keyed by question id: a scale is an int (1–5), a single choice its value, a
    multiple choice {"choices": [...], "other": "..."}, a grid {item: 1–5}, a free text a string.
    A question the respondent saw and left blank is stored as null (drop-off is measured per
    question); a question that became hidden is removed. Partial responses (submitted_at null)
    are never published.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    formation = models.ForeignKey(Formation, on_delete=models.PROTECT, related_name="responses")
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses"
    )
    channel = models.CharField("canal", max_length=20, choices=Channel.choices)
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    answers = models.JSONField("réponses", default=dict, blank=True)
    last_section_id = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField("commencée le")
    last_saved_at = models.DateTimeField("dernier enregistrement")
    submitted_at = models.DateTimeField("envoyée le", null=True, blank=True)
    quality_flags = models.JSONField("signaux de qualité", default=list, blank=True)
    # Open link only: HMAC of a long-lived random browser cookie, to flag repeated answers.
    browser_key_hash = models.CharField(max_length=64, blank=True)
    # HMAC of the IP address with SECRET_KEY, for rate limiting; the address itself is not kept.
    address_hash = models.CharField(max_length=64, blank=True)
    # When the aggregates (sirius.stats) counted this response: never twice, even on a retry.
    stats_counted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "réponse"
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="response_invitation_matches_channel",
                condition=Q(channel=Channel.INVITATION, invitation__isnull=False)
                | Q(channel=Channel.OPEN_LINK, invitation__isnull=True),
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "started_at"], name="response_campaign_started"),
            models.Index(fields=["address_hash", "started_at"], name="response_address_started"),
            models.Index(fields=["campaign", "browser_key_hash"], name="response_campaign_browser"),
        ]

    def __str__(self):
        return f"Réponse {self.public_id}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class VerbatimQuerySet(ModeratedQuerySet):
    def visible_to(self, user):
        """Verbatims of the formations a signed-in user may see (the one scoping rule)."""
        return self.filter(response__formation__in=Formation.objects.visible_to(user))


class Verbatim(ModeratedText):
    """One free-text answer. `text` is written once at submission and never changed.

    Its moderation state (status, analysis, masked copy, publication) comes from ModeratedText;
    every change of status is a `moderation.ModerationDecision` row and an audit event.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="verbatims")
    question_id = models.CharField(max_length=100)
    text = models.TextField("texte")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VerbatimQuerySet.as_manager()

    class Meta:
        verbose_name = "verbatim"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_id"], name="verbatim_one_per_question"
            ),
            *moderated_constraints("verbatim"),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="verbatim_status_created"),
        ]

    def __str__(self):
        return f"Verbatim {self.pk} ({self.question_id})"
