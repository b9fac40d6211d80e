"""The moderation state shared by verbatims and CFA replies (an abstract model).

It lives apart from `models.py` because `responses.Verbatim` inherits it while the moderation
models point to `Verbatim`. The original text is never touched: the public text is the
original, or the masked copy computed from accepted spans (`masking.mask`).
"""

from django.db import models

from .enums import PUBLIC_STATUSES, ModerationStatus, RejectionReason


class ModeratedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def pending(self):
        return self.filter(status=ModerationStatus.PENDING)

    def unflagged(self):
        """Analysed, and nothing for a moderator to look at."""
        return self.filter(
            analysed_at__isnull=False,
            flag_personal_data=False,
            flag_insult=False,
            flag_alert=False,
        )


class ModeratedText(models.Model):
    status = models.CharField(
        "statut", max_length=20, choices=ModerationStatus.choices, default=ModerationStatus.PENDING
    )
    # TextAnalysis.to_json(): spans, masked proposal, terms, themes, pépite.
    analysis = models.JSONField("analyse", default=dict, blank=True)
    analysed_at = models.DateTimeField("analysé le", null=True, blank=True)
    flag_personal_data = models.BooleanField("données personnelles détectées", default=False)
    flag_insult = models.BooleanField("propos injurieux détectés", default=False)
    flag_alert = models.BooleanField("alerte détectée", default=False)
    pepite = models.BooleanField("pépite suggérée", default=False)
    masked_text = models.TextField("texte masqué publié", blank=True)
    rejection_reason = models.CharField(
        "motif de refus", max_length=30, choices=RejectionReason.choices, blank=True
    )
    decided_at = models.DateTimeField("dernière décision le", null=True, blank=True)
    published_at = models.DateTimeField("publié le", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status in PUBLIC_STATUSES

    @property
    def public_text(self):
        """What the public reads: the masked copy when masking was decided, else the original."""
        if self.status == ModerationStatus.PUBLISHED_MASKED:
            return self.masked_text
        return self.text


def moderated_constraints(prefix):
    """The invariants of a moderated text, named after its model."""
    Q = models.Q
    return [
        models.CheckConstraint(
            name=f"{prefix}_status_valid", condition=Q(status__in=ModerationStatus.values)
        ),
        models.CheckConstraint(
            name=f"{prefix}_rejected_has_reason",
            condition=~Q(status=ModerationStatus.REJECTED) | ~Q(rejection_reason=""),
        ),
        models.CheckConstraint(
            name=f"{prefix}_reason_only_when_rejected",
            condition=Q(status=ModerationStatus.REJECTED) | Q(rejection_reason=""),
        ),
        models.CheckConstraint(
            name=f"{prefix}_masked_has_text",
            condition=~Q(status=ModerationStatus.PUBLISHED_MASKED) | ~Q(masked_text=""),
        ),
        models.CheckConstraint(
            name=f"{prefix}_published_has_date",
            condition=~Q(status__in=PUBLIC_STATUSES) | Q(published_at__isnull=False),
        ),
    ]
