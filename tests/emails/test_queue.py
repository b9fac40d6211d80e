import pytest
from django.db import IntegrityError

from sirius.audit.models import Event
from sirius.emails.enums import EmailKind, EmailStatus, SuppressionReason
from sirius.emails.models import Email, EmailSuppression
from sirius.emails.services import (
    email_queue,
    email_suppress,
    render_email,
    unsubscribe_headers,
    unsubscribe_token,
    unsubscribe_token_address,
)

from .helpers import queue_notice

pytestmark = pytest.mark.django_db


class TestRenderEmail:
    def test_subject_text_and_html(self):
        subject, text, html = render_email(
            "notice",
            {
                "subject": "Ton avis\n compte",
                "heading": "Bonjour Léa",
                "paragraphs": ["Un <b>paragraphe</b> & un autre."],
                "action_url": "https://sirius.example/r/abc/",
                "action_label": "Répondre",
                "unsubscribe_url": "https://sirius.example/desinscription/t/",
            },
        )
        assert subject == "Ton avis compte"
        # The plain-text part is not HTML-escaped.
        assert "Un <b>paragraphe</b> & un autre." in text
        assert "Répondre : https://sirius.example/r/abc/" in text
        assert "Désinscription : https://sirius.example/desinscription/t/" in text
        assert "&lt;b&gt;paragraphe&lt;/b&gt; &amp; un autre." in html
        assert '<a href="https://sirius.example/r/abc/">Répondre</a>' in html
        assert 'name="viewport"' in html
        assert "<img" not in html
        assert "https://sirius.example/desinscription/t/" in html

    def test_without_optional_parts(self):
        _, text, html = render_email(
            "notice", {"subject": "Objet", "heading": "Titre", "paragraphs": []}
        )
        assert "Désinscription" not in text
        assert "désinscrire" not in html


class TestEmailQueue:
    def test_queues_a_row(self):
        email = queue_notice("Lea@Example.org")
        email.refresh_from_db()
        assert email.status == EmailStatus.QUEUED
        assert email.to_address == "lea@example.org"
        assert email.subject == "Message pour Lea@Example.org"
        assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert email.next_attempt_at is not None
        assert email.attempts == 0
        assert email.message_id.startswith("<") and email.message_id.endswith("@sirius.example>")

    def test_same_idempotency_key_returns_the_first_row(self):
        first = queue_notice("a@example.org", idempotency_key="invitation:42:first")
        again = queue_notice(
            "a@example.org", idempotency_key="invitation:42:first", heading="Autre"
        )
        assert again.pk == first.pk
        assert Email.objects.count() == 1
        queue_notice("a@example.org", idempotency_key="invitation:42:reminder:1")
        queue_notice("a@example.org")
        queue_notice("a@example.org")
        assert Email.objects.count() == 4

    def test_the_database_refuses_a_duplicate_key(self):
        queue_notice("a@example.org", idempotency_key="k")
        with pytest.raises(IntegrityError):
            Email.objects.create(
                to_address="b@example.org", subject="s", body_text="t", kind="other",
                idempotency_key="k", next_attempt_at=Email.objects.get().next_attempt_at,
            )  # fmt: skip

    def test_suppressed_address_is_cancelled(self):
        email_suppress(address="a@example.org", reason=SuppressionReason.HARD_BOUNCE, source="test")
        email = email_queue(to="A@example.org", subject="s", text="t", kind=EmailKind.REMINDER)
        email.refresh_from_db()
        assert email.status == EmailStatus.CANCELLED
        assert "rejet définitif" in email.last_error


class TestEmailSuppress:
    def test_cancels_queued_emails_and_records_an_event(self):
        queued = queue_notice("a@example.org")
        other = queue_notice("b@example.org")
        suppression, created = email_suppress(
            address=" A@Example.org ", reason=SuppressionReason.UNSUBSCRIBED, source="test"
        )
        assert created
        assert suppression.address == "a@example.org"
        queued.refresh_from_db()
        other.refresh_from_db()
        assert queued.status == EmailStatus.CANCELLED
        assert other.status == EmailStatus.QUEUED
        event = Event.objects.get(verb="email.suppressed")
        assert event.data == {"reason": "unsubscribed", "source": "test", "cancelled": 1}

    def test_twice_keeps_the_first_reason(self):
        email_suppress(address="a@example.org", reason=SuppressionReason.UNSUBSCRIBED, source="x")
        suppression, created = email_suppress(
            address="a@example.org", reason=SuppressionReason.COMPLAINT, source="y"
        )
        assert not created
        assert suppression.reason == SuppressionReason.UNSUBSCRIBED
        assert EmailSuppression.objects.count() == 1
        assert Event.objects.filter(verb="email.suppressed").count() == 1


class TestUnsubscribeHeaders:
    def test_url_mailto_and_one_click(self, settings):
        settings.SITE_URL = "https://sirius.example"
        settings.SIRIUS_UNSUBSCRIBE_MAILTO = "desinscription@sirius.example"
        headers = unsubscribe_headers("Lea@example.org")
        url, mailto = headers["List-Unsubscribe"].split(", ")
        assert url.startswith("<https://sirius.example/desinscription/")
        assert mailto == "<mailto:desinscription@sirius.example?subject=unsubscribe>"
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_token_carries_the_address_and_resists_tampering(self):
        token = unsubscribe_token("Lea@example.org")
        assert unsubscribe_token_address(token) == "lea@example.org"
        assert unsubscribe_token_address(token[:-2] + "xx") is None
        assert unsubscribe_token_address("nimportequoi") is None
