"""Moderators' decisions on verbatims and CFA replies: one service, an append-only trail.

Every change of status writes a ModerationDecision row and an audit event, in the transaction
of the change. A moderator may revise any decision: that adds a record, it never edits one.
The text itself is never touched: masking publishes a copy computed from accepted spans.
"""

from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.stats.services import verbatim_publication_changed

from . import notifications
from .analysis import Span, masking
from .enums import PUBLIC_STATUSES, ModerationStatus, RejectionReason
from .models import EstablishmentReply, ModerationDecision


class ModerationError(ValueError):
    """A decision that cannot be taken; the message is French, for the moderator."""


def spans_check(text, spans):
    """The spans sorted, or ModerationError when one is outside the text or overlaps another."""
    ordered = sorted(spans, key=lambda span: (span.start, span.end))
    previous_end = 0
    for span in ordered:
        if not (0 <= span.start < span.end <= len(text)):
            raise ModerationError("Une zone à masquer déborde du texte.")
        if span.start < previous_end:
            raise ModerationError("Deux zones à masquer se chevauchent.")
        previous_end = span.end
    return [
        Span(kind=span.kind, start=span.start, end=span.end, text=text[span.start : span.end])
        for span in ordered
    ]


def proposed_spans(target):
    """The spans the analysis proposed for a verbatim or a reply."""
    return [Span(**span) for span in target.analysis.get("spans", [])]


def _validate(target, to_status, reason, note, spans):
    if to_status not in ModerationStatus.values or to_status == ModerationStatus.PENDING:
        raise ModerationError("Choisissez une décision : publier, masquer, refuser ou alerter.")
    if to_status == ModerationStatus.REJECTED and reason not in RejectionReason.values:
        raise ModerationError("Choisissez un motif de refus dans la liste publiée.")
    if to_status != ModerationStatus.REJECTED and reason:
        raise ModerationError("Un motif de refus ne s'indique que pour un refus.")
    if to_status == ModerationStatus.PUBLISHED_MASKED and not spans:
        raise ModerationError("Choisissez au moins une zone à masquer.")
    if to_status == ModerationStatus.ALERT and isinstance(target, EstablishmentReply):
        raise ModerationError("Une réponse de centre de formation ne peut pas être une alerte.")
    if target.status == ModerationStatus.ALERT and to_status != target.status and not note.strip():
        raise ModerationError("Pour lever une alerte, expliquez pourquoi dans la note.")


@transaction.atomic
def text_moderate(
    *, target, actor, to_status, reason="", note="", spans=None, seen_status=None, now=None
):
    """Decide on a verbatim or a reply (`target`); return the decision record.

    `spans` are the zones to mask for « publié avec masquage » (the analysis proposal when
    omitted). `seen_status` is the status the moderator saw: when another decision came in
    between, nothing is written. Raises ModerationError with a French message.
    """
    now = now or timezone.now()
    target = type(target).objects.select_for_update().get(pk=target.pk)
    if seen_status is not None and target.status != seen_status:
        raise ModerationError(
            "Ce texte vient d'être modéré par quelqu'un d'autre : "
            f"il est maintenant « {target.get_status_display()} »."
        )
    note = note.strip()
    if to_status == ModerationStatus.PUBLISHED_MASKED:
        spans = spans_check(target.text, proposed_spans(target) if spans is None else spans)
    else:
        spans = []
    _validate(target, to_status, reason, note, spans)
    from_status = target.status
    masked_text = masking.mask(target.text, spans) if spans else ""
    target.status = to_status
    target.rejection_reason = reason
    target.masked_text = masked_text
    target.decided_at = now
    if to_status in PUBLIC_STATUSES:
        if from_status not in PUBLIC_STATUSES:
            target.published_at = now
    else:
        target.published_at = None
    target.save(
        update_fields=[
            "status",
            "rejection_reason",
            "masked_text",
            "decided_at",
            "published_at",
        ]
    )
    is_reply = isinstance(target, EstablishmentReply)
    was_public, is_public = from_status in PUBLIC_STATUSES, to_status in PUBLIC_STATUSES
    if not is_reply and was_public != is_public:
        verbatim_publication_changed(verbatim=target, sign=1 if is_public else -1)
    decision = ModerationDecision.objects.create(
        verbatim=None if is_reply else target,
        reply=target if is_reply else None,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        note=note,
        masked_text=masked_text,
    )
    event_record(
        verb="reply.moderated" if is_reply else "verbatim.moderated",
        actor=actor,
        obj=target,
        data={
            "from": from_status,
            "to": to_status,
            "reason": reason,
            "automatic": actor is None,
            "masked_spans": len(spans),
        },
    )
    if not is_reply:
        from .alerting import alert_close_as_false_alarm, alert_raise

        if to_status == ModerationStatus.ALERT:
            alert_raise(verbatim=target, kinds=target.analysis.get("alert_kinds", []), now=now)
        elif from_status == ModerationStatus.ALERT:
            alert_close_as_false_alarm(verbatim=target, actor=actor, note=note, now=now)
    if is_reply:  # the CFA hears of every outcome, automatic publication included
        notifications.reply_outcome_queue(reply=target, decision=decision)
    elif to_status == ModerationStatus.REJECTED and actor is not None:
        notifications.rejection_queue(verbatim=target, decision=decision)
    return decision


def verbatim_moderate(*, verbatim, actor, to_status, **options):
    """See `text_moderate` (options: reason, note, spans, seen_status, now)."""
    return text_moderate(target=verbatim, actor=actor, to_status=to_status, **options)


def reply_moderate(*, reply, actor, to_status, **options):
    """See `text_moderate` (options: reason, note, spans, seen_status, now)."""
    return text_moderate(target=reply, actor=actor, to_status=to_status, **options)


def verbatims_publish_unflagged(*, actor, verbatims, now=None):
    """Publish, each with its own decision, the pending verbatims of `verbatims` that the
    analysis did not flag; return how many were published."""
    published = 0
    for verbatim in verbatims.pending().unflagged().order_by("pk"):
        try:
            verbatim_moderate(
                verbatim=verbatim,
                actor=actor,
                to_status=ModerationStatus.PUBLISHED,
                seen_status=ModerationStatus.PENDING,
                now=now,
            )
        except ModerationError:  # decided by someone else meanwhile
            continue
        published += 1
    return published
