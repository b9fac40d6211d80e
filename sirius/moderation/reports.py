"""Reports (« signalements ») of a review by its CFA or by anyone (DSA article 16).

A report never hides a review by itself: the moderator decides on the review
(`decisions.verbatim_moderate`) and closes the report, and the reporter is told the outcome.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record

from . import notifications
from .enums import ReportReason, ReportSource, ReportStatus
from .models import Report
from .replies import reply_establishment

EXPLANATION_MAX_LENGTH = 2000


class ReportRefused(ValueError):
    """The report cannot be recorded; the message is French, for the reporter."""


def _clean(reason, explanation):
    if reason not in ReportReason.values:
        raise ReportRefused("Choisissez un motif de signalement.")
    explanation = explanation.strip()
    if len(explanation) > EXPLANATION_MAX_LENGTH:
        raise ReportRefused(f"L'explication fait plus de {EXPLANATION_MAX_LENGTH} caractères.")
    if reason == ReportReason.OTHER and not explanation:
        raise ReportRefused("Expliquez ce qui pose problème dans cet avis.")
    return explanation


@transaction.atomic
def report_create_by_establishment(*, verbatim, actor, reason, explanation):
    """A reasoned report by the CFA the review is about (an explanation is required)."""
    explanation = _clean(reason, explanation)
    if not explanation:
        raise ReportRefused("Expliquez en quelques mots ce qui pose problème dans cet avis.")
    establishment = reply_establishment(verbatim=verbatim, actor=actor)
    if establishment is None:
        raise ReportRefused("Cet avis ne concerne pas vos formations.")
    report = Report.objects.create(
        verbatim=verbatim,
        source=ReportSource.ESTABLISHMENT,
        reason=reason,
        explanation=explanation,
        reporter=actor,
        establishment=establishment,
    )
    event_record(verb="report.created", actor=actor, obj=report, data={"reason": reason})
    return report


@transaction.atomic
def report_create_by_public(*, verbatim, reason, explanation="", email=""):
    """A notice by anyone about a published review; the email is optional (for the outcome)."""
    explanation = _clean(reason, explanation)
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ReportRefused("Cette adresse e-mail n'est pas valide.") from error
    if not verbatim.is_published:
        raise ReportRefused("Cet avis n'est pas publié.")
    report = Report.objects.create(
        verbatim=verbatim,
        source=ReportSource.PUBLIC,
        reason=reason,
        explanation=explanation,
        reporter_email=email,
    )
    event_record(verb="report.created", obj=report, data={"reason": reason, "source": "public"})
    return report


@transaction.atomic
def report_resolve(*, report, actor, status, note="", now=None):
    """Close a report as upheld or dismissed and tell the reporter."""
    if status not in (ReportStatus.UPHELD, ReportStatus.DISMISSED):
        raise ReportRefused("Choisissez : signalement fondé ou non fondé.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ReportRefused("Ce signalement est déjà traité.")
    report.status = status
    report.outcome_note = note.strip()
    report.handled_by = actor
    report.handled_at = now or timezone.now()
    report.save(update_fields=["status", "outcome_note", "handled_by", "handled_at"])
    event_record(verb="report.resolved", actor=actor, obj=report, data={"status": status})
    notifications.report_outcome_queue(report=report)
    return report
