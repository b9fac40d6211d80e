"""Reminders with a controllable clock: days 5 and 12 after the first email, never after a stop."""

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from sirius.campaigns.enums import InvitationState
from sirius.campaigns.models import Invitation
from sirius.campaigns.sending import email_key
from sirius.campaigns.tokens import token_derive
from sirius.emails.enums import EmailKind, EmailStatus
from sirius.emails.models import Email
from sirius.responses.services import response_start, response_withdraw

from .sending_helpers import at, campaign_create, contact_create, dispatch_at, round_at

pytestmark = pytest.mark.django_db
SECRET = "s3cret-webhook-value"


@pytest.fixture
def invited(smtp_server):
    """An invitation whose first email left on day 0 at 10:00 (and a campaign open 30 days)."""
    campaign = campaign_create()
    contact_create(campaign.formation, "lea@example.org", first_name="Léa")
    round_at(at(0, hour=9))
    assert dispatch_at(at(0)).sent == 1
    round_at(at(0, hour=11))
    invitation = Invitation.objects.get()
    assert invitation.state == InvitationState.SENT
    return invitation


def day(number, hour=11):
    """A round on day `number`, then the dispatch, then a round that reads the outbox back."""
    round_at(at(number, hour=hour))
    dispatch_at(at(number, hour=hour))
    round_at(at(number, hour=hour) + timedelta(minutes=1))


def reminders(smtp_server):
    return [message for message in smtp_server.messages if "Rappel" in message["Subject"]]


def test_reminders_on_day_5_and_12_and_no_third(invited, smtp_server):
    day(4, hour=23)
    assert reminders(smtp_server) == []
    day(5, hour=9)  # 23 hours after the first email: not yet five days
    assert reminders(smtp_server) == []

    day(5)
    [first] = reminders(smtp_server)
    # Python folds a long encoded subject after "Subject:"; mail clients drop the fold.
    assert first["Subject"].strip() == "Rappel : ton avis sur ta formation « Boulanger »"
    text = first.get_body(("plain",)).get_content()
    assert "Il y a quelques jours, nous t’avons écrit" in text
    link = f"/r/{token_derive(invited.token_salt)}/"
    assert link in text  # the same link as the first email
    assert "Environ 7 minutes" in text
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    invited.refresh_from_db()
    assert invited.state == InvitationState.REMINDED
    assert (invited.reminders_sent, invited.last_reminded_at) == (1, at(5, hour=11))
    assert Email.objects.get(idempotency_key=email_key(invited.pk, "reminder:1")).kind == (
        EmailKind.REMINDER
    )
    assert (
        link not in Email.objects.get(idempotency_key=email_key(invited.pk, "reminder:1")).body_text
    )

    for number in range(6, 12):
        day(number)
    assert len(reminders(smtp_server)) == 1
    day(12)
    assert len(reminders(smtp_server)) == 2
    invited.refresh_from_db()
    assert invited.reminders_sent == 2
    for number in range(13, 30):
        day(number)
    assert len(reminders(smtp_server)) == 2
    assert len(smtp_server.messages) == 3


def test_the_schedule_is_a_setting(invited, smtp_server, settings):
    settings.SIRIUS_REMINDER_DAYS = "3"
    day(3)
    day(5)
    day(12)
    assert len(reminders(smtp_server)) == 1


def test_a_stopped_scheduler_does_not_send_two_reminders_in_a_row(invited, smtp_server):
    day(13)  # nothing ran between day 0 and day 13
    assert len(reminders(smtp_server)) == 1
    day(14)
    assert len(reminders(smtp_server)) == 1
    day(20)  # seven days (12 - 5) after the first reminder
    assert len(reminders(smtp_server)) == 2


def test_no_reminder_before_the_first_email_was_sent(smtp_server):
    campaign = campaign_create()
    contact_create(campaign.formation)
    round_at(at(0))  # queued, never dispatched
    round_at(at(6))
    round_at(at(13))
    assert list(Email.objects.values_list("kind", flat=True)) == [EmailKind.INVITATION]


def test_no_reminder_after_an_answer(invited, smtp_server):
    # As response_submit() marks it.
    Invitation.objects.filter(pk=invited.pk).update(
        state=InvitationState.ANSWERED, answered_at=at(1)
    )
    day(5)
    day(12)
    assert reminders(smtp_server) == []


def test_an_answer_cancels_a_reminder_still_in_the_queue(invited, smtp_server):
    round_at(at(5))  # reminder 1 queued, not sent yet
    assert Email.objects.filter(kind=EmailKind.REMINDER, status=EmailStatus.QUEUED).count() == 1
    Invitation.objects.filter(pk=invited.pk).update(
        state=InvitationState.ANSWERED, answered_at=at(5, hour=10)
    )
    result = round_at(at(5, hour=11))
    assert result.cancelled == 1
    dispatch_at(at(5, hour=11))
    assert reminders(smtp_server) == []
    reminder = Email.objects.get(kind=EmailKind.REMINDER)
    assert reminder.status == EmailStatus.CANCELLED
    assert "réponse reçue" in reminder.last_error
    assert token_derive(invited.token_salt) not in reminder.body_text


def test_no_reminder_after_a_withdrawal(invited, smtp_server):
    response_start(campaign=invited.campaign, invitation=invited)
    response_withdraw(invitation=invited)
    day(5)
    day(12)
    assert reminders(smtp_server) == []


def test_no_reminder_after_the_campaign_closed(invited, smtp_server):
    invited.campaign.closes_on = at(4).date()
    invited.campaign.save()
    day(5)
    day(12)
    assert reminders(smtp_server) == []


def test_no_reminder_after_an_early_close(invited, smtp_server):
    invited.campaign.closed_at = at(3)
    invited.campaign.save()
    day(5)
    assert reminders(smtp_server) == []


def test_a_hard_bounce_from_the_webhook_bounces_the_invitation(invited, smtp_server, settings):
    settings.SIRIUS_EMAIL_WEBHOOK_SECRET = SECRET
    email = Email.objects.get()
    payload = {
        "event": "hard_bounce",
        "email": "lea@example.org",
        "message-id": email.message_id,
        "date": "2026-11-28 10:00:00",
        "reason": "550 5.1.1 user unknown",
    }
    response = Client().post(
        f"{reverse('emails:brevo_webhook')}?secret={SECRET}",
        json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert round_at(at(1)).suppressed == 1
    invited.refresh_from_db()
    assert invited.state == InvitationState.BOUNCED
    day(5)
    day(12)
    assert reminders(smtp_server) == []


def test_one_click_unsubscribe_stops_reminders_and_every_other_campaign(invited, smtp_server):
    [message] = smtp_server.messages
    url = message["List-Unsubscribe"].split(",")[0].strip("<> ")
    assert "/desinscription/" in url
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(url).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    # The same apprentice in another formation's campaign, opening later.
    other = campaign_create(opens_on=at(2).date(), closes_on=at(40).date())
    contact_create(other.formation, "LEA@example.org")

    round_at(at(1))
    invited.refresh_from_db()
    assert invited.state == InvitationState.UNSUBSCRIBED
    for number in (2, 5, 12):
        day(number)
    assert len(smtp_server.messages) == 1
    assert not Invitation.objects.filter(campaign=other).exists()
    assert Email.objects.count() == 1
