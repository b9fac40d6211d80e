"""Reviews of the user's formations in the CFA space: read them, reply once, report one.

Every verbatim is loaded through `Verbatim.objects.visible_to(user)`, published, and of a
formation with enough submitted responses (DESIGN.md, rule 4): another CFA's review, an
unpublished one or one below the threshold is a 404. Observers and moderators read; only
establishment staff reply and report (a 403 page otherwise).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sirius.accounts.perms import can_reply_and_report
from sirius.moderation.enums import ModerationStatus, ReportSource
from sirius.moderation.models import REPLY_MAX_LENGTH, EstablishmentReply, Report
from sirius.moderation.replies import ReplyRefused, reply_submit
from sirius.moderation.reports import ReportRefused, report_create_by_establishment
from sirius.referentiel.models import Formation
from sirius.responses.models import Verbatim
from sirius.responses.training_period import training_period_label, with_training_start
from sirius.www.public.reviews_display import (
    formations_publishable,
    publication_threshold,
    reply_status_label,
    with_submitted_count,
)

from .reviews_forms import EstablishmentReportForm, ReplyForm, ReviewFilterForm

PAGE_SIZE = 20
LIST_TITLE = "Avis sur vos formations"
# Formations below the threshold listed by name; the others are only counted.
WAITING_FORMATIONS_SHOWN = 20


def breadcrumb(current=None):
    links = [{"url": reverse("space:dashboard"), "title": "Mon espace"}]
    if current is None:
        return {"links": links, "current": LIST_TITLE}
    return {
        "links": [*links, {"url": reverse("space:reviews"), "title": LIST_TITLE}],
        "current": current,
    }


def reviews_visible(user, formations=None):
    """The published reviews the user may read: in scope and above the threshold."""
    formations = formations if formations is not None else Formation.objects.visible_to(user)
    return Verbatim.objects.filter(
        response__formation__in=formations_publishable(formations).values("pk")
    ).published()


def review_get(request, public_id):
    verbatim = get_object_or_404(
        with_training_start(reviews_visible(request.user)).select_related(
            "response__formation__formateur"
        ),
        public_id=public_id,
    )
    verbatim.training_period = training_period_label(verbatim.training_start)
    return verbatim


def staff_required(view):
    """Replying and reporting are for establishment staff; others get a 403 on a review they
    may read (a review they may not read is a 404 first)."""

    @wraps(view)
    @login_required
    def wrapper(request, public_id):
        verbatim = review_get(request, public_id)
        if not can_reply_and_report(request.user):
            title = "Action réservée"
            return render(
                request,
                "space/reviews/forbidden.html",
                {"title": title, "breadcrumb_data": breadcrumb(title)},
                status=403,
            )
        return view(request, verbatim)

    return wrapper


def _decorate(verbatim, may_act):
    verbatim.training_period = training_period_label(verbatim.training_start)
    verbatim.reply = verbatim.reply_list[0] if verbatim.reply_list else None
    if verbatim.reply is not None:
        verbatim.reply.status_label = reply_status_label(verbatim.reply)
    live = verbatim.reply is not None and verbatim.reply.status != ModerationStatus.REJECTED
    verbatim.can_reply = may_act and not live
    return verbatim


@require_GET
@login_required
def review_list(request):
    user = request.user
    filtering = any(key in request.GET for key in ("formation", "theme", "reponse"))
    form = ReviewFilterForm(request.GET if filtering else None)
    formations = form.filter_formations(Formation.objects.visible_to(user))
    in_threshold = Verbatim.objects.filter(
        response__formation__in=formations_publishable(formations).values("pk")
    )
    counts = in_threshold.aggregate(
        in_review=Count("pk", filter=Q(status=ModerationStatus.PENDING)),
        not_published=Count(
            "pk", filter=Q(status__in=(ModerationStatus.REJECTED, ModerationStatus.ALERT))
        ),
    )
    verbatims = form.filter_verbatims(in_threshold.published())
    verbatims = (
        with_training_start(verbatims)
        .select_related("response__formation__formateur")
        .prefetch_related(
            "themes",
            Prefetch(
                "replies",
                queryset=EstablishmentReply.objects.order_by("-created_at", "-pk"),
                to_attr="reply_list",
            ),
            Prefetch(
                "reports",
                queryset=Report.objects.filter(source=ReportSource.ESTABLISHMENT).select_related(
                    "establishment"
                ),
                to_attr="establishment_reports",
            ),
        )
        .order_by("-published_at", "-pk")
    )
    page_obj = Paginator(verbatims, PAGE_SIZE).get_page(request.GET.get("page"))
    may_act = can_reply_and_report(user)
    for verbatim in page_obj:
        _decorate(verbatim, may_act)
    threshold = publication_threshold()
    waiting = (
        with_submitted_count(formations)
        .filter(submitted_count__lt=threshold)
        .select_related("formateur")
        .order_by("-submitted_count", "intitule", "pk")
    )
    waiting_shown = list(waiting[:WAITING_FORMATIONS_SHOWN])
    for formation in waiting_shown:
        formation.missing = threshold - formation.submitted_count
    return render(
        request,
        "space/reviews/list.html",
        {
            "title": LIST_TITLE,
            "form": form,
            "page_obj": page_obj,
            "may_act": may_act,
            "threshold": threshold,
            "counts": counts,
            "waiting": waiting_shown,
            "waiting_count": waiting.count()
            if len(waiting_shown) == WAITING_FORMATIONS_SHOWN
            else len(waiting_shown),
            "breadcrumb_data": breadcrumb(),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def review_reply(request, verbatim):
    title = "Répondre à un avis"
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reply_submit(verbatim=verbatim, actor=request.user, text=form.cleaned_data["text"])
        except ReplyRefused as refusal:
            form.add_error("text", str(refusal))
        else:
            messages.success(
                request,
                "Votre réponse est envoyée. Elle sera publiée sous l'avis après relecture ; "
                "vous recevrez un e-mail si elle n'est pas publiée.",
            )
            return redirect("space:reviews")
    text = form["text"].value() or ""
    return render(
        request,
        "space/reviews/reply.html",
        {
            "title": title,
            "verbatim": verbatim,
            "form": form,
            "max_length": REPLY_MAX_LENGTH,
            "length": len(text.replace("\r\n", "\n")),
            "breadcrumb_data": breadcrumb(title),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def review_report(request, verbatim):
    title = "Signaler un avis"
    form = EstablishmentReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create_by_establishment(
                verbatim=verbatim,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
            )
        except ReportRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                "Votre signalement est enregistré. L'équipe de modération l'examinera ; "
                "vous recevrez sa décision par e-mail.",
            )
            return redirect("space:reviews")
    return render(
        request,
        "space/reviews/report.html",
        {
            "title": title,
            "verbatim": verbatim,
            "form": form,
            "breadcrumb_data": breadcrumb(title),
        },
    )
