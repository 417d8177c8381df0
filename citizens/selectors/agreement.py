"""Mentor agreements: one, the active ones, and those about to run out."""

from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from citizens.models import (
    AgreementStatus,
    FirstMeetingPlan,
    Goal,
    MentorAgreement,
)
from citizens.selectors.citizen import AGREEMENT_WARNING_DAYS
from citizens.selectors.placement import goal_tree

AGREEMENT_RELATED = (
    "citizen",
    "citizen__jobcenter",
    "mentor",
    "company_mentor",
    "company_mentor__company",
    "caseworker",
    "renews",
    "first_meeting",
    "jobcenter",
)


def agreement_get(*, jobcenter, pk: int) -> MentorAgreement:
    return get_object_or_404(
        MentorAgreement.objects.filter(jobcenter=jobcenter).select_related(*AGREEMENT_RELATED),
        pk=pk,
    )


def first_meeting_plan_latest(*, agreement: MentorAgreement) -> FirstMeetingPlan | None:
    """The agreement's latest planned first meeting, whatever became of it (planned, cancelled, held), with its
    caseworker; None when none was ever planned. One query."""
    return (
        FirstMeetingPlan.objects.filter(jobcenter_id=agreement.jobcenter_id, agreement=agreement)
        .select_related("caseworker")
        .order_by("-created_at", "-id")
        .first()
    )


def agreement_detail(*, jobcenter, pk: int) -> MentorAgreement:
    """An agreement with its goals (`top_goals`, each with `sub_goal_list`: goal_tree, one query)."""
    agreement: MentorAgreement = get_object_or_404(
        MentorAgreement.objects.filter(jobcenter=jobcenter)
        .select_related(*AGREEMENT_RELATED)
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("position", "id"), to_attr="all_goals")),
        pk=pk,
    )
    agreement.top_goals = goal_tree(agreement.all_goals)  # type: ignore[attr-defined]
    return agreement


def active_agreements(*, jobcenter=None) -> QuerySet[MentorAgreement]:
    """Active agreements (for the weekly reminders): with citizen name, mentor and caseworker."""
    queryset = MentorAgreement.objects.filter(status=AgreementStatus.ACTIVE).select_related(
        "citizen", "mentor", "company_mentor", "caseworker"
    )
    return queryset.filter(jobcenter=jobcenter) if jobcenter is not None else queryset


def agreements_ending_within(
    *, jobcenter=None, today: date | None = None, days: int = AGREEMENT_WARNING_DAYS
) -> QuerySet[MentorAgreement]:
    """Active agreements that end within `days` (default citizens.rules.AGREEMENT_ENDING_WARNING_DAYS) from
    today, soonest first, and not yet followed by a renewal draft. The notifications app warns about each
    once (its idempotency key)."""
    today = today or timezone.localdate()
    return (
        active_agreements(jobcenter=jobcenter)
        .filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=days))
        .filter(renewed_by__isnull=True)
        .order_by("ends_on", "id")
    )
