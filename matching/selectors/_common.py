"""What several of the selector modules share: the pending-seat query, plain-row fetching, the scored mentors
and the need names the engine speaks."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Count,
    QuerySet,
)

from citizens.models import (
    AgreementStatus,
)
from corps.models import Employment, Mentor, MentorStatus
from matching.models import (
    Offer,
    OfferStatus,
)


def _need_name(name: str) -> str:
    return name[:1].lower() + name[1:]


def _pending_seats_query(*, jobcenter) -> QuerySet:
    """(mentor id, seats) rows, named "mentor_id" and "n": accepted offers hold a seat until the citizen's
    mentor agreement is active (then it counts as load)."""
    return (
        Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.ACCEPTED)
        .exclude(citizen__agreements__status=AgreementStatus.ACTIVE)
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )


def _fetch(queryset: QuerySet, *columns: str) -> list[tuple]:
    """The queryset's rows as plain tuples from a cursor: Django's per-row handling of 10,000 rows
    costs more than the query. Only for columns the driver returns as they are (ints and texts)."""
    try:
        sql, params = queryset.values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # e.g. pk__in=[]: Django knows there is no row without asking
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _scored_mentors(*, jobcenter, severe_only: bool, exclude_ids, only_ids) -> QuerySet[Mentor]:
    """The active corps mentors a citizen may be scored against."""
    mentors = Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.ACTIVE).order_by()
    if severe_only:
        mentors = mentors.filter(employment=Employment.FULL_TIME)
    if exclude_ids:
        mentors = mentors.exclude(pk__in=exclude_ids)
    if only_ids is not None:
        mentors = mentors.filter(pk__in=only_ids)
    return mentors
