"""A formation, its two establishments, its aggregate and whether its offer has other years, in
one SQL statement written once (`sirius.sql_rows`).

The most read object (the API's detail and the public formation page, 1,000 reads a second at
peak): building two ORM queries per request cost more CPU than running them. The objects are the
ones the ORM would have returned (minus the columns nothing shows).
"""

from django.db import connection

from sirius.referentiel.models import Establishment, Formation
from sirius.referentiel.offers import other_years_exist_sql
from sirius.sql_rows import Part, objects_from_row, select_sql
from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate

# Shown nowhere, and the catalogue record is the largest column: not read.
FORMATION_UNSHOWN = ("catalogue_record", "catalogue_hash", "search_text")
# Nor the rows' timestamps: each is a date to parse on every read.
_TIMESTAMPS = ("created_at", "updated_at")

_PARTS = (
    Part.of(Formation, "f", unshown=FORMATION_UNSHOWN + _TIMESTAMPS),
    Part.of(Establishment, "fo", unshown=("search_text", *_TIMESTAMPS)),
    Part.of(Establishment, "ge", unshown=("search_text", *_TIMESTAMPS)),
    Part.of(Aggregate, "a", unshown=_TIMESTAMPS),
)
_FORMATION, _FORMATEUR, _GESTIONNAIRE, _AGGREGATE = _PARTS
_SQL = (
    f"SELECT {select_sql(_PARTS)}, {other_years_exist_sql('f')}"
    f" FROM {_FORMATION.table}"
    f' JOIN {_FORMATEUR.table} ON fo."id" = f."formateur_id"'
    f' JOIN {_GESTIONNAIRE.table} ON ge."id" = f."gestionnaire_id"'
    f' LEFT JOIN {_AGGREGATE.table} ON a."scope" = %s'
    ' AND a."key" = f."cle_ministere_educatif" AND a."niveau" = 0'
    ' WHERE f."cle_ministere_educatif" = %s'
)


def formation_with_aggregate(cle):
    """(Formation with formateur and gestionnaire, its Aggregate or None), or None.

    The formation's `other_years_exist` says whether its offer holds other formations
    (`sirius.referentiel.offers`): the page looks for earlier years only then."""
    if "\x00" in cle:  # no key holds one, and PostgreSQL cannot even compare such a string
        return None
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [Scope.FORMATION.value, cle])
        row = cursor.fetchone()
    if row is None:
        return None
    (formation, formateur, gestionnaire, aggregate), (other_years,) = objects_from_row(
        row, _PARTS, connection
    )
    formation.formateur, formation.gestionnaire = formateur, gestionnaire
    formation.other_years_exist = bool(other_years)  # SQLite answers 0 or 1
    return formation, aggregate
