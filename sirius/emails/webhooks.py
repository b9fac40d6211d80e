"""Events posted by the email provider (Brevo's transactional webhook format).

One event is a JSON object such as
    {"event": "hard_bounce", "email": "x@example.org", "message-id": "<…@…>",
     "date": "2026-01-05 10:12:00", "ts_epoch": 1767604320000, "reason": "550 unknown user"}
Brevo posts one object per request, or a list of them when batching is enabled.
"""

from django.db import transaction

from .enums import SuppressionReason
from .models import Email
from .services import email_suppress

SUPPRESSING_EVENTS = {
    "hard_bounce": SuppressionReason.HARD_BOUNCE,
    "invalid_email": SuppressionReason.HARD_BOUNCE,
    "spam": SuppressionReason.COMPLAINT,
    "complaint": SuppressionReason.COMPLAINT,
    "blocked": SuppressionReason.BLOCKED,
    "unsubscribed": SuppressionReason.UNSUBSCRIBED,
    "unsubscribe": SuppressionReason.UNSUBSCRIBED,
}
RECORDED_EVENTS = {"soft_bounce", "deferred"}


class BrevoPayloadError(ValueError):
    pass


def _email_for_event(event, address):
    emails = Email.objects.for_message_id(event.get("message-id"))
    return emails.filter(to_address=address).first() or emails.first()


@transaction.atomic
def brevo_event_handle(event):
    """Apply one provider event; return what was done ("suppressed", "recorded", "ignored")."""
    if not isinstance(event, dict) or not isinstance(event.get("event"), str):
        raise BrevoPayloadError("Chaque événement doit être un objet JSON avec un champ « event ».")
    kind = event["event"]
    if kind not in SUPPRESSING_EVENTS and kind not in RECORDED_EVENTS:
        return "ignored"
    address = event.get("email")
    if not isinstance(address, str) or "@" not in address:
        raise BrevoPayloadError(f"L'événement « {kind} » n'a pas d'adresse « email » valide.")
    address = address.strip().lower()
    reason = str(event.get("reason") or "")[:1000]
    email = _email_for_event(event, address)
    note = f"{kind} ({event.get('date') or 'date inconnue'}) : {reason}".rstrip(" :")
    if email is not None:
        Email.objects.filter(pk=email.pk).update(last_error=note)
    if kind in RECORDED_EVENTS:
        return "recorded" if email is not None else "ignored"
    email_suppress(address=address, reason=SUPPRESSING_EVENTS[kind], source=f"brevo:{kind}")
    return "suppressed"


def brevo_events_handle(payload):
    """Apply one event or a list of events; return the outcome of each."""
    events = payload if isinstance(payload, list) else [payload]
    if not events:
        raise BrevoPayloadError("Aucun événement.")
    with transaction.atomic():
        return [brevo_event_handle(event) for event in events]
