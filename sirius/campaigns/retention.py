"""Retention of apprentices' personal data (DESIGN rule 8): purge N months after a campaign.

A contact's email, phone and first name are blanked, and `purged_at` set, once every campaign it
was invited to ended more than SIRIUS_CONTACT_RETENTION_MONTHS months ago (a campaign ends when it
was closed early, `closed_at`, or else at the end of its closing day); a contact never invited is
purged that long after its import. The rows stay: counts of invitations and responses are kept.

The invitations of those campaigns lose their link for good: the salt is emptied and the token
hash replaced by the hash of a random value nobody knows, and an invitation still waiting or sent
becomes « expirée » (answered, bounced and unsubscribed ones keep their state, for the counts).
The outbox rows (sirius.emails) addressed to purged contacts are deleted, unless the address still
belongs to a contact kept or to a user account. The suppression list is kept: it is what makes an
unsubscribe last.

`personal_data_purge` is idempotent: a second run finds nothing left to do.
"""

import calendar
import hashlib
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.emails.models import Email
from sirius.referentiel.catalogue.bulk import rows_update

from .enums import InvitationState
from .models import Campaign, Contact, Invitation

CHUNK = 2000
STILL_SENDABLE = (InvitationState.PENDING, InvitationState.SENT, InvitationState.REMINDED)


@dataclass(frozen=True)
class PurgeSummary:
    wet_run: bool
    retention_months: int
    cutoff: datetime
    contacts: int = 0
    invitations: int = 0
    emails: int = 0

    def __str__(self):
        prefix = "Purge effectuée" if self.wet_run else "Simulation (rien n'a été modifié)"
        verb = "effacées" if self.wet_run else "à effacer"
        cutoff = timezone.localtime(self.cutoff).strftime("%d/%m/%Y %H:%M")
        return (
            f"{prefix} — campagnes terminées avant le {cutoff} "
            f"({self.retention_months} mois de conservation) : données personnelles "
            f"{verb} pour {self.contacts} contact(s), {self.invitations} lien(s) d'invitation "
            f"désactivé(s), {self.emails} e-mail(s) de la boîte d'envoi supprimé(s)."
        )


def retention_cutoff(now, months=None):
    """The moment N months before `now` (same day of month, or the last day of a shorter one)."""
    months = settings.SIRIUS_CONTACT_RETENTION_MONTHS if months is None else months
    year, month_index = divmod(now.year * 12 + now.month - 1 - months, 12)
    day = min(now.day, calendar.monthrange(year, month_index + 1)[1])
    return now.replace(year=year, month=month_index + 1, day=day)


def campaigns_past_retention(cutoff):
    """Campaigns that ended before `cutoff`: closed early before it, or whose last day was."""
    return Campaign.objects.filter(
        Q(closed_at__lt=cutoff) | Q(closes_on__lt=timezone.localdate(cutoff))
    )


def contacts_past_retention(cutoff):
    """Contacts still holding personal data whose every campaign is past retention, or never
    invited and imported before `cutoff`."""
    invitations = Invitation.objects.filter(contact=OuterRef("pk"))
    live = invitations.exclude(campaign__in=campaigns_past_retention(cutoff))
    return Contact.objects.with_personal_data().filter(
        Q(Exists(invitations), ~Exists(live)) | Q(~Exists(invitations), created_at__lt=cutoff)
    )


def invitations_past_retention(cutoff):
    """Invitations of campaigns past retention whose link has not been destroyed yet."""
    return Invitation.objects.filter(campaign__in=campaigns_past_retention(cutoff)).exclude(
        token_salt=""
    )


def personal_data_purge(*, now=None, wet_run=False, actor=None):
    """Purge (or, without `wet_run`, count) what is past retention; returns a PurgeSummary.

    Every call writes an audit event with the counts: `personal_data.purged`, or
    `personal_data.purge.simulated` for a simulation.
    """
    now = now or timezone.now()
    months = settings.SIRIUS_CONTACT_RETENTION_MONTHS
    cutoff = retention_cutoff(now, months)
    with transaction.atomic():
        contacts = list(contacts_past_retention(cutoff).values_list("pk", "email"))
        invitation_ids = list(invitations_past_retention(cutoff).values_list("pk", flat=True))
        contact_ids = [pk for pk, _email in contacts]
        email_ids = outbox_emails_of(contacts)
        if wet_run:
            contacts_blank(contact_ids, now)
            invitations_disable(invitation_ids, now)
            for start in range(0, len(email_ids), CHUNK):
                Email.objects.filter(pk__in=email_ids[start : start + CHUNK]).delete()
        summary = PurgeSummary(
            wet_run=wet_run,
            retention_months=months,
            cutoff=cutoff,
            contacts=len(contact_ids),
            invitations=len(invitation_ids),
            emails=len(email_ids),
        )
        data = asdict(summary)
        data["cutoff"] = cutoff.isoformat()
        event_record(
            verb="personal_data.purged" if wet_run else "personal_data.purge.simulated",
            actor=actor,
            object_type="campaigns.contact",
            data=data,
        )
    return summary


def outbox_emails_of(contacts):
    """Ids of the outbox rows addressed to the purged contacts' addresses, except addresses still
    used by a contact kept or by a user account."""
    purged_ids = {pk for pk, _email in contacts}
    addresses = sorted({email for _pk, email in contacts if email})
    kept = set()
    users = get_user_model().objects
    for start in range(0, len(addresses), CHUNK):
        chunk = addresses[start : start + CHUNK]
        kept.update(
            email
            for pk, email in Contact.objects.with_personal_data()
            .filter(email__in=chunk)
            .values_list("pk", "email")
            if pk not in purged_ids
        )
        kept.update(
            address.lower()
            for address in users.filter(email__in=chunk).values_list("email", flat=True)
        )
    addresses = [address for address in addresses if address not in kept]
    email_ids = []
    for start in range(0, len(addresses), CHUNK):
        chunk = addresses[start : start + CHUNK]
        email_ids.extend(Email.objects.filter(to_address__in=chunk).values_list("pk", flat=True))
    return email_ids


def contacts_blank(contact_ids, now):
    for start in range(0, len(contact_ids), CHUNK):
        Contact.objects.filter(pk__in=contact_ids[start : start + CHUNK]).update(
            email="", phone="", first_name="", purged_at=now
        )


def invitations_disable(invitation_ids, now):
    """Salt emptied, hash of a random secret, expired now: the link can never work again."""
    for start in range(0, len(invitation_ids), CHUNK):
        chunk = invitation_ids[start : start + CHUNK]
        Invitation.objects.filter(pk__in=chunk, state__in=STILL_SENDABLE).update(
            state=InvitationState.EXPIRED
        )
        invitations = [
            Invitation(
                pk=pk,
                token_salt="",
                token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                expires_at=now,
            )
            for pk in chunk
        ]
        rows_update(Invitation, invitations, ["token_salt", "token_hash", "expires_at"])
