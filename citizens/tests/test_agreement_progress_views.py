"""The mentor agreement's page shows its goals, sub-goals and competence cards with the chart, as the placement
page does (the same templates and views): the forms round-trip, another jobcenter's agreement and goals are
404 and unchanged, every page logs the read, the page costs a fixed number of queries, and the company portal
never shows an agreement's goals or assessments."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessLog
from citizens.models import AgreementStatus, Goal, ProgressAssessment
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    GoalFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
    today,
)
from citizens.tests.test_views import svg_attributes_with_a_comma_decimal
from companies.tests.factories import placement_for
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def _agreement(jobcenter, **overrides):
    fields = {
        "status": AgreementStatus.ACTIVE,
        "mentor": MentorFactory(jobcenter=jobcenter),
        "starts_on": today() - datetime.timedelta(days=60),
    }
    return AgreementFactory(citizen=CitizenFactory(jobcenter=jobcenter), **(fields | overrides))


def _page(client, agreement) -> str:
    response = client.get(reverse("citizens:agreement_detail", args=[agreement.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_goals_round_trip_on_the_agreement(world, login):
    agreement = _agreement(world.jobcenter)
    client = login(world.coordinator)
    url = reverse("citizens:agreement_goal_create", args=[agreement.pk])
    form = client.get(url).content.decode()
    assert "Nyt mål eller delmål" in form and "Hovedmål (intet overordnet mål)" in form
    due = today() + datetime.timedelta(days=30)
    response = client.post(url, {"title": "Står op kl. 7 hver dag", "target_date": due.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:agreement_detail", args=[agreement.pk])
    goal = Goal.objects.get()
    assert (goal.agreement, goal.placement, goal.target_date) == (agreement, None, due)
    # A sub-goal: the parent list offers the agreement's own top-level goal.
    assert f'<option value="{goal.pk}">Står op kl. 7 hver dag</option>' in client.get(url).content.decode()
    assert client.post(url, {"title": "Køber et vækkeur", "parent": goal.pk}).status_code == 302
    sub = Goal.objects.get(parent=goal)
    # The status form on the page moves the sub-goal and comes back to the agreement.
    response = client.post(
        reverse("citizens:goal_update", args=[sub.pk]), {"status": "reached", "target_date": due.isoformat()}
    )
    assert response["Location"] == reverse("citizens:agreement_detail", args=[agreement.pk])
    sub.refresh_from_db()
    assert (sub.status, sub.target_date) == ("reached", due)
    page = _page(client, agreement)
    assert page.index("Står op kl. 7 hver dag") < page.index("Køber et vækkeur")
    assert f"Nået, senest {due.day}. " in page  # the sub-goal's status and Danish date, as saved
    assert f'id="goal-{sub.pk}-status"' in page and f'action="{reverse("citizens:goal_update", args=[sub.pk])}"' in page


def test_bad_goal_shows_a_danish_error_and_saves_nothing(world, login):
    agreement = _agreement(world.jobcenter)
    response = login(world.coordinator).post(
        reverse("citizens:agreement_goal_create", args=[agreement.pk]), {"title": ""}
    )
    assert response.status_code == 200
    assert "Skriv målet." in response.content.decode()
    assert not Goal.objects.exists()


def test_assessment_round_trips_into_the_table_and_chart(world, login):
    agreement = _agreement(world.jobcenter)
    dimensions = [ProgressDimensionFactory(jobcenter=world.jobcenter, name=n, position=i) for i, n in enumerate("AB")]
    client = login(world.coordinator)
    url = reverse("citizens:agreement_assessment_create", args=[agreement.pk])
    form = client.get(url).content.decode()
    # Who assessed: the agreement's mentor (entered by the coordinator) or the jobcenter; never a company.
    assert 'value="mentor"' in form and 'value="jobcenter"' in form and 'value="company"' not in form
    for days_ago, first, second in ((17, "1", "2"), (10, "3", ""), (0, "4", "5")):
        answers = {
            "assessed_on": (today() - datetime.timedelta(days=days_ago)).isoformat(),
            "assessor_kind": "mentor",
            f"score_{dimensions[0].pk}": first,
            f"comment_{dimensions[0].pk}": f"Kommentar {first}",
            f"score_{dimensions[1].pk}": second,
        }
        response = client.post(url, answers)
        assert response.status_code == 302, response.content.decode()
    assessments = list(ProgressAssessment.objects.order_by("assessed_on"))
    assert [(a.agreement_id, a.placement_id, a.assessor_kind) for a in assessments] == [
        (agreement.pk, None, "mentor")
    ] * 3
    assert [s.score for s in assessments[0].scores.order_by("dimension__position")] == [1, 2]
    page = _page(client, agreement)
    assert '<svg viewBox="0 0 640 280" role="img"' in page
    assert re.search(r'cx="\d+\.\d"', page), "the data must give a fractional coordinate"
    assert svg_attributes_with_a_comma_decimal(page) == []
    assert page.count("<td>Mentoren</td>") == 3 and "Kommentar 3" in page
    assert "style=" not in page


def test_bad_assessment_shows_danish_errors_and_saves_nothing(world, login):
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    agreement = _agreement(world.jobcenter)
    url = reverse("citizens:agreement_assessment_create", args=[agreement.pk])
    future = (today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, {"assessed_on": future, "assessor_kind": "mentor", f"score_{dimension.pk}": "3"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Datoen kan ikke ligge i fremtiden." in page
    response = client.post(url, {"assessed_on": today().isoformat(), "assessor_kind": "company"})
    assert "Giv mindst én score." in response.content.decode()
    assert "Marker en gyldig valgmulighed. company er ikke en af de tilgængelige" in response.content.decode()
    draft = _agreement(world.jobcenter, status=AgreementStatus.DRAFT, mentor=None)
    response = client.post(
        reverse("citizens:agreement_assessment_create", args=[draft.pk]),
        {"assessed_on": today().isoformat(), "assessor_kind": "jobcenter", f"score_{dimension.pk}": "3"},
    )
    assert "Der kan kun vurderes, når mentoraftalen er sat i kraft." in response.content.decode()
    assert not ProgressAssessment.objects.exists()
    # A draft offers no assessment button; an agreement in force does.
    assert reverse("citizens:agreement_assessment_create", args=[draft.pk]) not in _page(client, draft)
    assert reverse("citizens:agreement_assessment_create", args=[agreement.pk]) in _page(client, agreement)


def test_a_caseworker_sees_the_goals_without_forms(world, login):
    agreement = _agreement(world.jobcenter)
    goal = GoalFactory(placement=None, agreement=agreement, title="Kommer til tiden")
    page = _page(login(world.caseworker), agreement)
    assert "Kommer til tiden" in page
    assert reverse("citizens:goal_update", args=[goal.pk]) not in page
    assert reverse("citizens:agreement_goal_create", args=[agreement.pk]) not in page


def test_another_jobcenters_agreement_and_goal_are_404_and_unchanged(world, login):
    foreign = _agreement(world.other_jobcenter)
    goal = GoalFactory(placement=None, agreement=foreign)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    for name in ("citizens:agreement_goal_create", "citizens:agreement_assessment_create"):
        url = reverse(name, args=[foreign.pk])
        assert client.get(url).status_code == 404
        answers = {"title": "X", "assessed_on": today().isoformat(), "assessor_kind": "mentor"}
        assert client.post(url, answers | {f"score_{dimension.pk}": "3"}).status_code == 404
    response = client.post(reverse("citizens:goal_update", args=[goal.pk]), {"status": "dropped"})
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.status == "not_started"
    assert Goal.objects.count() == 1 and not ProgressAssessment.objects.exists()


def test_every_page_logs_the_read_of_the_citizen(world, login):
    agreement = _agreement(world.jobcenter)
    client = login(world.coordinator)
    for name in ("citizens:agreement_detail", "citizens:agreement_goal_create", "citizens:agreement_assessment_create"):
        before = AccessLog.objects.count()
        assert client.get(reverse(name, args=[agreement.pk])).status_code == 200
        entry = AccessLog.objects.order_by("-id").first()
        assert AccessLog.objects.count() == before + 1
        assert (entry.object_id, entry.content_type.model, entry.action) == (
            str(agreement.citizen_id),
            "citizen",
            "view",
        )


def test_agreement_page_costs_the_same_queries_for_one_goal_or_twenty(world, login):
    dimensions = [ProgressDimensionFactory(jobcenter=world.jobcenter) for _ in range(5)]
    client = login(world.coordinator)
    _page(client, _agreement(world.jobcenter))  # what the first request of a session costs once
    counts = []
    for rows in (1, 20):
        agreement = _agreement(world.jobcenter)
        for i in range(rows):
            goal = GoalFactory(placement=None, agreement=agreement)
            GoalFactory(placement=None, agreement=agreement, parent=goal)
            assessment = ProgressAssessmentFactory(
                placement=None, agreement=agreement, assessed_on=today() - datetime.timedelta(days=i)
            )
            for dimension in dimensions:
                ProgressScoreFactory(assessment=assessment, dimension=dimension)
        with CaptureQueriesContext(connection) as queries:
            page = _page(client, agreement)
        assert page.count('class="citizens-goal-title"') == 2 * rows
        assert page.count("<circle ") == 5 * rows
        counts.append(len(queries))
    # The agreement (with citizen, mentor, first meeting ...), its goals, the dimensions, the assessments and
    # their scores; the rest is what every page costs (session, user, membership, access log, inbox count).
    assert counts[0] == counts[1] <= 10, counts


def test_the_portal_never_shows_an_agreements_goals_or_cards(world, login):
    """The citizen has a placement at company A and a mentor agreement: the leader sees the placement's goals
    and assessment, never the agreement's."""
    placement = placement_for(world.company_a)
    agreement = _agreement(world.jobcenter)
    agreement.citizen = placement.citizen
    agreement.save()
    GoalFactory(placement=placement, title="FORLØBETS-MÅL")
    GoalFactory(placement=None, agreement=agreement, title="AFTALENS-MÅL")
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    ProgressScoreFactory(assessment__placement=placement, dimension=dimension, comment="FORLØBETS-KOMMENTAR")
    ProgressScoreFactory(
        assessment=ProgressAssessmentFactory(placement=None, agreement=agreement),
        dimension=dimension,
        comment="AFTALENS-KOMMENTAR",
    )
    client = login(world.leader_a)
    pages = [
        client.get(reverse(name, args=args)).content.decode()
        for name, args in (
            ("portal:home", []),
            ("portal:placements", []),
            ("portal:placement_detail", [placement.pk]),
            ("portal:placement_assessment", [placement.pk]),
        )
    ]
    assert "FORLØBETS-MÅL" in pages[2] and "FORLØBETS-KOMMENTAR" in pages[2]
    assert not [page for page in pages if "AFTALENS" in page]
