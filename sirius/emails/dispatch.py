"""Sending the outbox: sweep stale claims, claim a batch, send it over one connection.

The worker (`manage.py email_worker`) calls `email_dispatch_once` in a loop. Rows are claimed in
a short transaction and marked `sending` before any SMTP conversation, then each row is finished
(sent, retried later, failed) right after its own conversation. A worker killed mid-batch leaves
its rows in `sending`; `emails_sweep_stale` puts them back in the queue after
SIRIUS_EMAIL_CLAIM_TIMEOUT_SECONDS, so at most the email in flight at the moment of the kill is
sent twice.
"""

import logging
import os
import smtplib
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formatdate

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .enums import EmailStatus
from .models import Email, EmailSuppression

logger = logging.getLogger(__name__)

RATE_WINDOW = timedelta(seconds=60)
MAX_BACKOFF = timedelta(hours=6)
# Key of the PostgreSQL advisory lock that serialises claims when a rate limit applies.
CLAIM_LOCK_KEY = 7_301_842_551


@dataclass
class DispatchResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    released: int = 0
    rate_limited: bool = False


def worker_id_new():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def retry_delay(attempts):
    """Exponential backoff after the `attempts`-th failed attempt (1 → base, 2 → 2 × base …)."""
    base = timedelta(seconds=settings.SIRIUS_EMAIL_RETRY_BASE_SECONDS)
    return min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def emails_sweep_stale(*, now=None):
    """Put back in the queue the emails claimed too long ago by a worker that never finished.

    An email that already used all its attempts fails instead. Returns the number of rows swept.
    """
    now = now or timezone.now()
    older_than = now - timedelta(seconds=settings.SIRIUS_EMAIL_CLAIM_TIMEOUT_SECONDS)
    stale = Email.objects.stale_claims(older_than)
    interrupted = "Envoi interrompu (processus d'envoi arrêté pendant l'envoi)."
    failed = stale.filter(attempts__gte=settings.SIRIUS_EMAIL_MAX_ATTEMPTS).update(
        status=EmailStatus.FAILED, claimed_by="", next_attempt_at=None, last_error=interrupted
    )
    requeued = stale.update(
        status=EmailStatus.QUEUED, claimed_by="", next_attempt_at=now, last_error=interrupted
    )
    if failed or requeued:
        logger.warning("emails: %s stale claims requeued, %s failed", requeued, failed)
    return failed + requeued


def rate_budget(now):
    """How many emails may still be claimed now under SIRIUS_EMAIL_RATE_PER_MINUTE (None: no limit).

    The limit holds over any sliding window of 60 seconds and across all workers: every claim
    (an SMTP attempt) in the last 60 seconds counts.
    """
    rate = settings.SIRIUS_EMAIL_RATE_PER_MINUTE
    if not rate:
        return None
    recent = Email.objects.filter(claimed_at__gt=now - RATE_WINDOW).count()
    return max(rate - recent, 0)


def emails_claim(*, worker, limit, now=None):
    """Atomically claim up to `limit` due emails for `worker`; return them (status `sending`)."""
    now = now or timezone.now()
    with transaction.atomic():
        if settings.SIRIUS_EMAIL_RATE_PER_MINUTE and db_connection.vendor == "postgresql":
            # Two workers counting the window at once would both spend the same budget.
            with db_connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLAIM_LOCK_KEY])
        budget = rate_budget(now)
        if budget is not None:
            limit = min(limit, budget)
        if limit <= 0:
            return []
        due = Email.objects.due(now)
        if db_connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Email.objects.filter(pk__in=ids, status=EmailStatus.QUEUED).update(
            status=EmailStatus.SENDING,
            claimed_at=now,
            claimed_by=worker,
            attempts=F("attempts") + 1,
        )
    return list(
        Email.objects.filter(pk__in=ids, status=EmailStatus.SENDING, claimed_by=worker).order_by(
            "next_attempt_at", "pk"
        )
    )


