import json

import pytest
from django.urls import reverse

from sirius.audit.models import Event
from sirius.emails.enums import EmailStatus, SuppressionReason
from sirius.emails.models import Email, EmailSuppression

from .helpers import queue_notice

pytestmark = pytest.mark.django_db
SECRET = "s3cret-webhook-value"
URL = reverse("emails:brevo_webhook")


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.SIRIUS_EMAIL_WEBHOOK_SECRET = SECRET


def post(client, payload, *, secret=SECRET, bearer=False):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    if bearer:
        return client.post(
            URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
    return client.post(f"{URL}?secret={secret}", body, content_type="application/json")


def event(kind, address="lea@example.org", message_id="<x@relay.example>", **extra):
    return {
        "event": kind,
        "email": address,
        "id": 123456,
        "date": "2026-11-28 10:00:00",
        "ts_epoch": 1795856400000,
        "message-id": message_id,
        "subject": "Ton avis",
        "reason": "550 5.1.1 user unknown",
        **extra,
    }


class TestAuthentication:
    def test_without_secret_is_401(self, client):
        response = client.post(URL, json.dumps(event("hard_bounce")), "application/json")
        assert response.status_code == 401
        assert not EmailSuppression.objects.exists()

    @pytest.mark.parametrize("bearer", [False, True])
    def test_wrong_secret_is_403(self, client, bearer):
        response = post(client, event("hard_bounce"), secret="wrong", bearer=bearer)
        assert response.status_code == 403
        assert not EmailSuppression.objects.exists()

    @pytest.mark.parametrize("bearer", [False, True])
    def test_right_secret_in_query_or_header(self, client, bearer):
        assert post(client, event("hard_bounce"), bearer=bearer).status_code == 200
        assert EmailSuppression.objects.count() == 1

    def test_unset_secret_disables_the_endpoint(self, client, settings):
        settings.SIRIUS_EMAIL_WEBHOOK_SECRET = ""
        assert post(client, event("hard_bounce"), secret="").status_code == 404
        assert post(client, event("hard_bounce"), secret="anything").status_code == 404
        assert not EmailSuppression.objects.exists()

    def test_get_is_refused(self, client):
        assert client.get(f"{URL}?secret={SECRET}").status_code == 405


class TestEvents:
    @pytest.mark.parametrize(
        ("kind", "reason"),
        [
            ("hard_bounce", SuppressionReason.HARD_BOUNCE),
            ("invalid_email", SuppressionReason.HARD_BOUNCE),
            ("spam", SuppressionReason.COMPLAINT),
            ("blocked", SuppressionReason.BLOCKED),
            ("unsubscribed", SuppressionReason.UNSUBSCRIBED),
            ("unsubscribe", SuppressionReason.UNSUBSCRIBED),
        ],
    )
    def test_suppressing_events(self, client, kind, reason):
        sent = queue_notice("lea@example.org")
        pending = queue_notice("lea@example.org")
        Email.objects.filter(pk=sent.pk).update(status=EmailStatus.SENT, sent_at=sent.created_at)

        response = post(client, event(kind, address="Lea@Example.org", message_id=sent.message_id))

        assert response.status_code == 200
        assert response.json() == {"outcomes": ["suppressed"]}
        suppression = EmailSuppression.objects.get()
        assert (suppression.address, suppression.reason) == ("lea@example.org", reason)
        assert suppression.source == f"brevo:{kind}"
        sent.refresh_from_db()
        pending.refresh_from_db()
        assert sent.status == EmailStatus.SENT
        assert sent.last_error.startswith(kind)
        assert pending.status == EmailStatus.CANCELLED
        audit = Event.objects.get(verb="email.suppressed")
        assert audit.data["reason"] == reason
        # Later emails to the address are cancelled at once.
        assert queue_notice("lea@example.org").status == EmailStatus.CANCELLED

    def test_soft_bounce_is_recorded_on_the_email_only(self, client):
        sent = queue_notice("lea@example.org")
        bare_id = sent.message_id.strip("<>")
        response = post(client, event("soft_bounce", message_id=bare_id, reason="mailbox full"))
        assert response.json() == {"outcomes": ["recorded"]}
        sent.refresh_from_db()
        assert "soft_bounce" in sent.last_error
        assert "mailbox full" in sent.last_error
        assert sent.status == EmailStatus.QUEUED
        assert not EmailSuppression.objects.exists()
        assert not Event.objects.exists()

    @pytest.mark.parametrize("kind", ["delivered", "opened", "click", "something_new"])
    def test_other_events_are_ignored(self, client, kind):
        response = post(client, event(kind))
        assert response.status_code == 200
        assert response.json() == {"outcomes": ["ignored"]}
        assert not EmailSuppression.objects.exists()

    def test_a_batch_of_events(self, client):
        response = post(client, [event("delivered"), event("spam", address="b@example.org")])
        assert response.json() == {"outcomes": ["ignored", "suppressed"]}
        assert EmailSuppression.objects.get().address == "b@example.org"

    @pytest.mark.parametrize(
        "body",
        [
            "{not json",
            "[]",
            '"a string"',
            json.dumps({"email": "lea@example.org"}),
            json.dumps({"event": "hard_bounce"}),
            json.dumps({"event": "hard_bounce", "email": 12}),
            json.dumps([{"event": "spam", "email": "a@example.org"}, "oops"]),
        ],
    )
    def test_malformed_payload_is_400_and_changes_nothing(self, client, body):
        response = post(client, body)
        assert response.status_code == 400
        assert not EmailSuppression.objects.exists()
