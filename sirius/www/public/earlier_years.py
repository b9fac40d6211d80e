"""Reviews of the same offer from earlier years (`sirius.referentiel.offers`).

The published reviews of the offer's earlier formations are shown apart on the current page, with
their year, and count in neither its score nor its number of reviews. Each earlier formation keeps
its own threshold.
"""

from dataclasses import dataclass

from django.db.models import Max, Q

from sirius.referentiel.models import Formation
from sirius.referentiel.offers import same_offer
from sirius.stats.read import formation_summaries

from .reviews import review_labels_set
from .reviews_read import BY_YEAR_THEN_NEWEST, reviews_read

EARLIER_REVIEWS_SHOWN = 10


@dataclass(frozen=True)
class EarlierOffer:
    formation: Formation
    year: int
    published_reviews: int


def earlier_offers(formation):
    """The offer's formations of earlier years whose results are public, most recent year first.

    A formation's year is that of its last campaign; one without any campaign has no review.
    """
    offer = list(
        same_offer(formation)
        .only("cle_ministere_educatif", "intitule")  # what the page links to
        .annotate(last_campaign=Max("campaigns__opens_on"))
        .filter(Q(pk=formation.pk) | Q(last_campaign__isnull=False))
    )
    current = next((other for other in offer if other.pk == formation.pk), None)
    current_year = (
        current.last_campaign.year if current is not None and current.last_campaign else None
    )
    others = [
        other
        for other in offer
        if other.pk != formation.pk
        and (current_year is None or other.last_campaign.year < current_year)
    ]
    if not others:
        return []
    summaries = formation_summaries(others)
    offers = [
        EarlierOffer(other, other.last_campaign.year, summaries[other.pk].published_verbatims)
        for other in others
        if summaries[other.pk].is_public
    ]
    return sorted(offers, key=lambda offer: (-offer.year, offer.formation.cle_ministere_educatif))


def earlier_reviews(offers):
    """The most recent published reviews of these earlier formations, each with `year` (that of
    its campaign), `training_period` and `published_on`."""
    shown = reviews_read(
        [offer.formation.pk for offer in offers],
        BY_YEAR_THEN_NEWEST,
        limit=EARLIER_REVIEWS_SHOWN,
        with_year=True,
    )
    for verbatim in shown:
        review_labels_set(verbatim)
    return shown
