"""Reads for the company leader's portal. Everything is filtered by the leader's company (resolved from
the membership, never from the URL), so another company's id is simply absent: 404.

Only the workplace-relevant fields of a citizen are loaded: the name. No CPR number, birth date,
contact details, referral reason, caseworker's view or sensitive notes ever reach the portal; the
querysets use .only() so such fields are not even read from the database.
"""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from companies.models import ClaimStatus, Company, CompanyMentor, CompensationClaim
from mentorship.expressions import count_subquery
from mentorship.prepared import PreparedQuery

PLACEMENT_FIELDS = (
    "id",
    "jobcenter_id",
    "company_id",
    "status",
    "starts_on",
    "ends_on",
    "ended_on",
    "outcome",
    "tasks",
    "hours_per_week",
    "mentor_hours_per_week",
    "proposal_note",
    "decided_at",
    "decline_reason",
    "last_follow_up_on",
    "citizen__id",
    "citizen__name",
    "placement_type__id",
    "placement_type__name",
    "company_mentor__id",
    "company_mentor__full_name",
    "company_mentor__hourly_wage",
    "responsible__id",
    "responsible__full_name",
    "responsible__email",
)
# Follow-up fields a company may see. The jobcenter's own notes may hold social information, so the
# portal shows the company's own notes in full and, of the jobcenter's, only date, kind and next step.
FOLLOW_UP_FIELDS = (
    "id",
    "placement_id",
    "kind",
    "occurred_on",
    "participants",
    "notes",
    "next_action",
    "next_action_on",
    "recorded_as",
    "author__id",
    "author__full_name",
)


def _placements(company):
    from citizens.models import Placement

    return (
        Placement.objects.filter(jobcenter=company.jobcenter_id, company=company)
        .select_related("citizen", "placement_type", "company_mentor", "responsible")
        .only(*PLACEMENT_FIELDS)
    )


def placement_list(*, company) -> QuerySet:
    """The company's placements: proposals first, then active, then the rest, newest first."""
    order = Case(
        When(status="proposed", then=Value(0)),
        When(status="active", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return _placements(company).annotate(status_order=order).order_by("status_order", "-starts_on", "-id")


def placement_get(*, company, pk: int):
    """One of the company's placements or 404."""
    return get_object_or_404(_placements(company), pk=pk)


def placement_detail(*, company, pk: int):
    """The placement with its goals, hours plan, progress cards and follow-ups, in a fixed number of queries."""
    from citizens.models import FollowUp, Goal, HoursStep, ProgressAssessment, ProgressScore
    from citizens.selectors import goal_tree

    assessments = (
        ProgressAssessment.objects.select_related("company_mentor")
        .only("id", "placement_id", "assessed_on", "assessor_kind", "company_mentor__full_name")
        .prefetch_related(
            Prefetch(
                "scores", queryset=ProgressScore.objects.select_related("dimension").order_by("dimension__position")
            )
        )
        .order_by("-assessed_on", "-id")
    )
    follow_ups = FollowUp.objects.select_related("author").only(*FOLLOW_UP_FIELDS).order_by("-occurred_on", "-id")
    placement = get_object_or_404(
        _placements(company).prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("position", "id"), to_attr="all_goals"),
            Prefetch("hours_steps", queryset=HoursStep.objects.order_by("starts_on")),
            Prefetch("assessments", queryset=assessments, to_attr="assessment_list"),
            Prefetch("follow_ups", queryset=follow_ups, to_attr="follow_up_list"),
        ),
        pk=pk,
    )
    placement.top_goals = goal_tree(placement.all_goals)  # one query for goals and sub-goals
    return placement


def claimable_placements(*, company) -> QuerySet:
    """Placements the company may claim compensation for: accepted ones with a company mentor."""
    return (
        _placements(company)
        .filter(status__in=("active", "ended"), company_mentor__isnull=False)
        .order_by("citizen__name", "-starts_on")
    )


def progress_dimensions(*, jobcenter) -> QuerySet:
    from citizens.models import ProgressDimension

    return ProgressDimension.objects.filter(jobcenter=jobcenter, is_active=True).order_by("position", "name")


def _home_counts(*, jobcenter, company) -> QuerySet:
    """The front page's five counts in one SELECT of scalar subqueries."""
    from citizens.models import Placement, PlacementStatus

    placements = Placement.objects.filter(jobcenter=jobcenter, company=company)
    claims = CompensationClaim.objects.filter(jobcenter=jobcenter, company=company)
    return (
        Company.objects.filter(pk=company.pk)
        .annotate(
            proposed_count=count_subquery(placements.filter(status=PlacementStatus.PROPOSED)),
            active_count=count_subquery(placements.filter(status=PlacementStatus.ACTIVE)),
            mentor_count=count_subquery(CompanyMentor.objects.filter(company=company, is_active=True)),
            claims_submitted=count_subquery(claims.filter(status=ClaimStatus.SUBMITTED)),
            claims_rejected=count_subquery(claims.filter(status=ClaimStatus.REJECTED)),
        )
        .values("proposed_count", "active_count", "mentor_count", "claims_submitted", "claims_rejected")
    )


# Compiled once per process (mentorship.prepared): every leader's front page asks for them.
HOME_COUNTS = PreparedQuery(_home_counts)


def home_summary(*, jobcenter, company) -> dict:
    """What the portal's front page shows: proposals to answer, active placements, mentors, open claims."""
    (counts,) = HOME_COUNTS(jobcenter=jobcenter, company=company)
    return {"proposals": list(placement_list(company=company).filter(status="proposed")[:10]), **counts}
