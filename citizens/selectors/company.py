"""The company portal's view of its placements: only what a company may see of a citizen."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404

from citizens.models import (
    Placement,
    PlacementStatus,
)


@dataclass(frozen=True)
class CompanyPlacement:
    """What a company may know about a placement: no CPR, no sensitive notes, no social fields."""

    pk: int
    citizen_name: str
    placement_type: str
    status: str
    status_label: str
    starts_on: date
    ends_on: date
    tasks: str
    hours_per_week: Decimal
    mentor_hours_per_week: Decimal
    company_mentor_id: int | None
    company_mentor_name: str
    responsible_name: str
    responsible_email: str
    proposal_note: str
    last_follow_up_on: date | None


_PORTAL_FIELDS = (
    "id",
    "company_id",
    "citizen__name",
    "placement_type__name",
    "status",
    "starts_on",
    "ends_on",
    "tasks",
    "hours_per_week",
    "mentor_hours_per_week",
    "company_mentor_id",
    "company_mentor__full_name",
    "responsible__full_name",
    "responsible__email",
    "proposal_note",
    "last_follow_up_on",
)


def _company_placement_from_row(row: dict) -> CompanyPlacement:
    return CompanyPlacement(
        pk=row["id"],
        citizen_name=row["citizen__name"],
        placement_type=row["placement_type__name"],
        status=row["status"],
        status_label=str(PlacementStatus(row["status"]).label),
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        tasks=row["tasks"],
        hours_per_week=row["hours_per_week"],
        mentor_hours_per_week=row["mentor_hours_per_week"],
        company_mentor_id=row["company_mentor_id"],
        company_mentor_name=row["company_mentor__full_name"] or "",
        responsible_name=row["responsible__full_name"] or "",
        responsible_email=row["responsible__email"] or "",
        proposal_note=row["proposal_note"],
        last_follow_up_on=row["last_follow_up_on"],
    )


def company_placements(*, company, statuses: list[str] | None = None) -> list[CompanyPlacement]:
    """The company's placements for its portal, newest first: one query, plain values only."""
    queryset = Placement.objects.filter(jobcenter_id=company.jobcenter_id, company=company)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    rows = queryset.order_by("-starts_on", "-id").values(*_PORTAL_FIELDS)
    return [_company_placement_from_row(row) for row in rows]


def company_placement(*, company, pk: int) -> CompanyPlacement:
    """One of the company's placements, or Http404 (also for another company's placement)."""
    row = (
        Placement.objects.filter(jobcenter_id=company.jobcenter_id, company=company, pk=pk)
        .values(*_PORTAL_FIELDS)
        .first()
    )
    if row is None:
        raise Http404
    return _company_placement_from_row(row)


def company_placement_for_update(*, company, pk: int) -> Placement:
    """The Placement row for a portal service call (accept, decline, assessment, follow-up). Only
    the placement's own columns are loaded; do not render its citizen from here."""
    return get_object_or_404(Placement.objects.filter(jobcenter_id=company.jobcenter_id, company=company), pk=pk)
