"""A formation, its two establishments and its aggregate in one SQL statement written once.

The most read object (the API's detail and the public formation page, 1,000 reads a second at
peak): building two ORM queries per request cost more CPU than running them. The statement is
built from the models' fields at import and its values go through Django's own converters, so
the objects are the ones the ORM would have returned (minus the columns nothing shows).
"""

from django.db import connection

from sirius.referentiel.models import Establishment, Formation
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
    + f' FROM "{Formation._meta.db_table}" f'
    + f' JOIN "{Establishment._meta.db_table}" fo ON fo."id" = f."formateur_id"'
    + f' JOIN "{Establishment._meta.db_table}" ge ON ge."id" = f."gestionnaire_id"'
    + f' LEFT JOIN "{Aggregate._meta.db_table}" a ON a."scope" = %s'
    + ' AND a."key" = f."cle_ministere_educatif" AND a."niveau" = 0'
    + ' WHERE f."cle_ministere_educatif" = %s'
)


def _converted(fields, values):
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(field.model._meta.db_table)
        for converter in connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        ):
            value = converter(value, column, connection)
        converted.append(value)
    return converted


def formation_with_aggregate(cle):
    """(Formation with formateur and gestionnaire, its Aggregate or None), or None."""
    if "\x00" in cle:  # no key holds one, and PostgreSQL cannot even compare such a string
        return None
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [Scope.FORMATION.value, cle])
        row = cursor.fetchone()
    if row is None:
        return None
    objects, start = [], 0
    for model, _alias, fields in _PARTS:
        values = row[start : start + len(fields)]
        start += len(fields)
        if values[0] is None:  # no aggregate: the LEFT JOIN found nothing
            objects.append(None)
            continue
        names = [field.attname for field in fields]
        objects.append(model.from_db(connection.alias, names, _converted(fields, values)))
    formation, formateur, gestionnaire, aggregate = objects
    formation.formateur, formation.gestionnaire = formateur, gestionnaire
    return formation, aggregate
