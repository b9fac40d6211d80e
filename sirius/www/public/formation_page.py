"""Everything the public formation page shows, read from the formation's thresholded summary
(`sirius.stats.read`): score, criteria, distribution, themes, reviews, earlier years, JSON-LD.

Below the publication threshold the page shows only how many responses are still missing.
"""

from dataclasses import dataclass

from sirius.route_urls import route_url
from sirius.stats.rounding import percentages

from .earlier_years import earlier_offers, earlier_reviews
from .jsonld import REVIEWS_IN_JSONLD, course_jsonld, jsonld_dumps
from .review_orders import DEFAULT_ORDER
from .reviews import formation_reviews
from .reviews_read import reviews_read

SCALE_MAX = 5


def decimal_fr(value):
    """« 4,2 »: one decimal with a French comma."""
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class CriterionRow:
    label: str
    mean_display: str
    count: int
    percent: int


@dataclass(frozen=True)
class Segment:
    """A part of a stacked bar: its share, where it starts, and its DSFR text colour class."""

    percent: int
    start: int
    colour_class: str


@dataclass(frozen=True)
class ThemeRow:
    label: str
    positive: int
    negative: int
    mixed: int
    total: int
    segments: tuple


def criterion_rows(summary):
    return [
        CriterionRow(
            label=criterion.label,
            mean_display=decimal_fr(criterion.mean),
            count=criterion.count,
            percent=round(criterion.mean / SCALE_MAX * 100),
        )
        for criterion in summary.criteria
    ]


def theme_rows(summary):
    rows = []
    for theme in summary.themes:
        counts = (theme.positive, theme.mixed, theme.negative)
        classes = ("fr-text-default--success", "fr-text-mention--grey", "fr-text-default--error")
        segments, start = [], 0
        for percent, colour_class in zip(percentages(list(counts)), classes, strict=True):
            if percent:
                segments.append(Segment(percent, start, colour_class))
            start += percent
        rows.append(
            ThemeRow(
                theme.label,
                theme.positive,
                theme.negative,
                theme.mixed,
                theme.total,
                tuple(segments),
            )
        )
    return rows


def _jsonld_reviews(formation, summary, reviews):
    """The newest published reviews: the page already read when it shows them, else a query."""
    if not summary.is_public:
        return []
    page = reviews["reviews_page"]
    holds_them = len(page) >= REVIEWS_IN_JSONLD or not page.has_next()
    if page.number == 1 and reviews["reviews_order"] is DEFAULT_ORDER and holds_them:
        return list(page)
    return reviews_read([formation.pk], DEFAULT_ORDER.sql, limit=REVIEWS_IN_JSONLD)


def formation_page_context(request, formation, summary):
    """`formation`: as read by `sirius.stats.formation_read`; `summary`: its thresholded summary
    (`sirius.stats.read.summary_of`)."""
    reviews = formation_reviews(request, formation, summary)
    offers = earlier_offers(formation) if formation.other_years_exist else []
    url = request.build_absolute_uri(
        route_url("public:formation", formation.cle_ministere_educatif)
    )
    course = course_jsonld(
        formation,
        url=url,
        summary=summary,
        reviews=_jsonld_reviews(formation, summary, reviews),
    )
    return {
        "summary": summary,
        "criteria_rows": criterion_rows(summary),
        "theme_rows": theme_rows(summary),
        "earlier_offers": offers,
        "earlier_reviews": earlier_reviews(offers),
        "jsonld": jsonld_dumps(course),
        **reviews,
    }
