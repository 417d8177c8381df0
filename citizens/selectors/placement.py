"""Placements: one with its goals and follow-ups, the active ones, those without follow-up, unconfirmed
mentor hours, and the progress chart."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from citizens.models import (
    FollowUp,
    Goal,
    MentorAgreement,
    Placement,
    PlacementStatus,
    ProgressAssessment,
    ProgressDimension,
)
from citizens.rules import follow_up_clock, follow_up_overdue
from citizens.selectors.citizen import dimensions_for


def placement_get(*, jobcenter, pk: int) -> Placement:
    return get_object_or_404(
        Placement.objects.filter(jobcenter=jobcenter).select_related(
            "citizen", "company", "company_mentor", "placement_type", "responsible"
        ),
        pk=pk,
    )


def goal_tree(goals: list[Goal]) -> list[Goal]:
    """The top-level goals, in order, each with its sub-goals (in order) as `sub_goal_list`, built from all of a
    placement's goals read in ONE query. A prefetch of goals and then sub-goals costs two queries, or one when
    the placement has no goals, so the page's count would depend on the data."""
    children: dict[int, list[Goal]] = {}
    for goal in goals:
        if goal.parent_id is not None:
            children.setdefault(goal.parent_id, []).append(goal)
    top = [goal for goal in goals if goal.parent_id is None]
    for goal in top:
        goal.sub_goal_list = children.get(goal.pk, [])  # type: ignore[attr-defined]  # read by the templates
    return top


def placement_detail(*, jobcenter, pk: int) -> Placement:
    """A placement with step-up plan and goals (`top_goals`, each with `sub_goal_list`: goal_tree) prefetched."""
    placement: Placement = get_object_or_404(
        Placement.objects.filter(jobcenter=jobcenter)
        .select_related("citizen", "company", "company_mentor", "placement_type", "responsible")
        .prefetch_related(
            "hours_steps",
            Prefetch("goals", queryset=Goal.objects.order_by("position", "id"), to_attr="all_goals"),
        ),
        pk=pk,
    )
    placement.top_goals = goal_tree(placement.all_goals)  # type: ignore[attr-defined]
    return placement


def placement_follow_ups(*, placement: Placement, limit: int = 50) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(jobcenter_id=placement.jobcenter_id, placement=placement)
        .select_related("author")
        .order_by("-occurred_on", "-id")[:limit]
    )


def active_placements(*, jobcenter=None) -> QuerySet[Placement]:
    """Active placements (for weekly reminders): with citizen name, company, company mentor, responsible."""
    queryset = Placement.objects.filter(status=PlacementStatus.ACTIVE).select_related(
        "citizen", "company", "company_mentor", "placement_type", "responsible"
    )
    return queryset.filter(jobcenter=jobcenter) if jobcenter is not None else queryset


def placements_without_follow_up(*, jobcenter=None, today: date | None = None) -> QuerySet[Placement]:
    """Active placements overdue for follow-up (citizens.rules.follow_up_overdue: no follow-up for 8 days or
    more), the longest-waiting first. The page, the outbox, the reports and the daily reminders use this rule."""
    today = today or timezone.localdate()
    return active_placements(jobcenter=jobcenter).filter(follow_up_overdue(on=today)).order_by(follow_up_clock(), "id")


def unconfirmed_hours(*, jobcenter) -> QuerySet[FollowUp]:
    """Follow-ups with mentor hours nobody has confirmed yet, oldest first."""
    return (
        FollowUp.objects.filter(jobcenter=jobcenter, mentor_hours__gt=0, hours_confirmed_by="")
        .select_related("citizen", "placement__company", "agreement__mentor", "author")
        .order_by("occurred_on", "id")
    )


def unconfirmed_hours_total(*, jobcenter) -> Decimal:
    total = unconfirmed_hours(jobcenter=jobcenter).aggregate(total=Sum("mentor_hours"))["total"]
    return total or Decimal("0")


# --- Progress chart ------------------------------------------------------------------------------


@dataclass
class ProgressSeries:
    dimension: ProgressDimension
    points: list[tuple[date, int]]


@dataclass
class ProgressTable:
    dimensions: list[ProgressDimension]
    rows: list[dict]  # {"assessment": ProgressAssessment, "scores": [score or None per dimension]}
    series: list[ProgressSeries]


def placement_progress(*, placement: Placement) -> ProgressTable:
    """A placement's competence-card scores over time (progress_table)."""
    return progress_table(jobcenter_id=placement.jobcenter_id, placement=placement)


def agreement_progress(*, agreement: MentorAgreement) -> ProgressTable:
    """A mentor agreement's competence-card scores over time (progress_table)."""
    return progress_table(jobcenter_id=agreement.jobcenter_id, agreement=agreement)


def progress_table(
    *, jobcenter_id: int, placement: Placement | None = None, agreement: MentorAgreement | None = None
) -> ProgressTable:
    """The competence-card scores of one placement or one mentor agreement over time: one row per
    assessment, one column per dimension. Two queries (dimensions; assessments with scores)."""
    dimensions = list(dimensions_for(jobcenter=jobcenter_id, active_only=False))
    owner: dict[str, Placement | MentorAgreement | None] = (
        {"placement": placement} if placement is not None else {"agreement": agreement}
    )
    assessments = list(
        ProgressAssessment.objects.filter(jobcenter_id=jobcenter_id, **owner)
        .select_related("company_mentor", "recorded_by")
        .prefetch_related("scores")
        .order_by("assessed_on", "id")
    )
    used = {score.dimension_id for a in assessments for score in a.scores.all()}
    dimensions = [d for d in dimensions if d.is_active or d.pk in used]
    rows = []
    by_dimension = defaultdict(list)
    for assessment in assessments:
        scores = {score.dimension_id: score for score in assessment.scores.all()}
        rows.append({"assessment": assessment, "scores": [scores.get(d.pk) for d in dimensions]})
        for dimension_id, score in scores.items():
            by_dimension[dimension_id].append((assessment.assessed_on, score.score))
    series = [ProgressSeries(d, by_dimension[d.pk]) for d in dimensions if by_dimension[d.pk]]
    return ProgressTable(dimensions=dimensions, rows=rows, series=series)
