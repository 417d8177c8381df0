"""Emptying the test database after a transactional test: DELETE from the tables that hold rows instead of
Django's TRUNCATE of every table, and the migrated rows put back.

conftest.py's `django_db_setup` installs `MigratedStateFlush` on the session's connection (PostgreSQL or SQLite), so
every transactional test (the double-submit races, the Celery worker and broker fault tests) leaves the database
as the migrations built it, vocabularies included, for a fraction of the cost of Django's flush, which leaves
the seeded vocabularies empty for every later test of the worker. The browser tests' package fixture empties
with the plain `FilledTablesFlush` (serialized rollback refills before each of its tests).
"""

from collections.abc import Iterator
from contextlib import contextmanager


class FilledTablesFlush:
    """The flush after each transactional test (TransactionTestCase's: no sequence reset, no cascade) empties only
    the tables that hold rows, with DELETE, in the one transaction Django runs a flush in; Django's flush truncates
    all ~130 tables, which costs PostgreSQL new files for every table and index (3-5 s a test under load).

    The tables end up just as empty: every foreign key is DEFERRABLE INITIALLY DEFERRED (on SQLite too, where
    Django declares them so), so the order of the deletes does not matter and the keys are checked at commit.
    Tables with a trigger on DELETE (PostgreSQL's append-only audit logs) are truncated instead, as Django's
    flush does; nothing refers to them, so PostgreSQL lets them be truncated alone (else it refuses loudly).
    Sequences are left as they are, as TRUNCATE without RESTART IDENTITY leaves them. A flush that resets
    sequences or cascades (`manage.py flush`) is Django's own.
    """

    def __init__(self, connection) -> None:
        self.connection = connection
        self.django_sql_flush = connection.ops.sql_flush
        self.delete_guarded: set[str] = set()
        if connection.vendor != "postgresql":
            return  # the append-only triggers are PostgreSQL's (audit/migrations/0002); SQLite has none
        with connection.cursor() as cursor:
            # tgtype bit 3 (8): the trigger fires on DELETE.
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal AND tgtype & 8 = 8"
            )
            self.delete_guarded = {name for (name,) in cursor.fetchall()}

    def __call__(self, style, tables, *, reset_sequences=False, allow_cascade=False) -> list[str]:
        if reset_sequences or allow_cascade or not tables:
            return self.django_sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        quote = self.connection.ops.quote_name
        probe = "SELECT %s WHERE EXISTS (SELECT 1 FROM {})"
        with self.connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(probe.format(quote(table)) for table in tables), list(tables))
            filled = sorted(table for (table,) in cursor.fetchall())
        guarded = [table for table in filled if table in self.delete_guarded]
        # Quoted names from the model registry.
        statements = [f"DELETE FROM {quote(table)};" for table in filled if table not in self.delete_guarded]  # noqa: S608
        if guarded:
            statements.append(f"TRUNCATE {', '.join(quote(table) for table in guarded)};")
        return statements

    def empty(self) -> None:
        from django.core.management.color import no_style

        tables = self.connection.introspection.django_table_names(only_existing=True, include_views=False)
        self.connection.ops.execute_sql_flush(self(no_style(), tables))


class MigratedStateFlush(FilledTablesFlush):
    """A FilledTablesFlush that then puts back the rows the database held when it was made (the migrated rows:
    vocabularies, content types, permissions), in the same transaction, from copies in the schema `test_seed`
    (on SQLite, which has no schemas: tables named `test_seed__<table>`), and sets those tables' sequences past
    their highest ids (SQLite keeps its AUTOINCREMENT counters through a DELETE)."""

    SCHEMA = "test_seed"
    SQLITE_PREFIX = f"{SCHEMA}__"

    def __init__(self, connection) -> None:
        from django.apps import apps
        from django.core.management.color import no_style

        super().__init__(connection)
        quote = connection.ops.quote_name
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        self.refill: list[str] = []
        seeded = set()
        postgresql = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            if postgresql:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE; CREATE SCHEMA {self.SCHEMA}")
            for table in sorted(tables):
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 (model table names)
                if not cursor.fetchone()[0]:
                    continue
                copy = f"{self.SCHEMA}.{quote(table)}" if postgresql else quote(f"{self.SQLITE_PREFIX}{table}")
                if not postgresql:
                    cursor.execute(f"DROP TABLE IF EXISTS {copy}")
                cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {quote(table)}")  # noqa: S608
                columns = ", ".join(
                    quote(column.name) for column in connection.introspection.get_table_description(cursor, table)
                )
                self.refill.append(f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {copy};")  # noqa: S608
                seeded.add(table)
        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in seeded]
        self.refill.extend(connection.ops.sequence_reset_sql(no_style(), models))

    def __call__(self, style, tables, *, reset_sequences=False, allow_cascade=False) -> list[str]:
        statements = super().__call__(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if reset_sequences or allow_cascade or not tables:
            return statements
        return [*statements, *self.refill]


def _immediate_foreign_keys(connection) -> int:
    """Foreign keys checked at each statement rather than at commit: with one, the order of the DELETEs would
    matter, so Django's own flush is kept (Django makes every key it creates DEFERRABLE INITIALLY DEFERRED, on
    SQLite too, where a key is a clause of its table's CREATE statement)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES%'")
            return sum(
                clause.count("REFERENCES") - clause.count("DEFERRABLE INITIALLY DEFERRED")
                for (clause,) in cursor.fetchall()
            )
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT (condeferrable AND condeferred)"
            " AND connamespace = 'public'::regnamespace"
        )
        return cursor.fetchone()[0]


@contextmanager
def flush_filled_tables_only(connection) -> Iterator[FilledTablesFlush | None]:
    """While inside, the connection's flushes after transactional tests empty only the filled tables and put the
    migrated rows back."""
    if connection.vendor not in ("postgresql", "sqlite") or _immediate_foreign_keys(connection):
        yield None
        return
    flush = MigratedStateFlush(connection)
    connection.ops.sql_flush = flush
    try:
        yield flush
    finally:
        del connection.ops.sql_flush  # the instance attribute; the class's method shows through again
