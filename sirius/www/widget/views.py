"""The embeddable widget: the loader script partner sites include, and the card it frames.

`/widget.js` turns each `<div data-sirius-formation="CLE">` of the host page into an iframe of
`/widget/formations/<CLE>/`, a light page that anyone may frame (no X-Frame-Options, CSP
`frame-ancestors *`) and that posts its height to the host page. Everything it shows comes from
the thresholded summary (`sirius.stats.read`): below the publication threshold it shows nothing
but that, and tells the host page `sirius:empty`. See docs/widget.md.
"""

from functools import cache
from pathlib import Path

from csp.decorators import csp_replace
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from sirius.responses.training_period import training_period_label
from sirius.stats.formation_read import formation_with_aggregate
from sirius.stats.read import summary_of
from sirius.www.public.review_orders import DEFAULT_ORDER
from sirius.www.public.reviews_read import reviews_read

LOADER_PATH = Path(__file__).resolve().parent.parent / "static" / "sirius" / "widget.js"
FORMATS = ("score", "list")
RECENT_REVIEWS = 3
TOP_THEMES = 3
CARD_MAX_AGE = 300
LOADER_MAX_AGE = 3600


@cache
def loader_source():
    return LOADER_PATH.read_bytes()


@require_GET
@cache_control(public=True, max_age=LOADER_MAX_AGE)
def loader_script(request):
    return HttpResponse(loader_source(), content_type="text/javascript; charset=utf-8")


def recent_reviews(formation):
    """The newest published reviews, read as the formation page reads them."""
    verbatims = reviews_read([formation.pk], DEFAULT_ORDER.sql, limit=RECENT_REVIEWS)
    for verbatim in verbatims:
        verbatim.training_period = training_period_label(verbatim.training_start)
    return verbatims


@require_GET
@cache_control(public=True, max_age=CARD_MAX_AGE)
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def formation_card(request, cle_ministere_educatif):
    """The card of one formation, in the requested format (`score` or `list`); a plain notice,
    flagged empty for the loader, for an unknown formation or one below the threshold."""
    widget_format = request.GET.get("format")
    widget_format = widget_format if widget_format in FORMATS else FORMATS[0]
    # One query for the formation, its establishments and its aggregate, as on its page.
    found = formation_with_aggregate(cle_ministere_educatif)
    formation, aggregate = found if found is not None else (None, None)
    context = {"cle": cle_ministere_educatif, "formation": formation, "format": widget_format}
    if formation is None:
        return render(request, "widget/empty.html", context, status=404)
    summary = summary_of(aggregate)
    reviews = []
    if summary.is_public and widget_format == "list":
        reviews = recent_reviews(formation)
    if summary.score is None and not reviews:
        return render(request, "widget/empty.html", {**context, "summary": summary})
    context.update(summary=summary, themes=summary.themes[:TOP_THEMES], reviews=reviews)
    return render(request, "widget/card.html", context)
