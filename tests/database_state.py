"""A fingerprint of every model table's content, to prove that a batch of requests changed nothing.

`table_fingerprints()` returns {table: digest} for every table of an installed model (many-to-many
tables and history tables included); `changed_tables(before, after)` names the tables whose content
differs. On PostgreSQL one query hashes each table's rows in the database; elsewhere (the embedded
SQLite) the rows are read and hashed here.
"""

import hashlib

from django.db import connection


def model_tables(exclude: frozenset[str] = frozenset()) -> list[str]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(set(tables) - exclude)


def table_fingerprints(exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    tables = model_tables(exclude)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The row's text form covers every column; sorting it makes the digest independent of the
            # physical order an UPDATE leaves behind. Table names come from the model registry, quoted.
            digest = "SELECT %s, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {} t"
            cursor.execute(" UNION ALL ".join(digest.format(quote(table)) for table in tables), tables)
            return dict(cursor.fetchall())
        fingerprints = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - a quoted name from the model registry
            rows = sorted(repr(row) for row in cursor.fetchall())
            fingerprints[table] = hashlib.md5("\n".join(rows).encode(), usedforsecurity=False).hexdigest()
        return fingerprints


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))
