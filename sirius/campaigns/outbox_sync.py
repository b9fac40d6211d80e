"""Reading the outbox back: invitations follow what happened to their emails.

A scheduler round calls these after queueing: an invitation becomes `sent` once its first email
has left, `bounced` or `unsubscribed` when its email failed for good or its address was
suppressed; finished emails lose the personal link from their stored body; queued emails of
invitations that must not be written to any more are cancelled; expired invitations are marked.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Lower, Replace
from django.urls import reverse
from django.utils import timezone

from sirius.emails.enums import EmailKind, EmailStatus
from sirius.emails.models import Email, EmailSuppression

from .enums import InvitationState
from .links import invitation_link
from .models import Invitation
from .sending import (
    ACTIVE_STATES,
    CHUNK,
    FINISHED_EMAIL_STATES,
    INITIAL,
    KEY_PREFIX,
    LINK_REMOVED,
    SUPPRESSION_STATES,
    email_key,
    emails_of_outer_invitation,
    reminder_days,
)
from .tokens import token_derive

logger = logging.getLogger(__name__)


def emails_scrub(email_links):
    """Remove personal links from finished Email rows: {email pk: link}. Returns rows changed.

    A queued or in-flight row keeps its link (it still has to be sent).
    """
    changed = 0
    for email_pk, link in email_links.items():
        changed += Email.objects.filter(
            pk=email_pk, status__in=FINISHED_EMAIL_STATES, body_text__contains=link
        ).update(
            body_text=Replace(F("body_text"), Value(link), Value(LINK_REMOVED)),
            body_html=Replace(F("body_html"), Value(link), Value(LINK_REMOVED)),
        )
    return changed


def _finished_email(step):
    return emails_of_outer_invitation(step).filter(status__in=FINISHED_EMAIL_STATES)


def invitations_sync_outcome(invitations, step, *, now, apply):
    """For invitations whose `step` email has finished: scrub it and call apply(invitation, email).

    `invitations` must only match invitations still waiting for that outcome, so that the
    work shrinks as it is done.
    """
    finished = _finished_email(step)
    invitations = invitations.annotate(
        email_pk=Subquery(finished.values("pk")[:1]),
        email_status=Subquery(finished.values("status")[:1]),
        email_sent_at=Subquery(finished.values("sent_at")[:1]),
    ).filter(email_pk__isnull=False)
    done = 0
    last_pk = 0
    while True:
        chunk = list(
            invitations.filter(pk__gt=last_pk)
            .only("pk", "state", "token_salt")
            .order_by("pk")[:CHUNK]
        )
        if not chunk:
            return done
        with transaction.atomic():
            emails_scrub(
                {
                    invitation.email_pk: invitation_link(token_derive(invitation.token_salt))
                    for invitation in chunk
                }
            )
            for invitation in chunk:
                done += apply(invitation)
        last_pk = chunk[-1].pk


def _first_email_apply(invitation):
    if invitation.email_status == EmailStatus.SENT:
        return Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=invitation.email_sent_at,
            state=InvitationState.SENT
            if invitation.state == InvitationState.PENDING
            else F("state"),
        )
    if invitation.email_status == EmailStatus.FAILED:
        # Refused for good by the server, or every attempt failed: nobody got the link.
        return Invitation.objects.filter(pk=invitation.pk, state=InvitationState.PENDING).update(
            state=InvitationState.BOUNCED
        )
    return 0  # cancelled: the suppression sync or the stop sweep decides the state


def invitations_sync_first_emails(*, now):
    """Mark `sent` the invitations whose first email left; scrub the link of finished ones."""
    waiting = Invitation.objects.filter(
        contact__isnull=False, sent_at__isnull=True, expires_at__gt=now
    ).exclude(state__in=(InvitationState.BOUNCED, InvitationState.UNSUBSCRIBED))
    return invitations_sync_outcome(waiting, INITIAL, now=now, apply=_first_email_apply)


def invitations_sync_suppressions(*, now):
    """Invitations still active whose address is suppressed → bounced or unsubscribed.

    email_suppress() already cancelled their queued emails; their links are scrubbed here.
    """
    changed = 0
    for reason, state in SUPPRESSION_STATES.items():
        matched = Invitation.objects.filter(
            Exists(
                EmailSuppression.objects.filter(
                    address=Lower(OuterRef("contact__email")), reason=reason
                )
            ),
            state__in=ACTIVE_STATES,
            contact__isnull=False,
        )
        rows = list(matched.values_list("pk", "token_salt"))
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            with transaction.atomic():
                changed += Invitation.objects.filter(
                    pk__in=[pk for pk, _salt in chunk], state__in=ACTIVE_STATES
                ).update(state=state)
                _invitation_emails_scrub(chunk)
    return changed


def _invitation_emails_scrub(rows):
    """Scrub every finished email of invitations given as (pk, token_salt)."""
    steps = [INITIAL] + [f"reminder:{n}" for n in range(1, len(reminder_days()) + 1)]
    links = {
        email_key(pk, step): invitation_link(token_derive(salt))
        for pk, salt in rows
        for step in steps
    }
    email_links = {
        email_pk: links[key]
        for email_pk, key in Email.objects.filter(
            idempotency_key__in=links, status__in=FINISHED_EMAIL_STATES
        ).values_list("pk", "idempotency_key")
    }
    return emails_scrub(email_links)


def _invitation_pk_of_key(key):
    try:
        return int(key.split(":")[1])
    except (IndexError, ValueError):
        return None


def _stop_reason(invitation, today, now):
    if invitation.answered_at or invitation.state == InvitationState.ANSWERED:
        return "réponse reçue"
    if invitation.withdrawn_at:
        return "réponse retirée"
    if invitation.state not in ACTIVE_STATES:
        return f"invitation {invitation.get_state_display().lower()}"
    if invitation.expires_at <= now:
        return "invitation expirée"
    if invitation.campaign.has_closed(today):
        return "campagne fermée"
    if not invitation.campaign.invitations_enabled:
        return "invitations désactivées"
    if (
        invitation.contact_id is None
        or invitation.contact.purged_at
        or not invitation.contact.email
    ):
        return "contact effacé"
    return None


def invitation_emails_cancel_stopped(*, now):
    """Cancel queued emails of invitations that must get no more email; scrub their links.

    Answered, withdrawn, expired, bounced or unsubscribed invitations, closed campaigns, purged
    contacts. Returns the number of emails cancelled.
    """
    today = timezone.localdate(now)
    queued = Email.objects.filter(
        kind__in=(EmailKind.INVITATION, EmailKind.REMINDER),
        status=EmailStatus.QUEUED,
        idempotency_key__startswith=KEY_PREFIX,
    ).order_by("pk")
    cancelled = 0
    last_pk = 0
    while True:
        chunk = list(queued.filter(pk__gt=last_pk).values_list("pk", "idempotency_key")[:CHUNK])
        if not chunk:
            return cancelled
        last_pk = chunk[-1][0]
        by_invitation = defaultdict(list)
        for email_pk, key in chunk:
            by_invitation[_invitation_pk_of_key(key)].append(email_pk)
        invitations = Invitation.objects.filter(pk__in=by_invitation).select_related(
            "campaign", "contact"
        )
        stops = {}
        for invitation in invitations:
            reason = _stop_reason(invitation, today, now)
            if reason:
                link = invitation_link(token_derive(invitation.token_salt))
                for email_pk in by_invitation[invitation.pk]:
                    stops[email_pk] = (reason, link)
        if not stops:
            continue
        with transaction.atomic():
            for email_pk, (reason, _link) in stops.items():
                cancelled += Email.objects.filter(pk=email_pk, status=EmailStatus.QUEUED).update(
                    status=EmailStatus.CANCELLED,
                    next_attempt_at=None,
                    last_error=f"Invitation arrêtée : {reason}.",
                )
            emails_scrub({email_pk: link for email_pk, (_reason, link) in stops.items()})


def invitations_expire(*, now):
    """Invitations past their expiry that were never answered → expired."""
    return Invitation.objects.filter(state__in=ACTIVE_STATES, expires_at__lte=now).update(
        state=InvitationState.EXPIRED
    )


def invitation_emails_scrub_sweep(*, since=None):
    """Daily safety net: scrub any finished invitation email that still holds a link.

    The rounds scrub each email as its outcome is read; this catches the rest (an email whose
    invitation changed state before its outcome was read). Returns the rows changed.
    """
    path_prefix = settings.SITE_URL + reverse("answer:invitation", kwargs={"token": "x"})[:-2]
    emails = Email.objects.filter(
        kind__in=(EmailKind.INVITATION, EmailKind.REMINDER),
        status__in=FINISHED_EMAIL_STATES,
        idempotency_key__startswith=KEY_PREFIX,
        body_text__contains=path_prefix,
    )
    if since is not None:
        emails = emails.filter(created_at__gte=since)
    rows = list(emails.values_list("pk", "idempotency_key"))
    salts = dict(
        Invitation.objects.filter(
            pk__in={_invitation_pk_of_key(key) for _pk, key in rows}
        ).values_list("pk", "token_salt")
    )
    email_links = {}
    for email_pk, key in rows:
        salt = salts.get(_invitation_pk_of_key(key))
        if salt:
            email_links[email_pk] = invitation_link(token_derive(salt))
    return emails_scrub(email_links)
