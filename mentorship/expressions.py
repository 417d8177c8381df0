"""Database expressions several apps share."""

from django.db.models import BooleanField, F, Func, QuerySet, Subquery


class InIds(Func):
    """`column IN (subquery of ids)`, written for PostgreSQL as `column = ANY(ARRAY(subquery))`.

    Same rows. For the IN form PostgreSQL plans a join, and with a few hundred or thousand ids it often
    hashes the whole other table (every mentor's hours, every citizen's needs in the country); with an
    array it reads the column's index once per id. Use it in filter():
    `HoursEntry.objects.filter(InIds("mentor_id", mentors.values("pk")))`. Elsewhere (SQLite) plain IN."""

    output_field = BooleanField()

    def __init__(self, column: str, ids: QuerySet):
        super().__init__(F(column), Subquery(ids.order_by()))

    def as_sql(self, compiler, connection, template="%(column)s IN %(ids)s", **extra_context):
        column, ids = (compiler.compile(expression) for expression in self.get_source_expressions())
        return template % {"column": column[0], "ids": ids[0]}, (*column[1], *ids[1])

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="%(column)s = ANY(ARRAY%(ids)s)", **extra_context)
