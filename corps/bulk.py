"""Bulk inserts for the corps import: PostgreSQL's COPY, or bulk_create on other databases.

For 10,000 mentors the import writes about 100,000 rows (mentors, history, M2M links and their history
snapshot, status events). Through bulk_create, Django prepares every value of every row in Python,
and that costs several times more CPU than the database spends inserting them; COPY hands the rows
to psycopg's C adapters instead. The primary keys are taken from the table's sequence first, so the
caller gets them in order without RETURNING.
"""

from collections.abc import Iterable

from django.db import connection

from mentorship.tenancy import scoped_objects


def insert_rows(model, rows: Iterable[dict], constants: dict | None = None, *, batch_size: int = 2000) -> list[int]:
    """Inserts one row per dict (attname -> value) and returns the new primary keys, in order.

    A field missing from a row takes its value from `constants`, else the field's default (evaluated
    once: pass time stamps in `constants`). Values must be what the column stores (plain str, int,
    Decimal, date, aware datetime, bool, None): no `pre_save` runs, so auto_now fields need a constant,
    and no signals are sent (as with bulk_create)."""
    fields = model._meta.concrete_fields
    constants = constants or {}
    base = [constants[f.attname] if f.attname in constants else f.get_default() for f in fields]
    position = {f.attname: i for i, f in enumerate(fields)}
    table = []
    for row in rows:
        args = base.copy()
        for name, value in row.items():
            args[position[name]] = value
        table.append(args)
    if not table:
        return []
    if connection.vendor == "postgresql":
        return _copy(model, fields, table)
    objs = scoped_objects(model).bulk_create([model(*args) for args in table], batch_size=batch_size)
    if objs[0].pk is None:  # pragma: no cover - SQLite before 3.35 returns no ids from bulk inserts
        raise NotImplementedError("This database does not return ids from bulk inserts.")
    return [obj.pk for obj in objs]


def _copy(model, fields, table: list[list]) -> list[int]:
    pk = model._meta.pk
    quote = connection.ops.quote_name
    index = fields.index(pk)
    # wrap_database_errors: psycopg's errors (a unique violation) reach the caller as Django's IntegrityError.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(table)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for args, pk_value in zip(table, ids, strict=True):
            args[index] = pk_value
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for args in table:
                copy.write_row(args)
    return ids
