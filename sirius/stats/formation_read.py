"""A formation, its two establishments, its aggregate and whether its offer has other years, in
one SQL statement written once.

The most read object (the API's detail and the public formation page, 1,000 reads a second at
peak): building two ORM queries per request cost more CPU than running them. The statement is
built from the models' fields at import and its values go through Django's own converters, so
the objects are the ones the ORM would have returned (minus the columns nothing shows).
"""

import functools

from django.db import connection, connections

from sirius.referentiel.models import Establishment, Formation
from sirius.referentiel.offers import other_years_exist_sql
from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate

# Shown nowhere, and the catalogue record is the largest column: not read.
FORMATION_UNSHOWN = ("catalogue_record", "catalogue_hash", "search_text")


def _fields(model, unshown=()):
    return [field for field in model._meta.concrete_fields if field.attname not in unshown]


_PARTS = (
    (Formation, "f", _fields(Formation, FORMATION_UNSHOWN)),
    (Establishment, "fo", _fields(Establishment, ("search_text",))),
    (Establishment, "ge", _fields(Establishment, ("search_text",))),
    (Aggregate, "a", _fields(Aggregate)),
)
_SQL = (
    "SELECT "
    + ", ".join(f'{alias}."{field.column}"' for _m, alias, fields in _PARTS for field in fields)
    + f", {other_years_exist_sql('f')}"
    + f' FROM "{Formation._meta.db_table}" f'
    + f' JOIN "{Establishment._meta.db_table}" fo ON fo."id" = f."formateur_id"'
    + f' JOIN "{Establishment._meta.db_table}" ge ON ge."id" = f."gestionnaire_id"'
    + f' LEFT JOIN "{Aggregate._meta.db_table}" a ON a."scope" = %s'
    + ' AND a."key" = f."cle_ministere_educatif" AND a."niveau" = 0'
    + ' WHERE f."cle_ministere_educatif" = %s'
)


@functools.cache
def _converters(alias):
    """Per part, [(column index, column, converters)] for the columns that have converters: what
    Django's compiler works out on each query, worked out once per database (converters depend on
    the field and the backend only, and receive the connection when called)."""
    database = connections[alias]
    parts = []
    for _model, _alias, fields in _PARTS:
        columns = []
        for index, field in enumerate(fields):
            column = field.get_col(field.model._meta.db_table)
            converters = database.ops.get_db_converters(column) + column.get_db_converters(database)
            if converters:
                columns.append((index, column, converters))
        parts.append(columns)
    return parts


def _converted(values, columns):
    values = list(values)
    for index, column, converters in columns:
        for converter in converters:
            values[index] = converter(values[index], column, connection)
    return values


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
    objects, start = [], 0
    for (model, _alias, fields), columns in zip(_PARTS, _converters(connection.alias), strict=True):
        values = row[start : start + len(fields)]
        start += len(fields)
        if values[0] is None:  # no aggregate: the LEFT JOIN found nothing
            objects.append(None)
            continue
        names = [field.attname for field in fields]
        objects.append(model.from_db(connection.alias, names, _converted(values, columns)))
    formation, formateur, gestionnaire, aggregate = objects
    formation.formateur, formation.gestionnaire = formateur, gestionnaire
    formation.other_years_exist = bool(row[-1])  # SQLite answers 0 or 1
    return formation, aggregate
