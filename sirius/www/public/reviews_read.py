"""Published reviews with their CFA's published reply, in one SQL statement written once per
shape (`sirius.sql_rows`): the formation page's list, its JSON-LD and its earlier years.

Building this query with the ORM (the filtered join on the replies, the training start read in
the answers) cost as much CPU as running it, on the page read the most. A review has at most
one reply that is not rejected (`reply_one_live_per_verbatim`), so the join repeats no review.
"""

import functools

from django.db import connection

from sirius.campaigns.models import Campaign
from sirius.moderation.enums import PUBLIC_STATUSES
from sirius.moderation.models import EstablishmentReply
from sirius.referentiel.models import Establishment
from sirius.responses.models import Response, Verbatim
from sirius.responses.training_period import TRAINING_START_QUESTION
from sirius.sql_rows import Part, objects_from_row, select_sql

# What a published review shows (`public_text` reads the status and both texts).
_PARTS = (
    Part.of(
        Verbatim,
        "v",
        only=("id", "public_id", "status", "text", "masked_text", "published_at", "response_id"),
    ),
    Part.of(Response, "r", only=("id", "channel")),
    Part.of(
        EstablishmentReply,
        "rep",
        only=("id", "status", "text", "masked_text", "published_at", "establishment_id"),
    ),
    Part.of(Establishment, "e", only=("id", "enseigne", "raison_sociale", "siret")),
)
_VERBATIM, _RESPONSE, _REPLY, _ESTABLISHMENT = _PARTS
# The answer that dates the experience, and the year of the review's campaign, per database.
_TRAINING_START = {
    "postgresql": f"r.\"answers\" ->> '{TRAINING_START_QUESTION}'",
    "sqlite": f"json_extract(r.\"answers\", '$.{TRAINING_START_QUESTION}')",
}
_CAMPAIGN_YEAR = {
    "postgresql": 'CAST(EXTRACT(YEAR FROM c."opens_on") AS integer)',
    "sqlite": "CAST(strftime('%%Y', c.\"opens_on\") AS integer)",
}
# Most recent campaign year first (`with_year`), then newest first.
BY_YEAR_THEN_NEWEST = '"year" DESC, v."published_at" DESC, v."id" DESC'


@functools.cache
def _sql(vendor, formations, order_by, with_year):
    year = f', {_CAMPAIGN_YEAR[vendor]} AS "year"' if with_year else ""
    campaign = (
        f' JOIN "{Campaign._meta.db_table}" c ON c."id" = r."campaign_id"' if with_year else ""
    )
    return (
        f"SELECT {select_sql(_PARTS)}, {_TRAINING_START[vendor]}{year}"
        f" FROM {_VERBATIM.table}"
        f' JOIN {_RESPONSE.table} ON r."id" = v."response_id"{campaign}'
        f' LEFT JOIN {_REPLY.table} ON rep."verbatim_id" = v."id" AND rep."status" IN (%s, %s)'
        f' LEFT JOIN {_ESTABLISHMENT.table} ON e."id" = rep."establishment_id"'
        f' WHERE v."status" IN (%s, %s)'
        f' AND r."formation_id" IN ({", ".join(["%s"] * formations)})'
        f" ORDER BY {order_by} LIMIT %s OFFSET %s"
    )


def reviews_read(formation_ids, order_by, *, limit, offset=0, with_year=False):
    """The published reviews of these formations in this order (an ORDER BY over the aliases
    v: verbatim, r: response, and "year" with `with_year`), each with its `response` (channel),
    `training_start`, `published_replies` (the CFA's published reply with its establishment, or
    none) and, with `with_year`, the `year` of its campaign."""
    if not formation_ids or limit <= 0:
        return []
    statuses = [status.value for status in PUBLIC_STATUSES]
    sql = _sql(connection.vendor, len(formation_ids), order_by, with_year)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*statuses, *statuses, *formation_ids, limit, offset])
        rows = cursor.fetchall()
    reviews = []
    for row in rows:
        (verbatim, response, reply, establishment), extra = objects_from_row(
            row, _PARTS, connection
        )
        verbatim.response = response
        if reply is not None:
            reply.establishment = establishment
        verbatim.published_replies = [reply] if reply is not None else []
        verbatim.training_start = extra[0]
        if with_year:
            verbatim.year = extra[1]
        reviews.append(verbatim)
    return reviews


class FormationReviews:
    """A formation's published reviews in one order, as a Paginator's list: each page read is one
    statement; its length is the count the formation's aggregate keeps (no COUNT query)."""

    def __init__(self, formation_id, order, count):
        self.formation_id, self.order, self.count = formation_id, order, count

    def __len__(self):
        return self.count

    def __getitem__(self, page):
        start, stop = page.start or 0, min(page.stop, self.count)
        return reviews_read([self.formation_id], self.order.sql, limit=stop - start, offset=start)
