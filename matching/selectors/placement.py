"""Placement suggestions: companies and company mentors ranked for a citizen."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from citizens.models import (
    Citizen,
    Placement,
    PlacementStatus,
    PlacementType,
)
from companies.models import CollaborationStatus, Company, CompanyMentor
from corps.models import Competence
from matching.placement import CompanyProfile, CompanyScore, rank_companies
from matching.selectors._common import _need_name

# --- Placements: companies and company mentors -------------------------------------------------------


def _company_profiles(*, jobcenter, placement_type_id: int | None) -> tuple[list[CompanyProfile], dict]:
    taken = (
        Placement.objects.filter(company=OuterRef("pk"), status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED])
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    companies = list(
        Company.objects.filter(
            jobcenter=jobcenter, status__in=[CollaborationStatus.ACTIVE, CollaborationStatus.INTERESTED]
        )
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)))
        .annotate(free=F("capacity") - F("taken"))
        .only("id", "name", "capacity", "city")
        .prefetch_related(
            Prefetch("placement_types", queryset=PlacementType.objects.only("id", "name")),
            Prefetch(
                "mentors",
                queryset=CompanyMentor.objects.filter(is_active=True)
                .only("id", "company_id", "full_name", "years_in_company", "course_completed_on", "experience")
                .prefetch_related(Prefetch("competences", queryset=Competence.objects.only("id", "name"))),
            ),
        )
    )
    profiles = [
        CompanyProfile(
            id=str(company.pk),
            free=company.free,
            offers_type=placement_type_id is None
            or any(kind.pk == placement_type_id for kind in company.placement_types.all()),
            mentors=tuple(
                (
                    str(mentor.pk),
                    mentor.full_name,
                    frozenset(_need_name(c.name) for c in mentor.competences.all()),
                    mentor.years_in_company or 0,
                    mentor.course_completed_on is not None,
                )
                for mentor in company.mentors.all()
            ),
        )
        for company in companies
    ]
    return profiles, {company.pk: company for company in companies}


@dataclass(frozen=True)
class PlacementSuggestion:
    company: Company
    score: CompanyScore

    @property
    def percent(self) -> int:
        return round(self.score.score * 100)


def placement_suggestions(*, citizen: Citizen, placement_type_id: int | None = None, top: int = 10) -> list:
    needs = tuple(_need_name(n) for n in citizen.needs.values_list("name", flat=True))
    profiles, companies = _company_profiles(jobcenter=citizen.jobcenter_id, placement_type_id=placement_type_id)
    ranked = rank_companies(needs, profiles, top=top)
    return [PlacementSuggestion(companies[int(item.company_id)], item) for item in ranked]
