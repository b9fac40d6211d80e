"""The moderators' queue of verbatims: filter, read each card, decide, publish in bulk.

Moderators and admins only (access.py). Every write goes through `moderation.decisions`; a
decision redirects back to the queue with its filters and page, anchored on the next card.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from sirius.moderation.decisions import (
    ModerationError,
    verbatim_moderate,
    verbatims_publish_unflagged,
)
from sirius.moderation.enums import ModerationStatus, PersonalDataKind, RejectionReason
from sirius.responses.models import Verbatim

from ..access import moderator_required
from .cards import cards_prepare, form_values, queue_queryset
from .forms import FILTER_FIELDS, DecisionForm, QueueFilterForm

PAGE_SIZE = 20
QUEUE_TITLE = "File de modération"
SUCCESS_MESSAGES = {
    ModerationStatus.PUBLISHED: "Le texte est publié.",
    ModerationStatus.PUBLISHED_MASKED: "Le texte est publié avec masquage.",
    ModerationStatus.REJECTED: "Le texte est refusé.",
    ModerationStatus.ALERT: "Le texte est placé en alerte.",
}


def _queue_breadcrumb(current=None):
    if current is None:
        return {"links": [], "current": QUEUE_TITLE}
    return {
        "links": [{"url": reverse("backoffice:moderation_queue"), "title": QUEUE_TITLE}],
        "current": current,
    }


def _filters_query(query):
    """The querystring of the queue's filters and page (for links and the bulk form)."""
    kept = QueryDict(mutable=True)
    for key in (*FILTER_FIELDS, "page"):
        if query.get(key):
            kept[key] = query[key]
    return kept.urlencode()


def _card_context():
    """The choices every card's decision form offers."""
    return {"reasons": RejectionReason.choices, "kinds": PersonalDataKind.choices}


@require_GET
@moderator_required
def moderation_queue(request):
    form = QueueFilterForm(request.GET)
    matching = form.filter(Verbatim.objects.all())
    page_obj = Paginator(queue_queryset().filter(pk__in=matching.values("pk")), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    cards = cards_prepare(page_obj.object_list)
    for card, following in zip(cards, [*cards[1:], None], strict=False):
        form_values(card)
        card.next_public_id = following.public_id if following else ""
    query = _filters_query(request.GET)
    return render(
        request,
        "backoffice/moderation/queue.html",
        {
            "title": QUEUE_TITLE,
            "form": form,
            "page_obj": page_obj,
            "cards": cards,
            "next_url": request.get_full_path(),
            "filters_query": query,
            "unflagged_count": matching.pending().unflagged().count(),
            "breadcrumb_data": _queue_breadcrumb(),
            **_card_context(),
        },
    )


def _verbatim_get(public_id):
    return get_object_or_404(queue_queryset(), public_id=public_id)


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("backoffice:moderation_queue")


def _detail_render(request, verbatim, form=None, status=200):
    card = form_values(cards_prepare([verbatim])[0], form)
    card.next_public_id = ""
    title = f"Texte reçu le {verbatim.created_at:%d/%m/%Y}"
    return render(
        request,
        "backoffice/moderation/detail.html",
        {
            "title": title,
            "card": card,
            "form": form,
            "next_url": _next_url(request),
            "breadcrumb_data": _queue_breadcrumb(title),
            **_card_context(),
        },
        status=status,
    )


@require_GET
@moderator_required
def verbatim_detail(request, public_id):
    return _detail_render(request, _verbatim_get(public_id))


@require_POST
@moderator_required
def verbatim_decide(request, public_id):
    verbatim = _verbatim_get(public_id)
    form = DecisionForm(request.POST, verbatim=verbatim)
    if form.is_valid():
        data = form.cleaned_data
        try:
            verbatim_moderate(
                verbatim=verbatim,
                actor=request.user,
                to_status=data["decision"],
                reason=data["reason"],
                note=data["note"],
                spans=form.masked_spans or None,
                seen_status=data["seen_status"],
            )
        except ModerationError as error:
            form.add_error(None, str(error))
            verbatim = _verbatim_get(public_id)
        else:
            messages.success(request, SUCCESS_MESSAGES[data["decision"]])
            anchor = request.POST.get("next_card", "")
            url = _next_url(request)
            return redirect(f"{url}#texte-{anchor}" if anchor else url)
    return _detail_render(request, verbatim, form=form, status=400)


@require_POST
@moderator_required
def verbatims_publish(request):
    """Publish the pending, unflagged texts matching the queue's filters (from the querystring).

    The moderator confirmed a count: when it changed meanwhile, nothing is published and the
    new count is shown for a second confirmation."""
    form = QueueFilterForm(request.GET)
    matching = form.filter(Verbatim.objects.all()).pending().unflagged()
    queue_url = reverse("backoffice:moderation_queue")
    query = _filters_query(request.GET)
    back = f"{queue_url}?{query}" if query else queue_url
    count = matching.count()
    if request.POST.get("expected") != str(count):
        messages.error(
            request,
            f"Le nombre de textes sans signal a changé : il y en a maintenant {count}. "
            "Vérifiez puis confirmez à nouveau.",
        )
        return redirect(back)
    published = verbatims_publish_unflagged(actor=request.user, verbatims=matching)
    messages.success(
        request,
        f"{published} texte{'s' if published > 1 else ''} sans signal "
        f"publié{'s' if published > 1 else ''}.",
    )
    return redirect(back)
