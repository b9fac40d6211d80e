"""Invitations by email: one invitation per contact, one email per invitation, through the outbox.

The outbox (sirius.emails) is the sending truth; the invitation reflects it. Each email of an
invitation has a fixed idempotency key (`invitation:<id>:initial`, `invitation:<id>:reminder:<n>`),
so queueing twice, from two rounds or two schedulers, queues once. The emails app knows nothing of
campaigns: a scheduler round reads the Email rows back by their keys and
- marks the invitation `sent` (with the Email's `sent_at`) once its first email has left,
- marks it `bounced` when the email failed for good, `bounced`/`unsubscribed` when its address
  lands on the suppression list,
- scrubs the personal link from the stored body of every finished (sent, failed, cancelled) email,
  so that the database keeps no usable link (the token is derived from the salt and SECRET_KEY),
- cancels the queued emails of invitations that must not be written to any more.
Reading the outbox back is in outbox_sync.py, reminders in reminders.py; the loop that calls all
this is scheduler.py.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, Lower
from django.urls import reverse
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.emails.enums import EmailKind, EmailStatus, SuppressionReason
from sirius.emails.models import Email, EmailSuppression
from sirius.emails.services import (
    email_queue,
    render_email,
    unsubscribe_headers,
    unsubscribe_url,
)

from .enums import InvitationState
from .links import invitation_link
from .models import Campaign, Contact, Invitation
from .services import invitation_expiry
from .tokens import token_derive, token_hash, token_salt_new

logger = logging.getLogger(__name__)

LINK_REMOVED = "[lien personnel retiré après envoi]"
# States in which an invitation may still receive email.
ACTIVE_STATES = (InvitationState.PENDING, InvitationState.SENT, InvitationState.REMINDED)
FINISHED_EMAIL_STATES = (EmailStatus.SENT, EmailStatus.FAILED, EmailStatus.CANCELLED)
SUPPRESSION_STATES = {
    SuppressionReason.UNSUBSCRIBED: InvitationState.UNSUBSCRIBED,
    SuppressionReason.COMPLAINT: InvitationState.UNSUBSCRIBED,
    SuppressionReason.HARD_BOUNCE: InvitationState.BOUNCED,
    SuppressionReason.BLOCKED: InvitationState.BOUNCED,
}
KEY_PREFIX = "invitation:"
INITIAL = "initial"
CHUNK = 500


def reminder_days():
    """Days after the first email at which reminders go (SIRIUS_REMINDER_DAYS, e.g. "5,12")."""
    raw = settings.SIRIUS_REMINDER_DAYS
    days = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    return tuple(sorted({int(day) for day in days if str(day).strip()}))


def email_key(invitation_id, step=INITIAL):
    """The idempotency key of an invitation's email: step is "initial" or "reminder:<n>"."""
    return f"{KEY_PREFIX}{invitation_id}:{step}"


def _key_of_outer_invitation(step):
    return Concat(
        Value(KEY_PREFIX),
        Cast(OuterRef("pk"), output_field=CharField()),
        Value(f":{step}"),
        output_field=CharField(),
    )


def emails_of_outer_invitation(step):
    """Email rows of the invitation of the outer query, for one step (for Exists/Subquery)."""
    return Email.objects.filter(idempotency_key=_key_of_outer_invitation(step))


def _not_suppressed(address_path):
    return ~Exists(EmailSuppression.objects.filter(address=Lower(OuterRef(address_path))))


def invitations_reachable():
    """Invitations whose contact can still be written to: an address, not purged, not suppressed."""
    return (
        Invitation.objects.filter(contact__isnull=False, contact__purged_at__isnull=True)
        .exclude(contact__email="")
        .filter(_not_suppressed("contact__email"))
    )


def campaign_lookups_open(today, prefix="campaign__"):
    return {
        f"{prefix}invitations_enabled": True,
        f"{prefix}opens_on__lte": today,
        f"{prefix}closes_on__gte": today,
        f"{prefix}closed_at__isnull": True,
    }


# Creation ---------------------------------------------------------------------------------------


def _missing_invitations(campaigns, today):
    """(campaign id, contact id) of the invitable contacts of open campaigns not yet invited.

    Invitable: an email address, personal data not purged, address not suppressed, contract
    overlapping the campaign's period (or without dates). One query; cheap when nothing is new.
    """
    # One filter() call so that every condition applies to the same joined campaign.
    contacts = (
        Contact.objects.with_personal_data()
        .exclude(email="")
        .filter(_not_suppressed("email"))
        .filter(
            Q(contract_start__isnull=True)
            | Q(contract_start__lte=F("formation__campaigns__closes_on")),
            Q(contract_end__isnull=True) | Q(contract_end__gte=F("formation__campaigns__opens_on")),
            formation__campaigns__in=campaigns,
            **campaign_lookups_open(today, prefix="formation__campaigns__"),
        )
        .annotate(campaign_pk=F("formation__campaigns__pk"))
        .filter(
            ~Exists(
                Invitation.objects.filter(
                    campaign_id=OuterRef("campaign_pk"), contact_id=OuterRef("pk")
                )
            )
        )
    )
    return contacts.values_list("campaign_pk", "pk").order_by("campaign_pk", "pk")


