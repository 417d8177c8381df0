"""The migration that lets goals and competence cards belong to a mentor agreement keeps every placement's
goals (and their history rows), assessments and summaries, and gives each goal its placement's jobcenter."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

BEFORE = [("citizens", "0005_progress_summary")]
AFTER = [("citizens", "0006_goal_assessment_agreement_owner")]


def _executor_of_the_replaced_migrations():
    """An executor on the migrations as they were written: a fresh database applies the squashed migrations
    (citizens 0001-0007 is one), whose graph has no 0005 or 0006 to migrate to. Without the squashes (as Django
    treats one that is only partly applied) the real 0006 runs, data migration included; when every migration a
    squash replaces is applied again, the executor records the squash as applied too."""
    executor = MigrationExecutor(connection)
    loader = MigrationLoader(connection, replace_migrations=False)
    for key, squash in loader.replacements.items():
        loader.graph.remove_replacement_node(key, squash.replaces)
        loader.applied_migrations.pop(key, None)
    executor.loader = loader
    return executor


def _migrate(targets):
    executor = _executor_of_the_replaced_migrations()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_placement_goals_and_cards_survive_and_goals_get_their_jobcenter(world):
    from citizens.tests.factories import PlacementFactory, ProgressDimensionFactory

    placements = [PlacementFactory(company=world.company_a), PlacementFactory(citizen__jobcenter=world.other_jobcenter)]
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    leaf = [(key[0], key[1]) for key in _executor_of_the_replaced_migrations().loader.graph.leaf_nodes("citizens")]
    try:
        apps = _migrate(BEFORE)
        Goal = apps.get_model("citizens", "Goal")
        HistoricalGoal = apps.get_model("citizens", "HistoricalGoal")
        Assessment = apps.get_model("citizens", "ProgressAssessment")
        for placement in placements:
            goal = Goal.objects.create(placement_id=placement.pk, title=f"Mål {placement.pk}")
            Goal.objects.create(placement_id=placement.pk, parent=goal, title=f"Delmål {placement.pk}")
            HistoricalGoal.objects.create(
                id=goal.pk,
                placement_id=placement.pk,
                title=goal.title,
                status="not_started",
                position=0,
                updated_at=goal.updated_at,
                history_date=goal.updated_at,
                history_type="+",
            )
        assessment = Assessment.objects.create(
            jobcenter_id=world.jobcenter.pk,
            placement_id=placements[0].pk,
            assessed_on=datetime.date(2026, 11, 2),
            assessor_kind="company",
        )
        apps.get_model("citizens", "ProgressScore").objects.create(
            assessment=assessment, dimension_id=dimension.pk, score=4
        )
        apps = _migrate(AFTER)
        Goal = apps.get_model("citizens", "Goal")
        rows = sorted(Goal.objects.values_list("placement_id", "agreement_id", "jobcenter_id", "title"))
        assert rows == sorted(
            (p.pk, None, p.jobcenter_id, title) for p in placements for title in (f"Mål {p.pk}", f"Delmål {p.pk}")
        )
        history = apps.get_model("citizens", "HistoricalGoal").objects.values_list("placement_id", "jobcenter_id")
        assert sorted(history) == sorted((p.pk, p.jobcenter_id) for p in placements)
        moved = apps.get_model("citizens", "ProgressAssessment").objects.get()
        assert (moved.placement_id, moved.agreement_id, moved.scores.get().score) == (placements[0].pk, None, 4)
    finally:
        _migrate(leaf)
