import dataclasses
import datetime

import pytest
from django.http import Http404
from django_scopes import scope

from citizens import selectors
from citizens.tests.factories import AgreementFactory, CitizenFactory, PlacementFactory, today
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def test_company_placements_carry_no_sensitive_fields(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234", caseworker_view="Hemmeligt")
    placement = PlacementFactory(citizen=citizen, company=world.company_a)
    PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_b)
    rows = selectors.company_placements(company=world.company_a)
    assert [row.pk for row in rows] == [placement.pk]
    fields = {f.name for f in dataclasses.fields(rows[0])}
    assert not fields & {"cpr_hash", "cpr_encrypted", "birth_date", "caseworker_view", "sensitive_notes"}
    assert "Hemmeligt" not in str(rows[0]) and "010190" not in str(rows[0])
    assert selectors.company_placement(company=world.company_a, pk=placement.pk).citizen_name == citizen.name
    with pytest.raises(Http404):
        selectors.company_placement(company=world.company_b, pk=placement.pk)
    with pytest.raises(Http404):
        selectors.company_placement_for_update(company=world.company_b, pk=placement.pk)


def test_agreements_ending_within_four_weeks(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    soon = AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        status="active",
        mentor=mentor,
        starts_on=today() - datetime.timedelta(days=100),
        ends_on=today() + datetime.timedelta(days=28),
    )
    AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        status="active",
        mentor=mentor,
        starts_on=today() - datetime.timedelta(days=100),
        ends_on=today() + datetime.timedelta(days=29),
    )
    AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        status="draft",
        starts_on=today() - datetime.timedelta(days=100),
        ends_on=today() + datetime.timedelta(days=3),
    )
    assert list(selectors.agreements_ending_within(jobcenter=world.jobcenter, today=today())) == [soon]
    with scope(jobcenter=world.other_jobcenter):
        assert list(selectors.agreements_ending_within(jobcenter=world.other_jobcenter, today=today())) == []


def test_placements_without_follow_up_for_eight_days(world):
    def placement(**fields):
        return PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), **fields)

    stale = placement(last_follow_up_on=today() - datetime.timedelta(days=8))
    never = placement(starts_on=today() - datetime.timedelta(days=10), last_follow_up_on=None)
    placement(last_follow_up_on=today() - datetime.timedelta(days=7))
    placement(starts_on=today() - datetime.timedelta(days=3), last_follow_up_on=None)
    placement(
        status="ended", last_follow_up_on=today() - datetime.timedelta(days=30), outcome="moved", ended_on=today()
    )
    found = set(selectors.placements_without_follow_up(jobcenter=world.jobcenter, today=today()))
    assert found == {stale, never}


def test_outcome_counts(world):
    for outcome in ["ordinary_job", "ordinary_job", "education"]:
        CitizenFactory(jobcenter=world.jobcenter, status="ended", outcome=outcome, outcome_on=today())
    CitizenFactory(jobcenter=world.jobcenter)
    counts = selectors.outcome_counts(jobcenter=world.jobcenter)
    assert counts.total == 3 and counts.by_outcome == {"ordinary_job": 2, "education": 1}


@pytest.mark.postgres
def test_name_search_has_a_trigram_index_on_the_expression_django_writes(world):
    """The index matches the expression Django writes for `name__icontains` (the list's name search), so the
    planner can use it on a large table (see the name search in benchmarks/citizens_scale.py)."""
    from django.db import connection

    from citizens.models import Citizen

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'citizen_name_trgm'")
        [(definition,)] = cursor.fetchall()
    assert "USING gin (upper((name)::text) gin_trgm_ops)" in definition
    sql, _params = Citizen.objects.filter(name__icontains="sørensen").values("id").query.sql_with_params()
    assert 'UPPER("citizens_citizen"."name"::text) LIKE UPPER(%s)' in sql
