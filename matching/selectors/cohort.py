"""Cohorts: the list, one cohort with its candidates and companies, and the candidate choices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from citizens.models import (
    Citizen,
    Placement,
    PlacementStatus,
)
from matching.models import (
    Cohort,
    CohortCandidate,
    CohortCompany,
)

# --- Cohorts ---------------------------------------------------------------------------------------


def cohorts_list(*, jobcenter) -> QuerySet[Cohort]:
    return (
        Cohort.objects.filter(jobcenter=jobcenter)
        .select_related("placement_type")
        .annotate(
            candidate_count=Count("candidates", distinct=True),
            company_count=Count("companies", distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def cohort_get(*, jobcenter, pk: int, for_update: bool = False) -> Cohort:
    queryset = Cohort.objects.filter(jobcenter=jobcenter)
    if for_update:
        queryset = queryset.select_for_update()
    return get_object_or_404(queryset, pk=pk)


@dataclass
class CohortView:
    cohort: Cohort
    companies: list[CohortCompany]
    candidates: list[CohortCandidate]
    groups: list[tuple[CohortCompany, list[CohortCandidate]]] = field(default_factory=list)
    unassigned: list[CohortCandidate] = field(default_factory=list)


def cohort_detail(*, jobcenter, pk: int) -> CohortView:
    cohort: Cohort = get_object_or_404(
        Cohort.objects.filter(jobcenter=jobcenter).select_related("placement_type", "responsible", "created_by"), pk=pk
    )
    companies = list(cohort.companies.select_related("company").order_by("company__name", "id"))
    candidates = list(
        cohort.candidates.select_related("citizen", "assigned__company", "placement").order_by("citizen__name", "id")
    )
    by_company: dict[int, list[CohortCandidate]] = {company.pk: [] for company in companies}
    unassigned = []
    for candidate in candidates:
        if candidate.assigned_id is None:
            unassigned.append(candidate)
        else:
            by_company[candidate.assigned_id].append(candidate)
    groups = [(company, by_company[company.pk]) for company in companies]
    return CohortView(cohort, companies, candidates, groups, unassigned)


def cohort_candidate_choices(*, jobcenter) -> QuerySet[Citizen]:
    """Citizens who may be put in a cohort: not ended, without an active or proposed placement."""
    busy = Placement.objects.filter(
        citizen=OuterRef("pk"), status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED]
    )
    return (
        Citizen.objects.filter(jobcenter=jobcenter)
        .exclude(status="ended")
        .exclude(Q(pk__in=Subquery(busy.values("citizen"))))
        .only("id", "name", "jobcenter_id")
        .order_by("name", "id")
    )


def today() -> datetime.date:
    return timezone.localdate()
