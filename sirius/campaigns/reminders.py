"""Reminders: by default two, 5 and 12 days after the first email left (SIRIUS_REMINDER_DAYS).

Reminder n is due when the first email was sent at least days[n] ago, reminder n - 1 was sent
(and at least the gap between the two schedule days ago, so that a scheduler stopped for a week
does not send two reminders in a row), the invitation is still `sent` or `reminded`, not answered
nor withdrawn, its address reachable and not suppressed, and its campaign open. Each reminder has
its own idempotency key `invitation:<id>:reminder:<n>`, and the same link as the first email.
"""

from datetime import timedelta

from django.db.models import Exists
from django.utils import timezone

from sirius.emails.enums import EmailStatus

from .enums import InvitationState
from .models import Invitation
from .outbox_sync import (
    invitations_sync_outcome,
)
from .sending import (
    campaign_lookups_open,
    emails_of_outer_invitation,
    invitations_queue,
    invitations_reachable,
    reminder_days,
)

REMINDABLE_STATES = (InvitationState.SENT, InvitationState.REMINDED)


def _step(number):
    return f"reminder:{number}"


def _after_previous(invitations, number, days, now):
    """Invitations whose reminder `number` is due by the schedule (outbox not looked at)."""
    invitations = invitations.filter(
        sent_at__isnull=False,
        sent_at__lte=now - timedelta(days=days[number - 1]),
        reminders_sent=number - 1,
    )
    if number > 1:
        gap = timedelta(days=days[number - 1] - days[number - 2])
        invitations = invitations.filter(last_reminded_at__lte=now - gap)
    return invitations


def invitations_due_for_reminder(number, *, now):
    """Invitations whose reminder `number` (1-based) is due now and not queued yet."""
    days = reminder_days()
    if not 1 <= number <= len(days):
        return Invitation.objects.none()
    invitations = invitations_reachable().filter(
        ~Exists(emails_of_outer_invitation(_step(number))),
        state__in=REMINDABLE_STATES,
        answered_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=now,
        **campaign_lookups_open(timezone.localdate(now)),
    )
    return _after_previous(invitations, number, days, now)


def reminders_queue(*, now, should_stop=None):
    """Queue every due reminder; return how many were queued."""
    queued = 0
    for number in range(1, len(reminder_days()) + 1):
        queued += invitations_queue(
            invitations_due_for_reminder(number, now=now), reminder=number, should_stop=should_stop
        )
    return queued


def _reminder_apply(number):
    def apply(invitation):
        if invitation.email_status == EmailStatus.SENT:
            return Invitation.objects.filter(pk=invitation.pk, reminders_sent=number - 1).update(
                reminders_sent=number,
                last_reminded_at=invitation.email_sent_at,
                state=InvitationState.REMINDED
                if invitation.state in REMINDABLE_STATES
                else invitation.state,
            )
        if invitation.email_status == EmailStatus.FAILED:
            return Invitation.objects.filter(pk=invitation.pk, state__in=REMINDABLE_STATES).update(
                state=InvitationState.BOUNCED
            )
        return 0

    return apply


def reminders_sync(*, now):
    """Count the reminders that left (state `reminded`); scrub the link of finished ones.

    Only invitations whose reminder could have been queued (by the schedule) are looked at.
    """
    days = reminder_days()
    done = 0
    for number in range(1, len(days) + 1):
        waiting = _after_previous(
            Invitation.objects.filter(
                expires_at__gt=now,
                state__in=(*REMINDABLE_STATES, InvitationState.ANSWERED),
            ),
            number,
            days,
            now,
        )
        done += invitations_sync_outcome(
            waiting, _step(number), now=now, apply=_reminder_apply(number)
        )
    return done
