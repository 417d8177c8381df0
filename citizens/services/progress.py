"""Writes on the goals and competence cards (assessments, scores and their summaries) of a placement or a
mentor agreement. Each service takes exactly one of the two as `placement=` or `agreement=` (the owner)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from audit.services import activity_record
from citizens import handoffs
from citizens.models import (
    AssessorKind,
    Goal,
    GoalStatus,
    MentorAgreement,
    Placement,
    ProgressAssessment,
    ProgressDimension,
    ProgressScore,
    ProgressSummary,
)
from citizens.models.placement import AGREEMENT_ASSESSORS, PLACEMENT_ASSESSORS
from mentorship.constraints import constraint_errors


def _owner(placement: Placement | None, agreement: MentorAgreement | None) -> Placement | MentorAgreement:
    if (placement is None) == (agreement is None):
        raise TypeError("Give a placement or a mentor agreement, not both or neither.")
    return placement if placement is not None else agreement  # type: ignore[return-value]


@constraint_errors
@transaction.atomic
def goal_create(
    *,
    actor,
    placement: Placement | None = None,
    agreement: MentorAgreement | None = None,
    title: str,
    target_date: date | None = None,
    parent: Goal | None = None,
) -> Goal:
    """Adds a goal to a placement's work agreement or to a mentor agreement, or a sub-goal under `parent`
    (a top-level goal of the same owner: one level deep)."""
    owner = _owner(placement, agreement)
    goal = Goal(
        jobcenter_id=owner.jobcenter_id,
        placement=placement,
        agreement=agreement,
        parent=parent,
        title=title,
        target_date=target_date,
    )
    if parent is not None and (
        (parent.placement_id, parent.agreement_id) != (goal.placement_id, goal.agreement_id)
        or parent.parent_id is not None
    ):
        if placement is not None:
            raise ValidationError({"parent": _("Et delmål skal høre under et af forløbets hovedmål.")})
        raise ValidationError({"parent": _("Et delmål skal høre under et af mentoraftalens hovedmål.")})
    goal.position = Goal.objects.filter(placement=placement, agreement=agreement, parent=parent).count()
    goal.full_clean(exclude=["jobcenter", "placement", "agreement", "parent"])
    goal.save()
    activity_record(actor=actor, action="citizens.goal.created", obj=owner, data={"goal": goal.pk})
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, status: str, target_date: date | None) -> Goal:
    """Moves a goal's status (ikke påbegyndt, i gang, nået, opgivet) and target date."""
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Vælg en status fra listen.")})
    goal.status, goal.target_date = status, target_date
    goal.save(update_fields=["status", "target_date", "updated_at"])
    activity_record(
        actor=actor, action="citizens.goal.updated", obj=goal.owner, data={"goal": goal.pk, "status": status}
    )
    return goal


@dataclass(frozen=True)
class ScoreInput:
    dimension: ProgressDimension
    score: int
    comment: str = ""


@constraint_errors
@transaction.atomic
def progress_assessment_record(
    *,
    actor,
    placement: Placement | None = None,
    agreement: MentorAgreement | None = None,
    assessed_on: date,
    scores: Iterable[ScoreInput],
    assessor_kind: str = AssessorKind.JOBCENTER,
    company_mentor=None,
) -> ProgressAssessment:
    """Records one filling-in of the competence cards of a placement or a mentor agreement: a score 1-5 (and
    a comment) per dimension, at any date from the owner's start until today. A placement is assessed by the
    company (its mentor, entered by the leader) or the jobcenter, once the company has accepted it; a mentor
    agreement by its mentor (entered by the coordinator: a corps mentor has no login) or the jobcenter, once
    it is in force. The company's assessment tells the placement's job consultant (citizens.handoffs)."""
    owner = _owner(placement, agreement)
    scores = list(scores)
    if not scores:
        raise ValidationError(_("Giv mindst én score."))
    if placement is not None and not placement.can_be_assessed:
        raise ValidationError(_("Der kan kun vurderes i et forløb, virksomheden har sagt ja til."))
    if agreement is not None and not agreement.can_be_assessed:
        raise ValidationError(_("Der kan kun vurderes, når mentoraftalen er sat i kraft."))
    if assessor_kind not in (PLACEMENT_ASSESSORS if placement is not None else AGREEMENT_ASSESSORS):
        raise ValidationError({"assessor_kind": _("Vælg, hvem der har vurderet, fra listen.")})
    if assessed_on < owner.starts_on:
        if placement is not None:
            raise ValidationError({"assessed_on": _("Datoen ligger før forløbets start.")})
        raise ValidationError({"assessed_on": _("Datoen ligger før mentoraftalens start.")})
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("Datoen kan ikke ligge i fremtiden.")})
    if company_mentor is not None and (placement is None or company_mentor.company_id != placement.company_id):
        raise ValidationError({"company_mentor": _("Vælg en af virksomhedens egne mentorer.")})
    for item in scores:
        if item.dimension.jobcenter_id != owner.jobcenter_id:
            raise ValueError("Dimension of another jobcenter.")
        if not 1 <= int(item.score) <= 5:
            raise ValidationError({f"score_{item.dimension.pk}": _("Scoren skal være mellem 1 og 5.")})
    # One assessment of an owner at a time: the summary below is recomputed from the scores the
    # transaction sees, so a concurrent one must have committed first. (NO KEY: other rows' foreign
    # keys to the owner, such as a follow-up, are not held up.) An owner outside the active tenant
    # scope is not found here, before anything is written.
    type(owner).objects.select_for_update(no_key=True).values_list("pk").get(pk=owner.pk)
    if placement is not None and assessor_kind == AssessorKind.COMPANY:
        company_mentor = company_mentor or placement.company_mentor
    assessment = ProgressAssessment.objects.create(
        jobcenter_id=owner.jobcenter_id,
        placement=placement,
        agreement=agreement,
        assessed_on=assessed_on,
        assessor_kind=assessor_kind,
        company_mentor=company_mentor,
        recorded_by=actor,
    )
    ProgressScore.objects.bulk_create(
        ProgressScore(assessment=assessment, dimension=item.dimension, score=int(item.score), comment=item.comment)
        for item in scores
    )
    progress_summary_refresh(
        placement=placement, agreement=agreement, dimension_ids=[item.dimension.pk for item in scores]
    )
    activity_record(
        actor=actor,
        action="citizens.assessment.recorded",
        obj=owner,
        data={"assessment": assessment.pk, "by": assessor_kind},
    )
    if placement is not None and assessor_kind == AssessorKind.COMPANY:
        handoffs.assessment_by_company(assessment=assessment, placement=placement)
    return assessment


