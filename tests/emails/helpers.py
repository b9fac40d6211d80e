"""Shared helpers of the email tests: a controllable clock and a quick way to queue."""

from datetime import timedelta

from django.utils import timezone

from sirius.emails.enums import EmailKind
from sirius.emails.services import email_queue, render_email, unsubscribe_headers


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now=None):
        self.now = now or timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


def queue_notice(to, *, kind=EmailKind.OTHER, idempotency_key=None, heading="Bonjour"):
    subject, text, html = render_email(
        "notice",
        {
            "subject": f"Message pour {to}",
            "heading": heading,
            "paragraphs": ["Premier paragraphe.", "Second paragraphe < & >."],
            "action_url": "https://sirius.example/lien/abc/",
            "action_label": "Ouvrir le lien",
        },
    )
    return email_queue(
        to=to,
        subject=subject,
        text=text,
        html=html,
        headers=unsubscribe_headers(to),
        kind=kind,
        idempotency_key=idempotency_key,
    )
