"""Published reviews on the public pages: the formation's list and « Signaler cet avis » (a notice
under DSA article 16). The page that explains how reviews work is `transparency`.

A review is public when it is published and its formation's results are public (at least
`SIRIUS_PUBLICATION_THRESHOLD` submitted responses, read from its aggregate by
`sirius.stats.read`, the one place the threshold is applied); anything else is a 404 here.
"""

from datetime import timedelta

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.views.decorators.http import require_GET, require_http_methods

from sirius.moderation.enums import ReportSource
from sirius.moderation.models import Report
from sirius.moderation.reports import ReportRefused, report_create_by_public
from sirius.responses.models import Verbatim
from sirius.responses.training_period import training_period_label, with_training_start
from sirius.route_urls import route_url
from sirius.stats.read import formation_summary
from sirius.www.answer.forms import HoneypotForm

from .review_orders import ORDERS, review_order_from
from .reviews_forms import PublicReportForm
from .reviews_read import FormationReviews

REVIEWS_PER_PAGE = 10
# Notices about one review within an hour, beyond which more are refused (a flood, not people).
REPORTS_PER_REVIEW_PER_HOUR = 20
# Reviews are archived after this many years (docs: personal data page, DESIGN.md rule 8).
REVIEW_RETENTION_YEARS = 3


def date_label(moment):
    """« 5 mars 2026 »: what the `date:"j F Y"` filter prints, without parsing a format (a page
    shows each review's date three times)."""
    day = timezone.localtime(moment)
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def review_labels_set(verbatim):
    """Set what `public/reviews/_review.html` shows besides the review's fields."""
    verbatim.training_period = training_period_label(verbatim.training_start)
    verbatim.published_on = date_label(verbatim.published_at)
    verbatim.report_url = route_url("public:review_report", verbatim.public_id)


def formation_reviews(request, formation, summary):
    """What the formation page shows of its reviews: the page of published ones in the order the
    visitor chose (newest first by default), or nothing below the threshold (`summary`, the
    formation's thresholded summary, decides)."""
    threshold = summary.threshold
    order = review_order_from(request)
    context = {"reviews_order": order, "review_orders": ORDERS, "threshold": threshold}
    if not summary.is_public:
        return {**context, "reviews_shown": False, "reviews_page": None}
    # The aggregate already counts the published reviews (kept up to date on each publication
    # change, `sirius.stats.services`): no COUNT query, and none at all when there is none.
    reviews = FormationReviews(formation.pk, order, summary.published_verbatims)
    paginator = Paginator(reviews, REVIEWS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    for verbatim in page:
        review_labels_set(verbatim)
    return {**context, "reviews_shown": True, "reviews_page": page}


def public_review_get(public_id):
    """A review the public may read, or a 404 (also below its formation's threshold)."""
    verbatim = get_object_or_404(
        with_training_start(Verbatim.objects.published()).select_related(
            "response__formation__formateur"
        ),
        public_id=public_id,
    )
    if not formation_summary(verbatim.response.formation).is_public:
        raise Http404("Cet avis n'est pas public.")
    verbatim.training_period = training_period_label(verbatim.training_start)
    return verbatim


def _flooded(verbatim):
    since = timezone.now() - timedelta(hours=1)
    recent = Report.objects.filter(
        verbatim=verbatim, source=ReportSource.PUBLIC, created_at__gt=since
    )
    return recent[:REPORTS_PER_REVIEW_PER_HOUR].count() >= REPORTS_PER_REVIEW_PER_HOUR


def _formation_link(formation):
    return {
        "url": reverse("public:formation", args=[formation.cle_ministere_educatif]),
        "title": formation.intitule,
    }


@require_http_methods(["GET", "POST"])
def review_report(request, public_id):
    verbatim = public_review_get(public_id)
    formation = verbatim.response.formation
    title = "Signaler un avis"
    form = PublicReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = redirect("public:review_report_sent", public_id=verbatim.public_id)
        if HoneypotForm(request.POST).is_filled():
            return sent
        if _flooded(verbatim):
            form.add_error(
                None,
                "Cet avis a déjà été signalé de nombreuses fois dans l’heure : "
                "l’équipe de modération en est informée. Réessayez plus tard si besoin.",
            )
        else:
            try:
                report_create_by_public(
                    verbatim=verbatim,
                    reason=form.cleaned_data["reason"],
                    explanation=form.cleaned_data["explanation"],
                    email=form.cleaned_data["email"],
                )
            except ReportRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                return sent
    return render(
        request,
        "public/reviews/report.html",
        {
            "title": title,
            "verbatim": verbatim,
            "formation": formation,
            "form": form,
            "breadcrumb_data": {"links": [_formation_link(formation)], "current": title},
        },
    )


@require_GET
def review_report_sent(request, public_id):
    verbatim = public_review_get(public_id)
    formation = verbatim.response.formation
    title = "Signalement envoyé"
    return render(
        request,
        "public/reviews/report_sent.html",
        {
            "title": title,
            "formation": formation,
            "breadcrumb_data": {"links": [_formation_link(formation)], "current": title},
        },
    )
