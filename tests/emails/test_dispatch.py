"""The worker's dispatch against a real SMTP server (tests/smtp.py)."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from sirius.emails.dispatch import email_dispatch_once, emails_claim, emails_sweep_stale
from sirius.emails.enums import EmailStatus, SuppressionReason
from sirius.emails.models import Email
from sirius.emails.services import email_suppress

from .helpers import Clock, queue_notice

pytestmark = pytest.mark.django_db
WORKER = "test-worker"


def dispatch(clock=None, **kwargs):
    return email_dispatch_once(worker=WORKER, clock=clock or Clock(), **kwargs)


class TestSend:
    def test_headers_and_both_parts(self, smtp_server, settings):
        settings.SITE_URL = "https://sirius.example"
        settings.SIRIUS_UNSUBSCRIBE_MAILTO = "desinscription@sirius.example"
        settings.DEFAULT_FROM_EMAIL = "Sirius <ne-pas-repondre@sirius.example>"
        email = queue_notice("lea@example.org")

        result = dispatch()

        assert (result.claimed, result.sent) == (1, 1)
        [message] = smtp_server.messages
        assert message["From"] == "Sirius <ne-pas-repondre@sirius.example>"
        assert message["To"] == "lea@example.org"
        assert message["Subject"] == "Message pour lea@example.org"
        assert message["Date"].datetime is not None
        assert message["Message-ID"] == email.message_id
        unsubscribe = message["List-Unsubscribe"]
        assert "<https://sirius.example/desinscription/" in unsubscribe
        assert "<mailto:desinscription@sirius.example?subject=unsubscribe>" in unsubscribe
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "Ouvrir le lien : https://sirius.example/lien/abc/" in text
        assert "Second paragraphe < & >." in text
        assert '<a href="https://sirius.example/lien/abc/">Ouvrir le lien</a>' in html
        email.refresh_from_db()
        assert email.status == EmailStatus.SENT
        assert email.sent_at is not None
        assert email.attempts == 1
        assert email.claimed_by == ""

    def test_the_unsubscribe_link_of_a_sent_email_works(self, smtp_server, client, settings):
        settings.SITE_URL = "https://sirius.example"
        queue_notice("lea@example.org")
        dispatch()
        [message] = smtp_server.messages
        url = message["List-Unsubscribe"].split(",")[0].strip("<> ")
        path = url.removeprefix("https://sirius.example")
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        queue_notice("lea@example.org")
        assert Email.objects.filter(status=EmailStatus.CANCELLED).count() == 1

    def test_one_connection_for_a_batch(self, smtp_server, monkeypatch):
        from django.core.mail.backends.smtp import EmailBackend

        opened = []
        original_open = EmailBackend.open

        def counting_open(self):
            opened.append(self.connection is None)
            return original_open(self)

        monkeypatch.setattr(EmailBackend, "open", counting_open)
        for index in range(5):
            queue_notice(f"a{index}@example.org")
        result = dispatch()
        assert result.sent == 5
        assert opened.count(True) == 1
        assert sorted(smtp_server.recipients()) == [f"a{i}@example.org" for i in range(5)]

    def test_queued_after_suppression_is_never_sent(self, smtp_server):
        queue_notice("gone@example.org")
        queue_notice("here@example.org")
        email_suppress(address="gone@example.org", reason=SuppressionReason.COMPLAINT, source="t")
        dispatch()
        assert smtp_server.recipients() == ["here@example.org"]
        assert Email.objects.get(to_address="gone@example.org").status == EmailStatus.CANCELLED

    def test_suppressed_between_claim_and_send_is_cancelled(self, smtp_server):
        queue_notice("gone@example.org")
        clock = Clock()
        claimed = emails_claim(worker=WORKER, limit=10, now=clock())
        email_suppress(address="gone@example.org", reason=SuppressionReason.BLOCKED, source="t")
        from sirius.emails.dispatch import emails_send

        result = emails_send(claimed, worker=WORKER, clock=clock)
        assert result.cancelled == 1
        assert smtp_server.messages == []
        assert Email.objects.get().status == EmailStatus.CANCELLED


class TestFailures:
    def test_temporary_failure_is_retried_with_backoff_then_sent(self, smtp_server, settings):
        settings.SIRIUS_EMAIL_RETRY_BASE_SECONDS = 60
        smtp_server.refuse("later@example.org", "451 4.3.0 Try again later")
        email = queue_notice("later@example.org")
        clock = Clock()

        result = dispatch(clock)
        email.refresh_from_db()
        assert result.retried == 1
        assert email.status == EmailStatus.QUEUED
        assert email.attempts == 1
        assert email.next_attempt_at == clock.now + timedelta(seconds=60)
        assert "451" in email.last_error

        clock.advance(seconds=59)
        assert dispatch(clock).claimed == 0  # not due yet
        clock.advance(seconds=1)
        dispatch(clock)
        email.refresh_from_db()
        assert email.attempts == 2
        assert email.next_attempt_at == clock.now + timedelta(seconds=120)  # doubled

        smtp_server.refusals.clear()
        clock.advance(seconds=120)
        assert dispatch(clock).sent == 1
        email.refresh_from_db()
        assert email.status == EmailStatus.SENT
        assert email.last_error == ""
        assert smtp_server.recipients() == ["later@example.org"]

    def test_temporary_failure_of_data_is_retried(self, smtp_server):
        smtp_server.refuse_data("later@example.org", "452 4.3.1 Insufficient storage")
        queue_notice("later@example.org")
        queue_notice("ok@example.org")
        result = dispatch()
        assert (result.retried, result.sent) == (1, 1)
        assert smtp_server.recipients() == ["ok@example.org"]

    def test_permanent_failure_fails_without_retry(self, smtp_server):
        smtp_server.refuse("nobody@example.org", "550 5.1.1 No such user")
        email = queue_notice("nobody@example.org")
        queue_notice("ok@example.org")
        clock = Clock()
        result = dispatch(clock)
        assert (result.failed, result.sent) == (1, 1)
        email.refresh_from_db()
        assert email.status == EmailStatus.FAILED
        assert email.attempts == 1
        assert "550" in email.last_error
        clock.advance(days=1)
        assert dispatch(clock).claimed == 0

    def test_max_attempts(self, smtp_server, settings):
        settings.SIRIUS_EMAIL_MAX_ATTEMPTS = 3
        smtp_server.refuse("later@example.org", "421 4.7.0 Busy")
        email = queue_notice("later@example.org")
        clock = Clock()
        for _ in range(3):
            dispatch(clock)
            clock.advance(days=1)
        email.refresh_from_db()
        assert email.status == EmailStatus.FAILED
        assert email.attempts == 3
        assert dispatch(clock).claimed == 0

    def test_unreachable_server_is_a_temporary_failure(self, settings):
        from tests.smtp import free_port

        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
        email = queue_notice("a@example.org")
        result = dispatch()
        email.refresh_from_db()
        assert result.retried == 1
        assert email.status == EmailStatus.QUEUED
        assert "connexion" in email.last_error.lower()


class TestRateLimit:
    def test_no_more_than_the_rate_in_any_minute(self, smtp_server, settings):
        settings.SIRIUS_EMAIL_RATE_PER_MINUTE = 3
        for index in range(7):
            queue_notice(f"a{index}@example.org")
        clock = Clock()
        assert dispatch(clock).sent == 3
        clock.advance(seconds=30)
        result = dispatch(clock)
        assert result.claimed == 0
        assert result.rate_limited
        clock.advance(seconds=31)
        assert dispatch(clock).sent == 3
        clock.advance(seconds=61)
        assert dispatch(clock).sent == 1
        assert len(smtp_server.messages) == 7

    def test_unlimited_rate(self, smtp_server, settings):
        settings.SIRIUS_EMAIL_RATE_PER_MINUTE = 0
        for index in range(7):
            queue_notice(f"a{index}@example.org")
        assert dispatch(batch_size=100).sent == 7


class TestSweep:
    def test_stale_claims_go_back_to_the_queue(self, settings):
        settings.SIRIUS_EMAIL_CLAIM_TIMEOUT_SECONDS = 300
        stale, fresh = queue_notice("a@example.org"), queue_notice("b@example.org")
        clock = Clock()
        emails_claim(worker="dead-worker", limit=1, now=clock())
        clock.advance(seconds=200)
        emails_claim(worker="live-worker", limit=1, now=clock())
        clock.advance(seconds=101)

        assert emails_sweep_stale(now=clock()) == 1
        stale.refresh_from_db()
        fresh.refresh_from_db()
        assert stale.status == EmailStatus.QUEUED
        assert stale.claimed_by == ""
        assert stale.attempts == 1
        assert stale.next_attempt_at == clock.now
        assert fresh.status == EmailStatus.SENDING
        assert fresh.claimed_by == "live-worker"

    def test_a_stale_claim_out_of_attempts_fails(self, settings):
        settings.SIRIUS_EMAIL_MAX_ATTEMPTS = 1
        email = queue_notice("a@example.org")
        clock = Clock()
        emails_claim(worker="dead-worker", limit=1, now=clock())
        clock.advance(hours=1)
        emails_sweep_stale(now=clock())
        email.refresh_from_db()
        assert email.status == EmailStatus.FAILED

    def test_a_late_worker_does_not_overwrite_a_swept_email(self, smtp_server):
        email = queue_notice("a@example.org")
        clock = Clock()
        claimed = emails_claim(worker="slow-worker", limit=1, now=clock())
        clock.advance(hours=1)
        emails_sweep_stale(now=clock())
        assert dispatch(clock).sent == 1  # another worker sent it
        from sirius.emails.dispatch import _finish

        assert _finish(claimed[0], "slow-worker", status=EmailStatus.FAILED) == 0
        email.refresh_from_db()
        assert email.status == EmailStatus.SENT


class TestCommand:
    def test_once_drains_the_queue(self, smtp_server, settings):
        settings.SIRIUS_EMAIL_RATE_PER_MINUTE = 0
        for index in range(12):
            queue_notice(f"a{index}@example.org")
        smtp_server.refuse("a3@example.org", "550 No such user")
        call_command("email_worker", "--once", "--batch-size", "5")
        assert len(smtp_server.messages) == 11
        assert Email.objects.filter(status=EmailStatus.SENT).count() == 11
        assert Email.objects.get(status=EmailStatus.FAILED).to_address == "a3@example.org"
