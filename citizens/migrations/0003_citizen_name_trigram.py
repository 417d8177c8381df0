"""Name search (`name__icontains`, i.e. UPPER(name) LIKE UPPER('%…%')) on PostgreSQL uses a trigram GIN
index instead of reading every citizen of the jobcenter. pg_trgm is a trusted extension (PostgreSQL 13+), so
the database owner may create it. SQLite, the embedded default, has no such index and needs none."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS citizen_name_trgm ON citizens_citizen USING gin (UPPER(name) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS citizen_name_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("citizens", "0002_seed_vocabulary")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
