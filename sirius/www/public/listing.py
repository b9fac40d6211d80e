"""Paginated lists of formation cards, each with its thresholded summary."""

from django.core.paginator import Paginator

from sirius.stats.read import formation_summaries

RESULTS_PER_PAGE = 20


def paginate(request, items, per_page=RESULTS_PER_PAGE):
    """The requested page; a missing, invalid or too large number gives the first or last page."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page


def with_summaries(page):
    """Give each formation of the page its `summary` (one query for the whole page)."""
    formations = list(page.object_list)
    summaries = formation_summaries(formations)
    for formation in formations:
        formation.summary = summaries[formation.pk]
    page.object_list = formations
    return page
