"""Every read on companies, scoped to the actor's jobcenter (and, for leaders, to their company).

The tenant scope of django-scopes already filters by jobcenter; these selectors filter explicitly
as well, so a selector called outside a request (a task, a command) never mixes tenants.
"""

from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.shortcuts import get_object_or_404

from accounts.models import Membership, Role
from companies.models import (
    ClaimStatus,
    Company,
    CompanyMentor,
    CompensationClaim,
    CompensationRates,
    CourseNomination,
    LeaderInvitation,
    NominationStatus,
)

ACTIVE_PLACEMENT_STATUSES = ("active",)


def _count_subquery(queryset: QuerySet, outer: str = "pk") -> Coalesce:
    """A correlated COUNT(*) that does not multiply rows like a JOIN + GROUP BY would."""
    counted = queryset.filter(company=OuterRef(outer)).order_by().values("company").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def portal_leader_exists(company_ref: str = "pk") -> Exists:
    """True for a company with a leader who can answer in the portal (an active leader membership of an active
    user); `company_ref` names the company's id in the outer query. Without one, a placement proposed to the
    company, or a cohort's proposals, wait for an answer nobody can give."""
    return Exists(
        Membership.objects.filter(
            company=OuterRef(company_ref), role=Role.COMPANY_LEADER, is_active=True, user__is_active=True
        )
    )


def _placements():
    from citizens.models import Placement

    return Placement.objects.all()


def company_list(*, jobcenter) -> QuerySet[Company]:
    """Companies of the jobcenter with the counts the list and its filters need, in one query."""
    return (
        Company.objects.filter(jobcenter=jobcenter)
        .select_related("industry")
        .annotate(
            mentor_count=_count_subquery(CompanyMentor.objects.filter(is_active=True)),
            trained_mentor_count=_count_subquery(
                CompanyMentor.objects.filter(is_active=True, course_completed_on__isnull=False)
            ),
            active_placement_count=_count_subquery(_placements().filter(status__in=ACTIVE_PLACEMENT_STATUSES)),
        )
        .order_by("name", "pk")
    )


def company_get(*, jobcenter, pk: int) -> Company:
    """One company of the jobcenter, or 404 (another jobcenter's company is absent)."""
    return get_object_or_404(Company.objects.filter(jobcenter=jobcenter).select_related("industry", "jobcenter"), pk=pk)


def company_detail(*, jobcenter, pk: int) -> Company:
    """The company with everything its detail page shows, in a fixed number of queries."""
    from citizens.models import Placement

    placements = (
        Placement.objects.filter(jobcenter=jobcenter)
        .select_related("citizen", "placement_type", "company_mentor")
        .only(
            "id",
            "status",
            "starts_on",
            "ends_on",
            "ended_on",
            "outcome",
            "company_id",
            "citizen__id",
            "citizen__name",
            "placement_type__name",
            "company_mentor__full_name",
        )
        .order_by("-starts_on", "-id")
    )
    mentors = (
        CompanyMentor.objects.select_related("shadowing")
        .prefetch_related("competences")
        .annotate(open_nominations=Count("course_nominations", filter=Q(course_nominations__status="new")))
        .order_by("-is_active", "full_name")
    )
    leaders = (
        Membership.objects.filter(role=Role.COMPANY_LEADER, jobcenter=jobcenter)
        .select_related("user")
        .order_by("-is_active", "user__full_name")
    )
    invitations = LeaderInvitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).order_by(
        "-created_at"
    )
    return get_object_or_404(
        Company.objects.filter(jobcenter=jobcenter)
        .select_related("industry")
        .prefetch_related(
            "placement_types",
            Prefetch("mentors", queryset=mentors),
            Prefetch("leader_memberships", queryset=leaders, to_attr="leaders"),
            Prefetch("leader_invitations", queryset=invitations, to_attr="open_invitations"),
            Prefetch("placements", queryset=placements, to_attr="placement_history"),
        ),
        pk=pk,
    )


def company_open_nominations(*, company: Company) -> QuerySet[CourseNomination]:
    return (
        CourseNomination.objects.filter(mentor__company=company, status=NominationStatus.NEW)
        .select_related("mentor", "nominated_by")
        .order_by("created_at")
    )


def company_outcomes(company: Company) -> dict[str, int]:
    """Counts of the company's placements by outcome (from the already prefetched history)."""
    counts: dict[str, int] = {}
    for placement in company.placement_history:  # type: ignore[attr-defined]  # company_detail's prefetch to_attr
        if placement.outcome:
            label = placement.get_outcome_display()
            counts[label] = counts.get(label, 0) + 1
    return counts


