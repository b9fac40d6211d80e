"""Model objects read by hand-written SQL statements.

For the few reads that run on every public request (a formation, its reviews), building the
query with the ORM costs more CPU than running it. Such a statement is written once from the
models' fields (`Part`), and its rows become the objects the ORM would have built: each value goes
through Django's own converters, worked out once per database, then `Model.from_db`. The objects
hold only the columns read; any other field is deferred, as with `only()`.
"""

import functools
from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True, eq=False)  # hashed by identity: the converters' cache key, per read
class Part:
    """One model's columns in a statement, under a table alias."""

    model: type
    alias: str
    fields: tuple

    @classmethod
    def of(cls, model, alias, *, only=None, unshown=()):
        """The model's concrete fields: those named in `only` (attnames), or all but `unshown`."""
        fields = [
            field
            for field in model._meta.concrete_fields
            if (only is None or field.attname in only) and field.attname not in unshown
        ]
        if only is not None and len(fields) != len(only):
            raise ValueError(f"{model.__name__}: champs inconnus dans {only}")
        return cls(model, alias, tuple(fields))

    @functools.cached_property
    def attnames(self):
        return tuple(field.attname for field in self.fields)

    @property
    def table(self):
        return f'"{self.model._meta.db_table}" {self.alias}'

    @property
    def columns_sql(self):
        return ", ".join(f'{self.alias}."{field.column}"' for field in self.fields)


def select_sql(parts):
    """The SELECT list of these parts, in order (`objects_from_row` reads them back)."""
    return ", ".join(part.columns_sql for part in parts)


@functools.cache
def _converters(alias, part):
    """[(column index, column, converters)] for the part's columns that have converters: what
    Django's compiler works out on each query (they depend on the field and the backend only)."""
    database = connections[alias]
    columns = []
    for index, field in enumerate(part.fields):
        column = field.get_col(part.model._meta.db_table)
        converters = database.ops.get_db_converters(column) + column.get_db_converters(database)
        if converters:
            columns.append((index, column, converters))
    return tuple(columns)


def objects_from_row(row, parts, connection):
    """One object per part, or None for a part whose first column is NULL (a LEFT JOIN that found
    nothing); then the row's values after the parts' columns."""
    objects, start = [], 0
    for part in parts:
        values = list(row[start : start + len(part.fields)])
        start += len(part.fields)
        if values[0] is None:
            objects.append(None)
            continue
        for index, column, converters in _converters(connection.alias, part):
            for converter in converters:
                values[index] = converter(values[index], column, connection)
        objects.append(part.model.from_db(connection.alias, part.attnames, values))
    return objects, row[start:]
