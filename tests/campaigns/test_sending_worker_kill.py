"""A worker killed mid-batch: no invitation lost, at most the one in flight sent twice."""

import collections
import signal

import pytest
from django.utils import timezone

from sirius.campaigns.enums import InvitationState
from sirius.campaigns.models import Invitation
from sirius.campaigns.sending import LINK_REMOVED
from sirius.campaigns.tokens import token_derive
from sirius.emails.enums import EmailStatus
from sirius.emails.models import Email
from tests.emails.test_worker_kill import wait_for, worker_start

from .sending_helpers import campaign_create, contact_create, round_at


def stop(process, sig):
    try:
        process.send_signal(sig)
        output, _ = process.communicate(timeout=20)
        return output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()


@pytest.mark.django_db(transaction=True)
def test_killed_worker_loses_no_invitation(smtp_server, settings):
    settings.SITE_URL = "http://testserver"
    campaign = campaign_create()
    for index in range(30):
        contact_create(campaign.formation, f"apprenti{index:02d}@example.org")
    assert round_at(timezone.now()).first_emails_queued == 30
    smtp_server.stall_after(10)

    first = worker_start(smtp_server, "--batch-size", "8")
    if not smtp_server.stalled.wait(timeout=60):
        stop(first, signal.SIGKILL)
        pytest.fail("the worker never reached the stalled message")
    in_flight = {message["To"] for message in smtp_server.messages[10:]}
    stop(first, signal.SIGKILL)
    assert len(in_flight) == 1

    # A round while the dead worker's claims are pending: 10 invitations sent, none lost.
    round_at(timezone.now())
    states = collections.Counter(Invitation.objects.values_list("state", flat=True))
    assert states == {InvitationState.SENT: 10, InvitationState.PENDING: 20}

    smtp_server.release()
    second = worker_start(smtp_server, "--batch-size", "8")
    try:
        wait_for(
            lambda: not Email.objects.exclude(status=EmailStatus.SENT).exists(),
            timeout=60,
            message="the restarted worker did not send everything",
        )
    finally:
        output = stop(second, signal.SIGTERM)
    assert second.returncode == 0, output

    round_at(timezone.now())
    assert set(Invitation.objects.values_list("state", flat=True)) == {InvitationState.SENT}
    received = collections.Counter(message["To"] for message in smtp_server.messages)
    assert set(received) == {f"apprenti{index:02d}@example.org" for index in range(30)}
    assert {address for address, count in received.items() if count > 1} <= in_flight
    assert sum(received.values()) <= 31
    # Each received email carries its invitation's link; the stored copies no longer do.
    for invitation in Invitation.objects.select_related("contact"):
        token = token_derive(invitation.token_salt)
        [message, *_] = [m for m in smtp_server.messages if m["To"] == invitation.contact.email]
        assert token in message.get_body(("plain",)).get_content()
    assert not Email.objects.exclude(body_text__contains=LINK_REMOVED).exists()
