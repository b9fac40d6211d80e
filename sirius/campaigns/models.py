import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from sirius.questionnaires.models import QuestionnaireVersion
from sirius.referentiel.models import Formation

from .enums import InvitationState
from .tokens import token_hash

NO_CONTRACT_START = date(1900, 1, 1)  # stands for « unknown » in the contact's identity


def latest_published_version_pk():
    """Model default: the latest published version of the default questionnaire."""
    version = QuestionnaireVersion.objects.latest_published()
    return version.pk if version else None


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Campaigns of the formations the user may see (the one scoping rule)."""
        return self.filter(formation__in=Formation.objects.visible_to(user))

    def open_on(self, today):
        return self.filter(opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True)


class Campaign(models.Model):
    """A call for answers about one formation, through invitations and/or an open link.

    Dates are inclusive and read in Europe/Paris (the project's TIME_ZONE).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("nom", max_length=255)
    formation = models.ForeignKey(
        Formation, verbose_name="formation", on_delete=models.PROTECT, related_name="campaigns"
    )
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name="version du questionnaire",
        on_delete=models.PROTECT,
        related_name="campaigns",
        default=latest_published_version_pk,
    )
    opens_on = models.DateField("ouverture")
    closes_on = models.DateField("fermeture")
    closed_at = models.DateTimeField("fermée par anticipation le", null=True, blank=True)
    invitations_enabled = models.BooleanField("invitations personnelles", default=True)
    open_link_enabled = models.BooleanField("lien ouvert (QR code)", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "campagne"
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="campaign_has_a_door",
                condition=Q(invitations_enabled=True) | Q(open_link_enabled=True),
            ),
            models.CheckConstraint(
                name="campaign_closes_on_or_after_opening",
                condition=Q(closes_on__gte=F("opens_on")),
            ),
        ]

    def __str__(self):
        return self.name

    def is_open(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def has_closed(self, today: date | None = None):
        return self.closed_at is not None or (today or timezone.localdate()) > self.closes_on


class InvitationQuerySet(models.QuerySet):
    def for_token(self, raw_token):
        """The invitation of a raw token (compared by hash; the token is never stored)."""
        return self.filter(token_hash=token_hash(raw_token))

    def usable(self, now):
        """Invitations whose link still works: not expired, response not withdrawn."""
        return self.filter(expires_at__gt=now, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A personal, single-use link to answer a campaign. Answers through it are « vérifiés »."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        "Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    token_salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(
        "état", max_length=20, choices=InvitationState.choices, default=InvitationState.PENDING
    )
    expires_at = models.DateTimeField("expire le")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField("relances envoyées", default=0)
    last_reminded_at = models.DateTimeField("dernière relance le", null=True, blank=True)
    opened_at = models.DateTimeField("lien ouvert le", null=True, blank=True)
    answered_at = models.DateTimeField("répondue le", null=True, blank=True)
    withdrawn_at = models.DateTimeField("réponse retirée le", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="invitation_token_hash_is_sha256_hex",
                condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"),
            ),
            models.UniqueConstraint(
                fields=["campaign", "contact"],
                condition=Q(contact__isnull=False),
                name="invitation_one_per_contact_and_campaign",
            ),
        ]

    def __str__(self):
        return f"Invitation {self.pk} ({self.get_state_display()})"


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(formation__in=Formation.objects.visible_to(user))

    def with_personal_data(self):
        return self.filter(purged_at__isnull=True)


class Contact(models.Model):
    """An apprentice of a CFA's roster: the minimum needed to invite them, purged on schedule."""

    formation = models.ForeignKey(
        Formation, verbose_name="formation", on_delete=models.PROTECT, related_name="contacts"
    )
    email = models.EmailField("adresse e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    first_name = models.CharField("prénom", max_length=100, blank=True)
    contract_start = models.DateField("début du contrat", null=True, blank=True)
    contract_end = models.DateField("fin du contrat", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    purged_at = models.DateTimeField("données personnelles effacées le", null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = "contact"
        ordering = ["pk"]
        constraints = [
            # The same apprentice and contract, identified by email, else by phone. A missing
            # contract start counts as one value (COALESCE: SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                F("formation"),
                F("email"),
                Coalesce("contract_start", Value(NO_CONTRACT_START)),
                condition=Q(purged_at__isnull=True) & ~Q(email=""),
                name="contact_unique_per_formation_and_contract",
            ),
            models.UniqueConstraint(
                F("formation"),
                F("phone"),
                Coalesce("contract_start", Value(NO_CONTRACT_START)),
                condition=Q(purged_at__isnull=True, email=""),
                name="contact_unique_phone_per_formation_and_contract",
            ),
            models.CheckConstraint(
                name="contact_reachable_until_purged",
                condition=Q(purged_at__isnull=False) | ~Q(email="") | ~Q(phone=""),
            ),
            models.CheckConstraint(
                name="contact_contract_dates_in_order",
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=F("contract_start")),
            ),
        ]

    def __str__(self):
        return f"Contact {self.pk}"
