"""What the reports share: counts and sums as (correlated) subqueries, the reporting period, rates and
Danish number formatting."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import Jobcenter
from citizens.models import (
    AgreementStatus,
    CitizenStatus,
    PlacementStatus,
)
from mentorship.expressions import count_subquery
from mentorship.numbers import dk_number

STARTED = (CitizenStatus.ACTIVE, CitizenStatus.ENDED)
PLACEMENT_STARTED = (PlacementStatus.ACTIVE, PlacementStatus.ENDED)
MENTOR_AGREEMENT_STARTED = (AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.RENEWED)


_count = count_subquery  # the reports' name for it


def _correlated_count(queryset: QuerySet, outer_field: str) -> Coalesce:
    """COUNT of the rows of `queryset` whose `outer_field` is the outer row (no JOIN fan-out)."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


MONEY: DecimalField = DecimalField(max_digits=14, decimal_places=2)


def _sum(queryset: QuerySet, field_name: str) -> Coalesce:
    """SUM(field) of `queryset` as a scalar subquery."""
    summed = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(s=Sum(field_name)).values("s")
    return Coalesce(Subquery(summed, output_field=MONEY), Value(Decimal("0.00"), output_field=MONEY))


def _correlated_sum(queryset: QuerySet, outer_field: str, field_name: str) -> Coalesce:
    """SUM(field) of the rows of `queryset` whose `outer_field` is the outer row."""
    summed = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(s=Sum(field_name))
        .values("s")
    )
    return Coalesce(Subquery(summed, output_field=MONEY), Value(Decimal("0"), output_field=MONEY))


def _hours_period(date_from: date | None, date_to: date | None) -> dict:
    """Hours entries are per week (its Monday): a week counts when its Monday lies in the period,
    or the period starts inside it."""
    lookups = {}
    if date_from:
        lookups["week__gte"] = date_from - timedelta(days=date_from.weekday())
    if date_to:
        lookups["week__lte"] = date_to
    return lookups


def _scalars(jobcenter, **expressions) -> dict:
    """Several totals in one SELECT: each a scalar subquery, evaluated once on the jobcenter's row.
    (Django's aggregate() over subquery annotations drops the annotations from its inner query, so
    totals are never taken that way.)"""
    prefixed = {f"total_{name}": expression for name, expression in expressions.items()}
    row = Jobcenter.objects.filter(pk=jobcenter.pk).annotate(**prefixed).values(*prefixed).get()
    return {name: row[f"total_{name}"] for name in expressions}


def _rate(part: int | None, whole: int | None) -> float | None:
    return round(100 * (part or 0) / whole, 1) if whole else None


def _period(params: dict) -> tuple[date | None, date | None]:
    return params.get("date_from"), params.get("date_to")


def _fmt(value) -> str:
    return "–" if value is None else dk_number(value, 1, trim=True)


def _signed(value) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _fmt(value)
