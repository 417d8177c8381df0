"""The progress report reads citizens.ProgressSummary; its figures must be what a window over every
score gives (the report's earlier SQL, kept here as the reference), also for backdated and same-day
assessments, dimensions scored only sometimes, a narrowed set of placements, and mentor agreements (a
citizen with a corps mentor and no placement has competence cards too)."""

import datetime

import pytest
from django.db import connection
from django_scopes import scope

from citizens import services
from citizens.models import Placement
from citizens.tests.factories import AgreementFactory, PlacementFactory, ProgressDimensionFactory, today
from corps.tests.factories import MentorFactory
from reports import selectors
from reports.selectors.progress_report import _progress_by_dimension

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]

REFERENCE_SQL = """
SELECT dimension_id, COUNT(*), AVG(first_score), AVG(last_score), AVG(last_score - first_score)
FROM (
    SELECT s.dimension_id,
           FIRST_VALUE(s.score) OVER w AS first_score,
           LAST_VALUE(s.score) OVER w AS last_score,
           ROW_NUMBER() OVER w AS position,
           COUNT(*) OVER w AS assessments
    FROM citizens_progressscore s JOIN citizens_progressassessment a ON a.id = s.assessment_id
    WHERE a.jobcenter_id = %s AND (a.placement_id IN ({placements}) OR a.agreement_id IN ({agreements}))
    WINDOW w AS (
        PARTITION BY a.placement_id, a.agreement_id, s.dimension_id ORDER BY a.assessed_on, a.id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
) pairs
WHERE position = 1 AND assessments >= 2
GROUP BY dimension_id
"""


def reference(jobcenter, placements, agreements) -> dict:
    sql, params = placements.filter(jobcenter=jobcenter).order_by().values("pk").query.sql_with_params()
    agreements_sql, agreements_params = agreements.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            REFERENCE_SQL.format(placements=sql, agreements=agreements_sql),
            [jobcenter.pk, *params, *agreements_params],
        )
        return {row[0]: (row[1], *(float(value) for value in row[2:])) for row in cursor.fetchall()}


@pytest.fixture
def scored(world):
    """Three placements at two companies, one in the other jobcenter, assessed out of order, and a mentor
    agreement with a corps mentor."""
    jc = world.jobcenter
    dimensions = [ProgressDimensionFactory(jobcenter=jc, position=i) for i in range(3)]
    start = today() - datetime.timedelta(days=90)
    placements = [
        PlacementFactory(citizen__jobcenter=jc, company=world.company_a, starts_on=start),
        PlacementFactory(citizen__jobcenter=jc, company=world.company_a, starts_on=start),
        PlacementFactory(citizen__jobcenter=jc, company=world.company_b, starts_on=start),
    ]
    plan = [
        # (placement, days ago, {dimension index: score}), in the order they are recorded.
        (0, 40, {0: 2, 1: 3, 2: 1}),
        (0, 20, {0: 4, 1: 3}),
        (0, 60, {0: 1, 2: 5}),  # backdated: the first one now
        (0, 20, {0: 5}),  # same day as another: recorded later, so the latest
        (1, 30, {0: 3, 1: 1}),
        (1, 10, {0: 1}),  # dimension 1 scored once only: not measured
        (2, 50, {1: 2, 2: 2}),
        (2, 15, {1: 5, 2: 4}),
        (2, 5, {2: 1}),
    ]
    for index, days_ago, scores in plan:
        services.progress_assessment_record(
            actor=world.coordinator,
            placement=placements[index],
            assessed_on=today() - datetime.timedelta(days=days_ago),
            scores=[services.ScoreInput(dimension=dimensions[d], score=score) for d, score in scores.items()],
        )
    agreement = AgreementFactory(
        citizen__jobcenter=jc, status="active", mentor=MentorFactory(jobcenter=jc), starts_on=start
    )
    for days_ago, score in ((45, 1), (25, 4), (35, 2)):  # dimension 1: 1 → 4
        services.progress_assessment_record(
            actor=world.coordinator,
            agreement=agreement,
            assessed_on=today() - datetime.timedelta(days=days_ago),
            scores=[services.ScoreInput(dimension=dimensions[1], score=score)],
            assessor_kind="mentor",
        )
    other = PlacementFactory(citizen__jobcenter=world.other_jobcenter, starts_on=start)
    elsewhere = ProgressDimensionFactory(jobcenter=world.other_jobcenter)
    for days_ago, score in ((30, 1), (10, 5)):
        with scope(jobcenter=world.other_jobcenter):
            services.progress_assessment_record(
                actor=world.other_coordinator,
                placement=other,
                assessed_on=today() - datetime.timedelta(days=days_ago),
                scores=[services.ScoreInput(dimension=elsewhere, score=score)],
            )
    return dimensions


@pytest.mark.parametrize("narrowed", [False, True])
def test_progress_matches_a_window_over_every_score(world, scored, narrowed):
    placements = Placement.objects.all()
    # The report's company filter keeps the agreements whose company mentor works there: none here.
    params = {"company": world.company_a} if narrowed else {}
    agreements = selectors.agreements_for_progress(jobcenter=world.jobcenter, params=params)
    if narrowed:
        placements = placements.filter(company=world.company_a)
    expected = reference(world.jobcenter, placements, agreements)
    assert _progress_by_dimension(jobcenter=world.jobcenter, placements=placements, agreements=agreements) == expected
    # By hand: dimension 0 moves 1 → 5 and 3 → 1; dimension 2 moves 5 → 1 (company A) and 2 → 1 (B).
    assert expected[scored[0].pk] == (2, 2.0, 3.0, 1.0)
    assert expected[scored[2].pk] == ((1, 5.0, 1.0, -4.0) if narrowed else (2, 3.5, 1.0, -2.5))
    # Dimension 1 moves 3 → 3 and 2 → 5 in placements, 1 → 4 in the agreement.
    assert expected[scored[1].pk] == ((1, 3.0, 3.0, 0.0) if narrowed else (3, 2.0, 4.0, 2.0))
    report = selectors.progress_report(jobcenter=world.jobcenter, placements=placements, agreements=agreements)
    assert [row[:2] for row in report.table.rows] == [
        [d.name, expected.get(d.pk, (0,))[0]] for d in sorted(scored, key=lambda d: (d.position, d.name))
    ]
