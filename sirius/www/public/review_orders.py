"""The orders a visitor can choose for a formation's published reviews (Code de la consommation,
D111-17: the ranking is explained next to the reviews, newest first by default)."""

from dataclasses import dataclass

from sirius.responses.enums import Channel

ORDER_PARAMETER = "ordre"


@dataclass(frozen=True)
class ReviewOrder:
    value: str
    label: str
    explanation: str
    sql: str  # the ORDER BY of `reviews_read` (v: the verbatim, r: its response)


ORDERS = (
    ReviewOrder(
        "recents",
        "Plus récents",
        "Les avis publiés en dernier d’abord : c’est l’ordre proposé par défaut.",
        'v."published_at" DESC, v."id" DESC',
    ),
    ReviewOrder(
        "anciens",
        "Plus anciens",
        "Les avis publiés en premier d’abord.",
        'v."published_at" ASC, v."id" ASC',
    ),
    ReviewOrder(
        "verifies",
        "Avis vérifiés d’abord",
        "Les avis donnés avec un lien personnel d’abord, puis ceux recueillis par le centre de "
        "formation, chaque groupe du plus récent au plus ancien.",
        f"CASE WHEN r.\"channel\" = '{Channel.INVITATION.value}' THEN 0 ELSE 1 END,"
        ' v."published_at" DESC, v."id" DESC',
    ),
)
DEFAULT_ORDER = ORDERS[0]
_BY_VALUE = {order.value: order for order in ORDERS}


def review_order_from(request):
    """The order asked for in the query string; the default one for anything else."""
    return _BY_VALUE.get(request.GET.get(ORDER_PARAMETER, ""), DEFAULT_ORDER)
