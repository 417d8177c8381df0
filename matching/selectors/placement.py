"""Placement suggestions: companies and company mentors ranked for a citizen."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from citizens.models import (
    Citizen,
    Placement,
    PlacementStatus,
)
from companies.models import CollaborationStatus, Company, CompanyMentor
from matching.placement import CompanyProfile, CompanyScore, rank_companies
from matching.selectors._common import _need_name

# --- Placements: companies and company mentors -------------------------------------------------------


def _company_profiles(*, jobcenter, placement_type_id: int | None) -> tuple[list[CompanyProfile], dict[int, str]]:
    """Every active or interested company of the jobcenter as the ranking's input, read as rows: four queries
    (companies with their free seats, which offer the placement type, their active mentors, the mentors'
    competences), and the companies' names by id. Model instances through nested prefetches cost the largest
    jobcenter (607 companies, a thousand mentors) about 120 ms a view."""
    taken = (
        Placement.objects.filter(company=OuterRef("pk"), status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED])
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    statuses = [CollaborationStatus.ACTIVE, CollaborationStatus.INTERESTED]
    rows = list(
        Company.objects.filter(jobcenter=jobcenter, status__in=statuses)
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)))
        .annotate(free=F("capacity") - F("taken"))
        .values_list("id", "name", "free")
    )
    offering: set[int] | None = None
    if placement_type_id is not None:
        offering = set(
            Company.placement_types.through.objects.filter(
                placementtype_id=placement_type_id,
                company__jobcenter=jobcenter,
                company__status__in=statuses,
            ).values_list("company_id", flat=True)
        )
    # In the mentors' own order (CompanyMentor.Meta.ordering), as the prefetch gave them: ties keep their order.
    mentors = list(
        CompanyMentor.objects.filter(
            is_active=True, company__jobcenter=jobcenter, company__status__in=statuses
        ).values_list("id", "company_id", "full_name", "years_in_company", "course_completed_on")
    )
    competences: dict[int, set[str]] = {}
    for mentor_id, name in CompanyMentor.competences.through.objects.filter(
        companymentor__is_active=True,
        companymentor__company__jobcenter=jobcenter,
        companymentor__company__status__in=statuses,
    ).values_list("companymentor_id", "competence__name"):
        competences.setdefault(mentor_id, set()).add(_need_name(name))
    by_company: dict[int, list[tuple]] = {}
    for mentor_id, company_id, full_name, years, course_completed_on in mentors:
        by_company.setdefault(company_id, []).append(
            (
                str(mentor_id),
                full_name,
                frozenset(competences.get(mentor_id, ())),
                years or 0,
                course_completed_on is not None,
            )
        )
    profiles = [
        CompanyProfile(
            id=str(company_id),
            free=free,
            offers_type=offering is None or company_id in offering,
            mentors=tuple(by_company.get(company_id, ())),
        )
        for company_id, _name, free in rows
    ]
    return profiles, {company_id: name for company_id, name, _free in rows}


@dataclass(frozen=True)
class PlacementSuggestion:
    company: Company
    score: CompanyScore

    @property
    def percent(self) -> int:
        return round(self.score.score * 100)


def placement_suggestions(*, citizen: Citizen, placement_type_id: int | None = None, top: int = 10) -> list:
    needs = tuple(_need_name(n) for n in citizen.needs.values_list("name", flat=True))
    profiles, names = _company_profiles(jobcenter=citizen.jobcenter_id, placement_type_id=placement_type_id)
    ranked = rank_companies(needs, profiles, top=top)
    # The page shows each ranked company's name and links to it: enough of a Company.
    return [
        PlacementSuggestion(Company(pk=int(item.company_id), name=names[int(item.company_id)]), item) for item in ranked
    ]
