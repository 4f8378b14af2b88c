"""Plain INSERTs of many rows, for the importer's link and child rows.

Django's bulk_create builds a model instance per row and compiles each row's values through
its fields; for rows of a few integers and strings that costs more than the database's work
(about half of what writing a letter cost). These rows need no defaults filled in, no
signals and no primary keys back, so they go in as tuples, one executemany per table.
"""

from __future__ import annotations

from django.db import connection, models


def insert_rows(model: type[models.Model], fields: list[str], rows: list[tuple], *, ignore_conflicts: bool = False) -> None:
    """Insert `rows` (values for `fields`, in order, ready for the database) into the model's table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks}){conflict}"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