def progress_summary_refresh(
    *,
    placement: Placement | None = None,
    agreement: MentorAgreement | None = None,
    dimension_ids: Iterable[int] | None = None,
) -> None:
    """Recomputes the ProgressSummary rows of a placement or a mentor agreement (for the dimensions given,
    or all) from its scores: the first and the latest score in assessment order (date, then id) and how
    many there are.

    Every write that adds, changes or removes an owner's scores calls it, in the same transaction, after
    writing them. Deleting the owner deletes its summaries (CASCADE); a citizen's erasure deletes them
    through the registry (citizens.personal_data)."""
    owner = _owner(placement, agreement)
    if placement is not None:
        scores = ProgressScore.objects.filter(assessment__placement_id=placement.pk)
        summaries = ProgressSummary.objects.filter(placement_id=placement.pk)
    else:
        scores = ProgressScore.objects.filter(assessment__agreement_id=owner.pk)
        summaries = ProgressSummary.objects.filter(agreement_id=owner.pk)
    if dimension_ids is not None:
        dimension_ids = list(dimension_ids)
        scores = scores.filter(dimension_id__in=dimension_ids)
        summaries = summaries.filter(dimension_id__in=dimension_ids)
    found: dict[int, list[int]] = {}
    ordered = scores.order_by("dimension_id", "assessment__assessed_on", "assessment_id")
    for dimension_id, score in ordered.values_list("dimension_id", "score"):
        found.setdefault(dimension_id, []).append(score)
    summaries.delete()
    ProgressSummary.objects.bulk_create(
        ProgressSummary(
            jobcenter_id=owner.jobcenter_id,
            placement=placement,
            agreement=agreement,
            dimension_id=dimension_id,
            assessments=len(values),
            first_score=values[0],
            latest_score=values[-1],
        )
        for dimension_id, values in found.items()
    )


# The same summary for every owner (placement or mentor agreement) at once, from a window over the scores
# in assessment order. An assessment's jobcenter is its owner's (progress_assessment_record).
PROGRESS_SUMMARIES_SQL = """
INSERT INTO {summary} (jobcenter_id, placement_id, agreement_id, dimension_id, assessments, first_score, latest_score)
SELECT jobcenter_id, placement_id, agreement_id, dimension_id, assessments, first_score, latest_score
FROM (
    SELECT a.jobcenter_id, a.placement_id, a.agreement_id, s.dimension_id,
           COUNT(*) OVER w AS assessments,
           FIRST_VALUE(s.score) OVER w AS first_score,
           LAST_VALUE(s.score) OVER w AS latest_score,
           ROW_NUMBER() OVER w AS position
    FROM {score} s
    JOIN {assessment} a ON a.id = s.assessment_id
    {where}
    WINDOW w AS (
        PARTITION BY a.placement_id, a.agreement_id, s.dimension_id ORDER BY a.assessed_on, a.id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
) ranked
WHERE position = 1
"""


@transaction.atomic
def progress_summaries_rebuild(*, jobcenter_id: int | None = None) -> int:
    """Replaces the ProgressSummary rows of every placement and mentor agreement (or one jobcenter's) with
    ones computed set-wise from the scores, exactly as progress_summary_refresh computes them one at a time.
    For loads that write scores without the service (manage.py seed_scale). Returns the rows written."""
    # Every jobcenter's rows at once (or the one named by id), like the SQL below: not one tenant's work.
    with scopes_disabled():
        summaries = ProgressSummary.objects.all()
        if jobcenter_id is not None:
            summaries = summaries.filter(jobcenter_id=jobcenter_id)
        summaries.delete()
    quote = connection.ops.quote_name
    sql = PROGRESS_SUMMARIES_SQL.format(
        summary=quote(ProgressSummary._meta.db_table),
        score=quote(ProgressScore._meta.db_table),
        assessment=quote(ProgressAssessment._meta.db_table),
        where="" if jobcenter_id is None else "WHERE a.jobcenter_id = %s",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [] if jobcenter_id is None else [jobcenter_id])
        return cursor.rowcount
