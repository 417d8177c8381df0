"""Bulk writing for seed_scale: PostgreSQL COPY (psycopg 3) with ids assigned here, bulk_create elsewhere.

Ids are assigned in Python (from the table's current maximum), so child rows can point at parents
without reading them back; `finish()` moves every sequence past the ids used. Columns a caller leaves
out get the field's default (computed once; per row for unique fields such as a UUID), `now` for
auto_now fields, NULL for nullable fields, or the empty string for text.

It writes every jobcenter's rows in one run, with tenant scopes disabled (accounts.scale.build.Builder.run).
"""

import json
import time
from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from mentorship.tenancy import scoped_objects


class Loader:
    def __init__(self, *, stdout=None):
        self.stdout = stdout
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()
        self._next_id: dict[type[models.Model], int] = {}
        self.written: dict[str, int] = {}
        self.models: list[type[models.Model]] = []

    # --- ids -------------------------------------------------------------------------------------

    def ids(self, model: type[models.Model], count: int) -> range:
        """`count` fresh primary keys for `model`, contiguous."""
        if model not in self._next_id:
            table = model._meta.db_table
            pk = model._meta.pk.column
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT MAX("{pk}") FROM "{table}"')  # noqa: S608 (table names from models)
                self._next_id[model] = (cursor.fetchone()[0] or 0) + 1
        start = self._next_id[model]
        self._next_id[model] = start + count
        return range(start, start + count)

    # --- writing ---------------------------------------------------------------------------------

    def _fillers(self, model, given: Sequence[str]):
        """(column, constant or callable) for every concrete column the caller did not give."""
        fillers = []
        for field in model._meta.concrete_fields:
            if field.attname in given or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.now
            elif field.has_default():
                # A callable default of a unique field (a UUID) is called per row, any other once.
                value = field.default if callable(field.default) and field.unique else field.get_default()
            elif field.null:
                value = None
            elif field.empty_strings_allowed:
                value = ""
            else:
                raise ValueError(f"{model.__name__}.{field.name} needs a value")
            if isinstance(field, models.JSONField) and not callable(value):
                value = json.dumps(value) if self.postgres else value
            fillers.append((field.attname, value))
        return fillers

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        """Writes `rows` (tuples in the order of `columns`, which must include "id")."""
        if model not in self.models:
            self.models.append(model)
        fillers = self._fillers(model, columns)
        constant = tuple(value for _name, value in fillers if not callable(value))
        per_row = [value for _name, value in fillers if callable(value)]
        names = list(columns) + [name for name, value in fillers if not callable(value)]
        names += [name for name, value in fillers if callable(value)]
        count = 0
        if self.postgres:
            column_sql = ", ".join(f'"{_column(model, n)}"' for n in names)
            sql = f'COPY "{model._meta.db_table}" ({column_sql}) FROM STDIN'
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    if per_row:
                        copy.write_row((*row, *constant, *(make() for make in per_row)))
                    else:
                        copy.write_row((*row, *constant))
                    count += 1
        else:
            batch = []
            for row in rows:
                values = (*row, *constant, *(make() for make in per_row))
                batch.append(model(**dict(zip(names, values, strict=True))))
                count += 1
                if len(batch) >= 2000:
                    scoped_objects(model).bulk_create(batch)
                    batch = []
            if batch:
                scoped_objects(model).bulk_create(batch)
        self.written[model._meta.label] = self.written.get(model._meta.label, 0) + count
        return count

    def finish(self) -> None:
        """Moves each sequence past the ids used and, on PostgreSQL, refreshes the planner's statistics."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.models)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            if self.postgres:
                for model in self.models:
                    cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def _column(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.column
    raise ValueError(f"{model.__name__} has no column {attname}")


class Timer:
    """Prints how long each part took, and keeps the lines for the summary."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.parts: list[tuple[str, float, int]] = []

    def part(self, label: str):
        timer = self

        class _Part:
            rows = 0

            def __enter__(self):
                self.started = time.perf_counter()
                return self

            def __exit__(self, *exc):
                if exc[0] is None:
                    seconds = time.perf_counter() - self.started
                    timer.parts.append((label, seconds, self.rows))
                    timer.stdout.write(f"  {label:<44} {self.rows:>10,} rows {seconds:8.1f} s")

        return _Part()
