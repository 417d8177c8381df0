"""ProgressSummary (the first and latest score per placement and dimension) stays equal to what the
scores say, on every path that writes or removes scores: the assessment service (backdated and
same-day assessments, some dimensions only), the set-wise rebuild, and deleting the citizen."""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from audit.erasure import person_erase
from audit.registry import Subject
from citizens import services
from citizens.models import ProgressScore, ProgressSummary
from citizens.tests.factories import PlacementFactory, ProgressDimensionFactory, today

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]


def summaries(placement) -> dict:
    """What the table holds for the placement, in any jobcenter."""
    with scopes_disabled():
        rows = ProgressSummary.objects.filter(placement=placement).values_list(
            "dimension_id", "assessments", "first_score", "latest_score", "jobcenter_id"
        )
        return {row[0]: row[1:] for row in rows}


def from_scores(placement) -> dict:
    """The same figures straight from the scores, in assessment order (date, then id)."""
    found: dict[int, list[int]] = {}
    scores = ProgressScore.objects.filter(assessment__placement=placement).order_by(
        "assessment__assessed_on", "assessment_id"
    )
    for score in scores:
        found.setdefault(score.dimension_id, []).append(score.score)
    return {key: (len(values), values[0], values[-1], placement.jobcenter_id) for key, values in found.items()}


@pytest.fixture
def placement(world):
    return PlacementFactory(citizen__jobcenter=world.jobcenter, starts_on=today() - datetime.timedelta(days=60))


@pytest.fixture
def dimensions(world):
    return [ProgressDimensionFactory(jobcenter=world.jobcenter, position=i) for i in range(3)]


def record(world, placement, days_ago: int, scores: dict):
    return services.progress_assessment_record(
        actor=world.coordinator,
        placement=placement,
        assessed_on=today() - datetime.timedelta(days=days_ago),
        scores=[services.ScoreInput(dimension=dimension, score=score) for dimension, score in scores.items()],
    )


def test_the_service_keeps_first_and_latest(world, placement, dimensions):
    d1, d2, d3 = dimensions
    record(world, placement, 20, {d1: 2, d2: 3})
    assert summaries(placement) == {d1.pk: (1, 2, 2, world.jobcenter.pk), d2.pk: (1, 3, 3, world.jobcenter.pk)}
    record(world, placement, 10, {d1: 4, d3: 1})
    # Backdated: before every other assessment, so it is the new first one.
    record(world, placement, 30, {d1: 1, d2: 5})
    # Same day as the latest: recorded later (higher id), so it is the latest.
    record(world, placement, 10, {d1: 5})
    expected = from_scores(placement)
    assert summaries(placement) == expected
    assert expected == {
        d1.pk: (4, 1, 5, world.jobcenter.pk),
        d2.pk: (2, 5, 3, world.jobcenter.pk),
        d3.pk: (1, 1, 1, world.jobcenter.pk),
    }


def test_other_placements_are_left_alone(world, placement, dimensions):
    other = PlacementFactory(citizen__jobcenter=world.jobcenter, starts_on=placement.starts_on)
    record(world, other, 15, {dimensions[0]: 4})
    record(world, placement, 15, {dimensions[0]: 2})
    record(world, placement, 5, {dimensions[0]: 3})
    assert summaries(other) == {dimensions[0].pk: (1, 4, 4, world.jobcenter.pk)}
    assert summaries(placement) == {dimensions[0].pk: (2, 2, 3, world.jobcenter.pk)}


def test_rebuild_gives_what_the_service_kept(world, placement, dimensions):
    d1, d2, _d3 = dimensions
    record(world, placement, 30, {d1: 2, d2: 2})
    record(world, placement, 10, {d1: 4})
    record(world, placement, 40, {d2: 5})
    elsewhere = PlacementFactory(citizen__jobcenter=world.other_jobcenter, starts_on=placement.starts_on)
    with scope(jobcenter=world.other_jobcenter):
        record(world, elsewhere, 10, {ProgressDimensionFactory(jobcenter=world.other_jobcenter): 3})
    kept = {p.pk: summaries(p) for p in (placement, elsewhere)}
    assert all(kept.values())
    with scopes_disabled():
        ProgressSummary.objects.all().delete()

    assert services.progress_summaries_rebuild(jobcenter_id=world.jobcenter.pk) == 2
    assert summaries(placement) == kept[placement.pk]
    assert summaries(elsewhere) == {}
    assert services.progress_summaries_rebuild() == 3
    assert {p.pk: summaries(p) for p in (placement, elsewhere)} == kept


def test_deleting_the_citizen_deletes_the_summaries(world, placement, dimensions):
    record(world, placement, 10, {dimensions[0]: 3})
    assert ProgressSummary.objects.filter(placement=placement).exists()
    person_erase(actor=world.coordinator, subject=Subject.CITIZEN, person=placement.citizen, reason="test")
    assert not ProgressSummary.objects.filter(placement_id=placement.pk).exists()
