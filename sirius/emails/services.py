"""Writes on the outbox and the suppression list, and the helpers that build an email."""

from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sirius.audit.services import event_record

from .enums import EmailStatus, SuppressionReason
from .models import Email, EmailSuppression, normalize_address

UNSUBSCRIBE_SALT = "sirius.emails.unsubscribe"


def render_email(template_name, context):
    """(subject, text, html) from templates/emails/<name>.subject.txt, .txt and .html.

    The subject is one line (newlines are collapsed). The HTML template extends
    emails/base.html; the text template is the plain-text part every email carries.
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template_name}.subject.txt", context)
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{template_name}.txt", context).strip() + "\n"
    html = render_to_string(f"emails/{template_name}.html", context)
    return subject, text, html


def unsubscribe_token(address):
    """A signed token carrying the address (never a database id); it does not expire."""
    return signing.dumps(normalize_address(address), salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_address(token):
    """The address carried by a token, or None when the token is invalid or tampered with."""
    try:
        address = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return address if isinstance(address, str) and "@" in address else None


def unsubscribe_url(address):
    path = reverse("emails:unsubscribe", kwargs={"token": unsubscribe_token(address)})
    return settings.SITE_URL + path


def unsubscribe_headers(address):
    """List-Unsubscribe (https URL and mailto) and List-Unsubscribe-Post (RFC 8058) headers."""
    targets = [f"<{unsubscribe_url(address)}>"]
    if settings.SIRIUS_UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{settings.SIRIUS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def message_id_new():
    """A Message-ID in the domain of DEFAULT_FROM_EMAIL."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "sirius.invalid"
    return make_msgid(domain=domain)


def email_queue(*, to, subject, text, kind, html="", headers=None, idempotency_key=None):
    """Put one email in the outbox, inside the caller's transaction; return its row.

    A repeated `idempotency_key` returns the row queued the first time, unchanged. An address on
    the suppression list gets a row in state `cancelled` (with the reason), never sent.
    """
    address = normalize_address(to)
    if idempotency_key:
        existing = Email.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    now = timezone.now()
    email = Email(
        to_address=address,
        subject=" ".join(subject.split()),
        body_text=text,
        body_html=html,
        headers=dict(headers or {}),
        kind=kind,
        idempotency_key=idempotency_key or None,
        status=EmailStatus.QUEUED,
        next_attempt_at=now,
        message_id=message_id_new(),
    )
    suppression = EmailSuppression.objects.for_address(address).first()
    if suppression is not None:
        email.status = EmailStatus.CANCELLED
        email.next_attempt_at = None
        email.last_error = _suppressed_reason(suppression.reason)
    try:
        with transaction.atomic():
            email.save()
    except IntegrityError:
        # Another transaction queued the same key in the meantime.
        if idempotency_key:
            existing = Email.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        raise
    return email


def _suppressed_reason(reason):
    return f"Adresse exclue des envois : {SuppressionReason(reason).label}."


@transaction.atomic
def email_suppress(*, address, reason, source, actor=None):
    """Add an address to the suppression list and cancel the emails still queued for it.

    Returns (suppression, created). An address already on the list keeps its first reason.
    """
    address = normalize_address(address)
    suppression, created = EmailSuppression.objects.get_or_create(
        address=address, defaults={"reason": reason, "source": source}
    )
    cancelled = Email.objects.filter(to_address=address, status=EmailStatus.QUEUED).update(
        status=EmailStatus.CANCELLED,
        next_attempt_at=None,
        last_error=_suppressed_reason(suppression.reason),
    )
    if created or cancelled:
        event_record(
            verb="email.suppressed",
            actor=actor,
            obj=suppression,
            data={"reason": suppression.reason, "source": source, "cancelled": cancelled},
        )
    return suppression, created
