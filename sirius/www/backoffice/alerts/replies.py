"""The queue of CFA replies: pending first by default, oldest first; publish, mask or refuse.

The author (CFA staff) is told the outcome by email (`reply_moderate` queues it).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from sirius.moderation.decisions import ModerationError, reply_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason
from sirius.moderation.models import EstablishmentReply

from ..access import moderator_required
from ..highlight import text_segments
from .forms import ReplyDecisionForm, ReplyFilterForm
from .queue import redirect_to_queue

TITLE = "Réponses des centres de formation"
PAGE_SIZE = 20


@moderator_required
def reply_queue(request):
    form = ReplyFilterForm(request.GET)
    status = ModerationStatus.PENDING
    if form.is_valid() and form.cleaned_data["status"]:
        status = form.cleaned_data["status"]
    replies = (
        EstablishmentReply.objects.filter(status=status)
        .select_related("verbatim", "establishment", "author")
        .order_by("created_at", "pk")
    )
    page_obj = Paginator(replies, PAGE_SIZE).get_page(request.GET.get("page"))
    for reply in page_obj:
        reply.segments = text_segments(reply.text, reply.analysis.get("spans", []))
        reply.can_mask = bool(reply.analysis.get("spans"))
    return render(
        request,
        "backoffice/replies/reply_queue.html",
        {
            "title": TITLE,
            "form": form,
            "page_obj": page_obj,
            "reasons": RejectionReason.choices,
            "query": request.GET.urlencode(),
            "breadcrumb_data": {"links": [], "current": TITLE},
        },
    )


@moderator_required
@require_POST
def reply_decide(request, public_id):
    reply = get_object_or_404(EstablishmentReply, public_id=public_id)
    form = ReplyDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez une décision pour cette réponse.")
        return redirect_to_queue(request, "backoffice:reply_queue")
    data = form.cleaned_data
    decision = data["decision"]
    try:
        reply_moderate(
            reply=reply,
            actor=request.user,
            to_status=decision,
            reason=data["reason"] if decision == ModerationStatus.REJECTED else "",
            note=data["note"],
            seen_status=data["seen_status"],
        )
    except ModerationError as error:
        messages.error(request, f"Réponse de {reply.establishment.name} : {error}")
    else:
        label = ModerationStatus(decision).label.lower()
        messages.success(request, f"La réponse de {reply.establishment.name} est {label}.")
    return redirect_to_queue(request, "backoffice:reply_queue")