def company_mentor_list(*, company: Company) -> QuerySet[CompanyMentor]:
    return (
        CompanyMentor.objects.filter(company=company)
        .select_related("shadowing")
        .prefetch_related("competences")
        .annotate(open_nominations=Count("course_nominations", filter=Q(course_nominations__status="new")))
        .order_by("-is_active", "full_name")
    )


def company_mentor_get(*, jobcenter, pk: int, company: Company | None = None) -> CompanyMentor:
    """A company mentor of the jobcenter (and of `company`, when given: the portal), or 404."""
    queryset = CompanyMentor.objects.filter(company__jobcenter=jobcenter).select_related("company", "shadowing")
    if company is not None:
        queryset = queryset.filter(company=company)
    return get_object_or_404(queryset, pk=pk)


def leader_membership_get(*, jobcenter, company: Company, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.filter(jobcenter=jobcenter, company=company, role=Role.COMPANY_LEADER).select_related(
            "user"
        ),
        pk=pk,
    )


def company_leaders(*, jobcenter, company: Company) -> list[Membership]:
    """The company's people with access to its portal (active leader memberships), by name, each with how it is
    bound to MitID Erhverv (`mitid_erhverv_binding`, or none: the person signs in with a password). One query."""
    return list(
        Membership.objects.filter(jobcenter=jobcenter, company=company, role=Role.COMPANY_LEADER, is_active=True)
        .select_related("user", "mitid_erhverv_binding")
        .order_by("user__full_name", "user__email")
    )


def leader_invitation_get(*, jobcenter, pk: int) -> LeaderInvitation:
    return get_object_or_404(
        LeaderInvitation.objects.filter(company__jobcenter=jobcenter).select_related("company"), pk=pk
    )


def course_nomination_get(*, jobcenter, pk: int) -> CourseNomination:
    return get_object_or_404(
        CourseNomination.objects.filter(mentor__company__jobcenter=jobcenter).select_related("mentor__company"),
        pk=pk,
    )


# --- Compensation ---------------------------------------------------------------------------------


def compensation_rates_for(*, jobcenter, month: date) -> CompensationRates:
    """The rates in force on the first day of `month`; the model's defaults if the jobcenter has none."""
    rates = CompensationRates.objects.filter(jobcenter=jobcenter, valid_from__lte=month).order_by("-valid_from").first()
    return rates or CompensationRates(jobcenter=jobcenter, valid_from=date(2000, 1, 1))


def claim_list(*, jobcenter, company: Company | None = None) -> QuerySet[CompensationClaim]:
    """Claims of the jobcenter (of one company in the portal), with what a list row shows."""
    queryset = CompensationClaim.objects.filter(jobcenter=jobcenter)
    if company is not None:
        queryset = queryset.filter(company=company)
    return queryset.select_related(
        "company", "company_mentor", "placement__citizen", "placement__placement_type", "decided_by"
    ).only(
        "id",
        "month",
        "hours",
        "hourly_wage",
        "total_amount",
        "wage_amount",
        "holiday_pay_amount",
        "pension_amount",
        "employer_contribution_amount",
        "status",
        "submitted_at",
        "decided_at",
        "rejection_reason",
        "company__id",
        "company__name",
        "company__cvr",
        "company__p_number",
        "company_mentor__id",
        "company_mentor__full_name",
        "placement__id",
        "placement__citizen__id",
        "placement__citizen__name",
        "placement__placement_type__name",
        "decided_by__full_name",
    )


def claim_get(*, jobcenter, pk: int, company: Company | None = None) -> CompensationClaim:
    queryset = CompensationClaim.objects.filter(jobcenter=jobcenter)
    if company is not None:
        queryset = queryset.filter(company=company)
    return get_object_or_404(
        queryset.select_related(
            "company", "company_mentor", "placement__citizen", "placement__placement_type", "submitted_by", "decided_by"
        ),
        pk=pk,
    )


def claims_for_export(*, jobcenter, month: date | None = None) -> QuerySet[CompensationClaim]:
    """Approved claims for payment, oldest month first."""
    queryset = claim_list(jobcenter=jobcenter).filter(status=ClaimStatus.APPROVED)
    if month is not None:
        queryset = queryset.filter(month=month)
    return queryset.order_by("month", "company__name", "id")


def with_mentor_label(mentors: QuerySet[CompanyMentor]) -> QuerySet[CompanyMentor]:
    """Company mentors with `label`, "name (company)", as the forms' choice lists show them: the label a
    mentorship.widgets.FastSelect(label_field="label") reads as rows."""
    return mentors.annotate(label=Concat("full_name", Value(" ("), "company__name", Value(")")))
