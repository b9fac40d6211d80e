"""The queue of reports (« signalements »): open first by default, oldest first.

Resolving a report may also decide on the verbatim (unpublish it, or publish it masked), in one
transaction: either both are recorded or neither. The reporter is told the outcome by email
(`report_resolve` queues it); a public reporter's address is never shown, only whether one was
left, since the service alone needs it.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from sirius.moderation.decisions import ModerationError, verbatim_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason, ReportStatus
from sirius.moderation.models import Report
from sirius.moderation.reports import ReportRefused, report_resolve

from ..access import moderator_required
from .forms import VERBATIM_KEEP, ReportFilterForm, ReportResolveForm
from .queue import redirect_to_queue

TITLE = "Signalements"
PAGE_SIZE = 20


@moderator_required
def report_queue(request):
    # Open reports unless the moderator chose another status (or « Tous »).
    form = ReportFilterForm({"status": ReportStatus.OPEN, **request.GET.dict()})
    reports = Report.objects.select_related(
        "verbatim__response__formation__formateur", "establishment", "reporter", "handled_by"
    ).order_by("created_at", "pk")
    if form.is_valid():
        for field in ("status", "source"):
            if form.cleaned_data[field]:
                reports = reports.filter(**{field: form.cleaned_data[field]})
    else:
        reports = reports.filter(status=ReportStatus.OPEN)
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    for report in page_obj:
        report.can_mask = bool(report.verbatim.analysis.get("spans"))
    return render(
        request,
        "backoffice/reports/report_queue.html",
        {
            "title": TITLE,
            "form": form,
            "page_obj": page_obj,
            "reasons": RejectionReason.choices,
            "query": request.GET.urlencode(),
            "breadcrumb_data": {"links": [], "current": TITLE},
        },
    )


def _resolve(*, report, actor, data):
    note = data["note"].strip()
    verbatim_decision = data["verbatim_decision"] or VERBATIM_KEEP
    upheld = data["status"] == ReportStatus.UPHELD
    must_change = report.status == ReportStatus.OPEN and report.verbatim.is_published
    if upheld and verbatim_decision == VERBATIM_KEEP and must_change:
        # The reporter is told that an upheld report's review was removed or masked.
        raise ReportRefused("Un signalement fondé sur un avis publié : dépubliez-le ou masquez-le.")
    if upheld and verbatim_decision != VERBATIM_KEEP:
        verbatim_moderate(
            verbatim=report.verbatim,
            actor=actor,
            to_status=verbatim_decision,
            reason=data["reason"] if verbatim_decision == ModerationStatus.REJECTED else "",
            note=f"Signalement fondé : {note}",
            seen_status=data["seen_status"],
        )
    report_resolve(report=report, actor=actor, status=data["status"], note=note)


@moderator_required
@require_POST
def report_decide(request, public_id):
    report = get_object_or_404(Report.objects.select_related("verbatim"), public_id=public_id)
    form = ReportResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez : signalement fondé ou non fondé.")
        return redirect_to_queue(request, "backoffice:report_queue")
    data = form.cleaned_data
    if not data["note"].strip():
        messages.error(request, "Expliquez votre décision dans la note avant de la valider.")
        return redirect_to_queue(request, "backoffice:report_queue")
    try:
        with transaction.atomic():
            _resolve(report=report, actor=request.user, data=data)
    except (ModerationError, ReportRefused) as error:
        messages.error(request, f"Signalement du {report.created_at:%d/%m/%Y} : {error}")
    else:
        outcome = ReportStatus(data["status"]).label.lower()
        messages.success(request, f"Le signalement est traité : {outcome}.")
    return redirect_to_queue(request, "backoffice:report_queue")
