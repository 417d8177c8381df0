"""Database expressions several apps share."""

from django.db.models import BooleanField, Count, F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


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


def count_subquery(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of `queryset` as a scalar subquery (one row: the grouping is on a constant), 0 when empty: several
    counts of different tables in one SELECT (the start page's to-do list, the portal's front page)."""
    counted = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
