"""Goals and competence cards belong to a placement or to a mentor agreement, never both and never neither: the
database's CHECK constraints, and the services for each owner (goals, sub-goals, assessments, summaries)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from audit.models import ActivityLog
from citizens import services
from citizens.models import AgreementStatus, Goal, ProgressAssessment, ProgressSummary
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    GoalFactory,
    PlacementFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
    today,
)
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def _agreement(world, **overrides):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    fields = {
        "status": AgreementStatus.ACTIVE,
        "mentor": MentorFactory(jobcenter=world.jobcenter),
        "starts_on": today() - datetime.timedelta(days=60),
    }
    return AgreementFactory(citizen=citizen, **(fields | overrides))


def _summaries(**owner):
    return sorted(
        ProgressSummary.objects.filter(**owner).values_list(
            "dimension_id", "assessments", "first_score", "latest_score", "jobcenter_id"
        )
    )


# --- The database: exactly one owner ------------------------------------------------------------------


@pytest.mark.parametrize("owners", ["both", "neither"])
def test_a_goal_has_exactly_one_owner(world, owners):
    agreement = _agreement(world)
    placement = PlacementFactory(citizen=agreement.citizen)
    owner = {"placement": placement, "agreement": agreement} if owners == "both" else {"placement": None}
    with pytest.raises(IntegrityError, match="goal_one_owner"), transaction.atomic():
        Goal.objects.create(jobcenter=world.jobcenter, title="Mål", **owner)


@pytest.mark.parametrize("owners", ["both", "neither"])
def test_an_assessment_has_exactly_one_owner(world, owners):
    agreement = _agreement(world)
    placement = PlacementFactory(citizen=agreement.citizen)
    owner = {"placement": placement, "agreement": agreement} if owners == "both" else {"placement": None}
    with pytest.raises(IntegrityError, match="assessment_one_owner"), transaction.atomic():
        ProgressAssessment.objects.create(
            jobcenter=world.jobcenter, assessed_on=today(), assessor_kind="jobcenter", **owner
        )


@pytest.mark.parametrize("owners", ["both", "neither"])
def test_a_summary_has_exactly_one_owner(world, owners):
    agreement = _agreement(world)
    placement = PlacementFactory(citizen=agreement.citizen)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    owner = {"placement": placement, "agreement": agreement} if owners == "both" else {"placement": None}
    with pytest.raises(IntegrityError, match="progress_summary_one_owner"), transaction.atomic():
        ProgressSummary.objects.create(
            jobcenter=world.jobcenter, dimension=dimension, assessments=1, first_score=3, latest_score=3, **owner
        )


def test_a_goal_takes_its_owners_jobcenter(world):
    agreement = _agreement(world)
    assert GoalFactory(placement=None, agreement=agreement).jobcenter_id == world.jobcenter.pk
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.other_jobcenter))
    assert GoalFactory(placement=placement).jobcenter_id == world.other_jobcenter.pk


# --- Services, for each owner -------------------------------------------------------------------------


@pytest.mark.tenant_scope
@pytest.mark.parametrize("kind", ["placement", "agreement"])
def test_goal_and_sub_goal_for_either_owner(world, kind):
    agreement = _agreement(world)
    owner = agreement if kind == "agreement" else PlacementFactory(citizen=agreement.citizen)
    goal = services.goal_create(actor=world.coordinator, **{kind: owner}, title="Møde til tiden")
    sub = services.goal_create(actor=world.coordinator, **{kind: owner}, title="Vækkeur", parent=goal)
    assert (goal.owner, sub.owner, sub.parent, sub.position) == (owner, owner, goal, 0)
    assert goal.jobcenter_id == sub.jobcenter_id == world.jobcenter.pk
    assert list(owner.goals.order_by("id")) == [goal, sub]
    services.goal_update(actor=world.coordinator, goal=sub, status="reached", target_date=None)
    entries = ActivityLog.objects.filter(object_id=str(owner.pk), action__startswith="citizens.goal.")
    assert sorted(entries.values_list("action", flat=True)) == [
        "citizens.goal.created",
        "citizens.goal.created",
        "citizens.goal.updated",
    ]
    assert {entry.content_type.model for entry in entries} == {owner._meta.model_name}


@pytest.mark.tenant_scope
def test_a_sub_goal_stays_with_its_owner(world):
    agreement = _agreement(world)
    placement = PlacementFactory(citizen=agreement.citizen)
    placement_goal = services.goal_create(actor=world.coordinator, placement=placement, title="Forløbets mål")
    with pytest.raises(ValidationError) as raised:
        services.goal_create(actor=world.coordinator, agreement=agreement, title="Delmål", parent=placement_goal)
    assert raised.value.message_dict == {"parent": ["Et delmål skal høre under et af mentoraftalens hovedmål."]}
    agreement_goal = services.goal_create(actor=world.coordinator, agreement=agreement, title="Aftalens mål")
    with pytest.raises(ValidationError) as raised:
        services.goal_create(actor=world.coordinator, placement=placement, title="Delmål", parent=agreement_goal)
    assert raised.value.message_dict == {"parent": ["Et delmål skal høre under et af forløbets hovedmål."]}
    assert Goal.objects.count() == 2


@pytest.mark.tenant_scope
def test_a_service_takes_one_owner(world):
    agreement = _agreement(world)
    placement = PlacementFactory(citizen=agreement.citizen)
    with pytest.raises(TypeError):
        services.goal_create(actor=world.coordinator, placement=placement, agreement=agreement, title="Mål")
    with pytest.raises(TypeError):
        services.progress_assessment_record(actor=world.coordinator, assessed_on=today(), scores=[])
    assert not Goal.objects.exists()


@pytest.mark.tenant_scope
def test_assessing_an_agreement_keeps_its_summary(world):
    agreement = _agreement(world)
    dimensions = [ProgressDimensionFactory(jobcenter=world.jobcenter, position=i) for i in range(2)]
    for days_ago, scores in ((30, {0: 2, 1: 3}), (10, {0: 4}), (40, {0: 1})):
        services.progress_assessment_record(
            actor=world.coordinator,
            agreement=agreement,
            assessed_on=today() - datetime.timedelta(days=days_ago),
            scores=[services.ScoreInput(dimensions[d], score) for d, score in scores.items()],
            assessor_kind="mentor",
        )
    jc = world.jobcenter.pk
    assert _summaries(agreement=agreement) == [(dimensions[0].pk, 3, 1, 4, jc), (dimensions[1].pk, 1, 3, 3, jc)]
    assessment = agreement.assessments.order_by("id").first()
    assert (assessment.placement_id, assessment.jobcenter_id, assessment.assessor_kind) == (None, jc, "mentor")
    assert assessment.company_mentor_id is None and assessment.recorded_by == world.coordinator
    logged = ActivityLog.objects.filter(action="citizens.assessment.recorded", object_id=str(agreement.pk))
    assert logged.count() == 3 and logged.first().content_type.model == "mentoragreement"


@pytest.mark.tenant_scope
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"status": AgreementStatus.DRAFT}, None, "Der kan kun vurderes, når mentoraftalen er sat i kraft."),
        ({}, "assessor_kind", "Vælg, hvem der har vurderet, fra listen."),
        ({"starts_on": 1}, "assessed_on", "Datoen ligger før mentoraftalens start."),
    ],
)
def test_an_agreement_is_assessed_only_in_force_by_its_mentor_or_the_jobcenter(world, change, field, message):
    # starts_on is given in days from today, taken when the test runs: a run that crosses midnight must hold.
    if "starts_on" in change:
        change = change | {"starts_on": today() + datetime.timedelta(days=change["starts_on"])}
    agreement = _agreement(world, **change)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError) as raised:
        services.progress_assessment_record(
            actor=world.coordinator,
            agreement=agreement,
            assessed_on=today(),
            scores=[services.ScoreInput(dimension, 3)],
            assessor_kind="company" if field == "assessor_kind" else "jobcenter",
        )
    assert (raised.value.message_dict if field else {}).get(field, raised.value.messages) == [message]
    assert not ProgressAssessment.objects.exists() and not ProgressSummary.objects.exists()


@pytest.mark.tenant_scope
def test_a_placement_is_not_assessed_as_by_a_corps_mentor(world):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    with pytest.raises(ValidationError) as raised:
        services.progress_assessment_record(
            actor=world.coordinator,
            placement=placement,
            assessed_on=today(),
            scores=[services.ScoreInput(ProgressDimensionFactory(jobcenter=world.jobcenter), 3)],
            assessor_kind="mentor",
        )
    assert raised.value.message_dict == {"assessor_kind": ["Vælg, hvem der har vurderet, fra listen."]}


def test_rebuild_gives_what_refresh_gives_for_both_owners(world):
    """The set-wise rebuild (manage.py seed_scale) partitions by owner: a placement and an agreement of the same
    citizen, scored on the same dimension, keep a summary each."""
    agreement = _agreement(world)
    placement = PlacementFactory(citizen=agreement.citizen)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    for days_ago, score in ((20, 1), (5, 4)):
        ProgressScoreFactory(
            assessment=ProgressAssessmentFactory(
                placement=None, agreement=agreement, assessed_on=today() - datetime.timedelta(days=days_ago)
            ),
            dimension=dimension,
            score=score,
        )
    ProgressScoreFactory(assessment__placement=placement, dimension=dimension, score=2)
    other = PlacementFactory(citizen=CitizenFactory(jobcenter=world.other_jobcenter))
    ProgressScoreFactory(assessment__placement=other, score=5)
    before = (_summaries(agreement=agreement), _summaries(placement=placement))
    assert before == (
        [(dimension.pk, 2, 1, 4, world.jobcenter.pk)],
        [(dimension.pk, 1, 2, 2, world.jobcenter.pk)],
    )
    with scopes_disabled():
        assert services.progress_summaries_rebuild(jobcenter_id=world.jobcenter.pk) == 2
        assert (_summaries(agreement=agreement), _summaries(placement=placement)) == before
        assert services.progress_summaries_rebuild() == 3
        assert (_summaries(agreement=agreement), _summaries(placement=placement)) == before


def test_deleting_an_agreement_deletes_its_goals_and_cards(world):
    agreement = _agreement(world)
    GoalFactory(placement=None, agreement=agreement)
    ProgressScoreFactory(assessment=ProgressAssessmentFactory(placement=None, agreement=agreement))
    assert ProgressSummary.objects.filter(agreement=agreement).exists()
    agreement.delete()
    assert not Goal.objects.exists()
    assert not ProgressAssessment.objects.exists()
    assert not ProgressSummary.objects.exists()


def test_the_demos_agreement_progress_is_complete_and_idempotent(world):
    from citizens.demo_agreement_progress import agreement_progress_seed

    agreement = _agreement(world)  # in force for 60 days: assessed on day 14 and day 42
    dimensions = [ProgressDimensionFactory(jobcenter=world.jobcenter, position=i) for i in range(2)]
    for _ in range(2):
        agreement_progress_seed(agreement, dimensions=dimensions, recorded_by=world.coordinator, today=today())
        assert Goal.objects.filter(agreement=agreement, parent=None).exists()
        assert not Goal.objects.filter(placement__isnull=False).exists()
        assessments = ProgressAssessment.objects.filter(agreement=agreement).order_by("assessed_on")
        starts = agreement.starts_on
        assert [a.assessed_on for a in assessments] == [starts + datetime.timedelta(days=d) for d in (14, 42)]
        assert {a.assessor_kind for a in assessments} <= {"mentor", "jobcenter"}
        assert [row[1] for row in _summaries(agreement=agreement)] == [2, 2]
