"""The public search page: criteria, filters, order, one page of formation cards with scores."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from sirius.referentiel.models import Formation
from sirius.stats.ranking import PRIOR_WEIGHT
from sirius.stats.read import national_mean

from .formation_search import (
    by_ranking,
    by_relevance,
    postcode_centre,
    search_formations,
    within_radius,
)
from .forms import FormationSearchForm, SearchOrder
from .listing import paginate, with_summaries

TITLE = "Rechercher une formation"


def _nearby_page(request, formations, criteria):
    """Around a postcode: the page of formations within the radius, with their `distance`."""
    origin = postcode_centre(criteria["lieu"].replace(" ", ""))
    nearby = within_radius(formations, origin, criteria["rayon"]) if origin else []
    distances = {place.pk: place.distance for place in nearby}
    if criteria["tri"] == SearchOrder.DISTANCE:
        page = paginate(request, nearby)
        loaded = Formation.objects.select_related("formateur").in_bulk(
            [place.pk for place in page.object_list]
        )
        page.object_list = [loaded[place.pk] for place in page.object_list]
    else:
        page = paginate(request, _ordered(formations.filter(pk__in=list(distances)), criteria))
        page.object_list = list(page.object_list)
    for formation in page.object_list:
        formation.distance = distances[formation.pk]
    return page


def _ordered(formations, criteria):
    if criteria["tri"] == SearchOrder.RANKING:
        return by_ranking(formations, national_mean())
    return by_relevance(formations, criteria["q"])


def _results_page(request, criteria):
    formations = search_formations(
        q=criteria["q"],
        lieu="" if criteria["rayon"] else criteria["lieu"],
        centre=criteria["centre"],
        niveau=criteria["niveau"],
        with_reviews=criteria["avec_avis"],
    )
    if criteria["rayon"]:
        page = _nearby_page(request, formations, criteria)
    else:
        page = paginate(request, _ordered(formations, criteria))
    return with_summaries(page)


def _orders(criteria):
    orders = [SearchOrder.RELEVANCE, SearchOrder.RANKING]
    if criteria["rayon"]:
        orders.append(SearchOrder.DISTANCE)
    return [(order.value, order.label, order == criteria["tri"]) for order in orders]


def _kept_criteria(criteria):
    """The criteria the sort form carries as hidden fields, as (name, value) pairs."""
    kept = []
    for name in ("q", "lieu", "rayon", "centre", "niveau"):
        if criteria[name]:
            kept.append((name, criteria[name]))
    if criteria["avec_avis"]:
        kept.append(("avec_avis", "on"))
    return kept


def _title(page):
    if page is None:
        return TITLE
    count = page.paginator.count
    suffix = f" — page {page.number}" if page.paginator.num_pages > 1 else ""
    if count == 0:
        return f"Aucune formation trouvée — {TITLE}"
    plural = "s" if count > 1 else ""
    return f"{count} formation{plural} trouvée{plural}{suffix} — {TITLE}"


@require_GET
def search(request):
    form = FormationSearchForm(request.GET)
    page, context = None, {}
    if form.is_valid():
        criteria = form.cleaned_data
        page = _results_page(request, criteria)
        context = {
            "orders": _orders(criteria),
            "kept_criteria": _kept_criteria(criteria),
            "near": bool(criteria["rayon"]),
            "prior_weight": PRIOR_WEIGHT,
        }
    return render(
        request,
        "public/search.html",
        {
            "title": _title(page),
            "form": form,
            "page_obj": page,
            "breadcrumb_data": {"current": TITLE},
            **context,
        },
    )