def _invitations_create(campaigns, *, now, acting_user):
    today = timezone.localdate(now)
    by_campaign = defaultdict(list)
    for campaign_pk, contact_pk in _missing_invitations(campaigns, today):
        by_campaign[campaign_pk].append(contact_pk)
    created = 0
    for campaign in Campaign.objects.filter(pk__in=by_campaign):
        contact_pks = by_campaign[campaign.pk]
        expires_at = invitation_expiry(campaign)
        with transaction.atomic():
            before = Invitation.objects.filter(campaign=campaign).count()
            for start in range(0, len(contact_pks), CHUNK):
                rows = []
                for contact_pk in contact_pks[start : start + CHUNK]:
                    salt = token_salt_new()
                    rows.append(
                        Invitation(
                            campaign=campaign,
                            contact_id=contact_pk,
                            token_salt=salt,
                            token_hash=token_hash(token_derive(salt)),
                            expires_at=expires_at,
                        )
                    )
                # A concurrent call created some of them: the unique constraint skips those.
                Invitation.objects.bulk_create(rows, ignore_conflicts=True)
            count = Invitation.objects.filter(campaign=campaign).count() - before
            if count:
                event_record(
                    verb="invitations.created",
                    actor=acting_user,
                    obj=campaign,
                    data={"count": count},
                )
        created += count
    return created


def invitations_create_for_campaign(*, campaign, acting_user=None, now=None):
    """Create the missing invitations of one campaign if it is open now; return how many.

    Safe to call at any time (after creating a campaign, after a roster import): a campaign that
    is not open yet, closed, or without personal invitations gets none, and a contact already
    invited is skipped (unique constraint on campaign × contact).
    """
    return _invitations_create(
        Campaign.objects.filter(pk=campaign.pk), now=now or timezone.now(), acting_user=acting_user
    )


def invitations_create_for_open_campaigns(*, now):
    """Create the missing invitations of every open campaign (each scheduler round)."""
    return _invitations_create(Campaign.objects.all(), now=now, acting_user=None)


# Rendering and queueing --------------------------------------------------------------------------


@dataclass
class _CampaignFacts:
    intitule: str
    diplome: str
    centre: str
    commune: str
    minutes: int | None
    closes_on: object


def _campaign_facts(campaign):
    formation = campaign.formation
    return _CampaignFacts(
        intitule=formation.intitule,
        diplome=formation.diplome,
        centre=formation.formateur.name,
        commune=formation.localite,
        minutes=campaign.questionnaire_version.parsed.estimated_minutes,
        closes_on=campaign.closes_on,
    )


def invitation_email_render(invitation, *, reminder=0, facts=None):
    """(subject, text, html) of an invitation's first email (reminder=0) or its n-th reminder.

    The same neutral content for everyone; only the greeting's first name and the link differ.
    """
    facts = facts or _campaign_facts(invitation.campaign)
    contact = invitation.contact
    context = {
        "first_name": contact.first_name.strip(),
        "intitule": facts.intitule,
        "diplome": facts.diplome,
        "centre": facts.centre,
        "commune": facts.commune,
        "minutes": facts.minutes,
        "closes_on": facts.closes_on,
        "threshold": getattr(settings, "SIRIUS_PUBLICATION_THRESHOLD", 5),
        "link": invitation_link(token_derive(invitation.token_salt)),
        "personal_data_url": settings.SITE_URL + reverse("public:personal_data"),
        "unsubscribe_url": unsubscribe_url(contact.email),
        "reminder": reminder,
    }
    return render_email("reminder" if reminder else "invitation", context)


def invitation_email_queue(invitation, *, reminder=0, facts=None):
    """Queue the first email (reminder=0) or the n-th reminder of an invitation; return the row."""
    subject, text, html = invitation_email_render(invitation, reminder=reminder, facts=facts)
    return email_queue(
        to=invitation.contact.email,
        subject=subject,
        text=text,
        html=html,
        kind=EmailKind.REMINDER if reminder else EmailKind.INVITATION,
        headers=unsubscribe_headers(invitation.contact.email),
        idempotency_key=email_key(invitation.pk, f"reminder:{reminder}" if reminder else INITIAL),
    )


def invitations_queue(invitations, *, reminder=0, should_stop=None):
    """Queue one email for each invitation of a queryset, by chunks of CHUNK in a transaction."""
    invitations = invitations.select_related(
        "contact",
        "campaign__formation__formateur",
        "campaign__questionnaire_version",
    ).order_by("pk")
    facts = {}
    queued = 0
    last_pk = 0
    while not (should_stop and should_stop()):
        chunk = list(invitations.filter(pk__gt=last_pk)[:CHUNK])
        if not chunk:
            break
        with transaction.atomic():
            for invitation in chunk:
                campaign = invitation.campaign
                if campaign.pk not in facts:
                    facts[campaign.pk] = _campaign_facts(campaign)
                invitation_email_queue(invitation, reminder=reminder, facts=facts[campaign.pk])
        queued += len(chunk)
        last_pk = chunk[-1].pk
    return queued


def invitations_due_first_email(now):
    """Invitations of open campaigns whose first email has not been queued yet."""
    return invitations_reachable().filter(
        ~Exists(emails_of_outer_invitation(INITIAL)),
        state=InvitationState.PENDING,
        sent_at__isnull=True,
        answered_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=now,
        **campaign_lookups_open(timezone.localdate(now)),
    )


def first_emails_queue(*, now, should_stop=None):
    return invitations_queue(invitations_due_first_email(now), should_stop=should_stop)
