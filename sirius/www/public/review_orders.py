"""The orders a visitor can choose for a formation's published reviews (Code de la consommation,
D111-17: the ranking is explained next to the reviews, newest first by default)."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When

from sirius.responses.enums import Channel

ORDER_PARAMETER = "ordre"


@dataclass(frozen=True)
class ReviewOrder:
    value: str
    label: str
    explanation: str
    fields: tuple


def _verified_first():
    return Case(
        When(response__channel=Channel.INVITATION, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


ORDERS = (
    ReviewOrder(
        "recents",
        "Plus récents",
        "Les avis publiés en dernier d’abord : c’est l’ordre proposé par défaut.",
        ("-published_at", "-pk"),
    ),
    ReviewOrder(
        "anciens",
        "Plus anciens",
        "Les avis publiés en premier d’abord.",
        ("published_at", "pk"),
    ),
    ReviewOrder(
        "verifies",
        "Avis vérifiés d’abord",
        "Les avis donnés avec un lien personnel d’abord, puis ceux recueillis par le centre de "
        "formation, chaque groupe du plus récent au plus ancien.",
        (_verified_first(), "-published_at", "-pk"),
    ),
)
DEFAULT_ORDER = ORDERS[0]
_BY_VALUE = {order.value: order for order in ORDERS}


def review_order_from(request):
    """The order asked for in the query string; the default one for anything else."""
    return _BY_VALUE.get(request.GET.get(ORDER_PARAMETER, ""), DEFAULT_ORDER)