def _message_build(email, connection):
    headers = {"Message-ID": email.message_id, "Date": formatdate(localtime=True)}
    headers.update(email.headers or {})
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_address],
        headers=headers,
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _failure_classify(error):
    """(permanent, description, connection_broken) for an exception raised while sending."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        detail = "; ".join(
            f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        )
        return all(code >= 500 for code in codes), f"Destinataire refusé : {detail}", False
    if isinstance(error, smtplib.SMTPAuthenticationError):
        # A configuration problem, not the recipient's: try again later.
        return False, f"Authentification SMTP refusée : {error.smtp_code}", False
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return False, f"Connexion SMTP coupée : {error}", True
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        if isinstance(message, bytes):
            message = message.decode(errors="replace")
        return error.smtp_code >= 500, f"SMTP {error.smtp_code} {message}", error.smtp_code == 421
    if isinstance(error, AnymailRecipientsRefused):
        return True, f"Destinataire refusé par le prestataire : {error}", False
    if isinstance(error, AnymailError):
        return False, f"Erreur du prestataire : {error}", False
    if isinstance(error, OSError | smtplib.SMTPException):
        return False, f"Erreur de connexion : {error!r}", True
    return False, f"Erreur inattendue : {error!r}", True


def _finish(email, worker, **fields):
    """Write the outcome of one email, only if this worker still holds its claim."""
    return Email.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claimed_by=worker).update(
        **fields
    )


def _failure_record(email, worker, *, permanent, description, now, result):
    if permanent or email.attempts >= settings.SIRIUS_EMAIL_MAX_ATTEMPTS:
        result.failed += 1
        logger.warning(
            "emails: %s failed after %s attempts: %s", email.uuid, email.attempts, description
        )
        _finish(
            email,
            worker,
            status=EmailStatus.FAILED,
            claimed_by="",
            next_attempt_at=None,
            last_error=description,
        )
    else:
        result.retried += 1
        _finish(
            email,
            worker,
            status=EmailStatus.QUEUED,
            claimed_by="",
            next_attempt_at=now + retry_delay(email.attempts),
            last_error=description,
        )


def _release(emails, worker):
    """Give back claimed emails that were never attempted (the worker is stopping)."""
    ids = [email.pk for email in emails]
    return Email.objects.filter(pk__in=ids, status=EmailStatus.SENDING, claimed_by=worker).update(
        status=EmailStatus.QUEUED, claimed_by="", claimed_at=None, attempts=F("attempts") - 1
    )


def emails_send(emails, *, worker, clock=timezone.now, should_stop=None, result=None):
    """Send claimed emails over one connection of EMAIL_BACKEND and record each outcome."""
    result = result or DispatchResult()
    suppressed = set(
        EmailSuppression.objects.filter(
            address__in={email.to_address for email in emails}
        ).values_list("address", flat=True)
    )
    connection = get_connection(fail_silently=False)
    opened = False
    for index, email in enumerate(emails):
        if should_stop is not None and should_stop():
            result.released += _release(emails[index:], worker)
            break
        if email.to_address in suppressed:
            result.cancelled += 1
            _finish(
                email,
                worker,
                status=EmailStatus.CANCELLED,
                claimed_by="",
                next_attempt_at=None,
                last_error="Adresse exclue des envois.",
            )
            continue
        try:
            if not opened:
                connection.open()
                opened = True
            message = _message_build(email, connection)
            connection.send_messages([message])
        except Exception as error:
            permanent, description, broken = _failure_classify(error)
            _failure_record(
                email,
                worker,
                permanent=permanent,
                description=description,
                now=clock(),
                result=result,
            )
            if broken and opened:
                try:
                    connection.close()
                except Exception:
                    logger.debug("emails: closing a broken connection failed", exc_info=True)
                opened = False
            continue
        status = getattr(message, "anymail_status", None)
        provider_id = getattr(status, "message_id", None) if status is not None else None
        fields = {
            "status": EmailStatus.SENT,
            "sent_at": clock(),
            "claimed_by": "",
            "next_attempt_at": None,
            "last_error": "",
        }
        if isinstance(provider_id, str) and provider_id:
            fields["message_id"] = provider_id
        _finish(email, worker, **fields)
        result.sent += 1
    if opened:
        try:
            connection.close()
        except Exception:
            logger.debug("emails: closing the connection failed", exc_info=True)
    return result


def email_dispatch_once(*, worker, batch_size=None, clock=timezone.now, should_stop=None):
    """Sweep stale claims, claim one batch of due emails and send it. Returns a DispatchResult."""
    batch_size = batch_size or settings.SIRIUS_EMAIL_BATCH_SIZE
    emails_sweep_stale(now=clock())
    now = clock()
    emails = emails_claim(worker=worker, limit=batch_size, now=now)
    result = DispatchResult(claimed=len(emails))
    if not emails:
        budget = rate_budget(now)
        result.rate_limited = budget == 0 and Email.objects.due(now).exists()
        return result
    return emails_send(emails, worker=worker, clock=clock, should_stop=should_stop, result=result)
