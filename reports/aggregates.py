"""Database expressions the reports need that Django lacks: whole days between two dates, and the
continuous percentile (median, 90th percentile) as an aggregate.

PostgreSQL computes the percentile itself with ``percentile_cont(p) WITHIN GROUP (ORDER BY x)``.
SQLite (the embedded development and demo database) has no percentile function, so the same SQL
calls an aggregate registered on the SQLite connection (``reports_percentile_cont``), which
implements exactly percentile_cont's linear interpolation. It runs inside the database engine, row
by row in the aggregation, and works with GROUP BY and FILTER like any other aggregate: the report
code is the same on both databases. Production runs on PostgreSQL; the SQLite fallback lives here
and nowhere else.
"""

import math

from django.db.models import Aggregate, FloatField, Func, IntegerField

SQLITE_PERCENTILE = "reports_percentile_cont"


class _SqlitePercentile:
    """percentile_cont for SQLite: the value at position p·(n−1) of the sorted values, interpolated."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        if value is not None:
            self.values.append(float(value))
            self.fraction = float(fraction)

    def finalize(self):
        if not self.values:
            return None
        values = sorted(self.values)
        position = self.fraction * (len(values) - 1)
        low, high = math.floor(position), math.ceil(position)
        return values[low] + (values[high] - values[low]) * (position - low)


def _register_sqlite(connection) -> None:
    """(Re-)registers the aggregate on the raw sqlite3 connection; cheap, and safe after a reconnect."""
    connection.ensure_connection()
    connection.connection.create_aggregate(SQLITE_PERCENTILE, 2, _SqlitePercentile)


class PercentileCont(Aggregate):
    """The continuous percentile of `expression` (0 < fraction < 1), e.g. 0.5 for the median."""

    function = "percentile_cont"
    name = "PercentileCont"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        fraction = float(fraction)
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        self.fraction = fraction
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"percentile_cont({self.fraction!r}) WITHIN GROUP (ORDER BY %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        _register_sqlite(connection)
        template = f"{SQLITE_PERCENTILE}(%(expressions)s, {self.fraction!r})"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class DaysBetween(Func):
    """Whole days from `start` to `end` (two date expressions), as an integer."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date - date is an integer number of days.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(argument) for argument in self.get_source_expressions())
        sql = f"CAST(ROUND(julianday({end[0]}) - julianday({start[0]})) AS INTEGER)"
        return sql, (*end[1], *start[1])
