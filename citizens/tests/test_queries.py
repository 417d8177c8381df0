"""Each page costs a fixed number of queries, whatever the number of rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    FollowUpFactory,
    GoalFactory,
    PlacementFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
    today,
)
from corps.tests.factories import CompetenceFactory, MentorFactory
from matching.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _count(client, url, django_assert_max_num_queries, limit):
    # The second view, as on a working day: the first after a test login also stamps the session (a real login
    # does that at its own response) and fills Django's content-type cache.
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("rows", [1, 40])
def test_citizen_list(world, login, django_assert_max_num_queries, rows):
    for _ in range(rows):
        CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker)
    response = _count(login(world.coordinator), reverse("citizens:list"), django_assert_max_num_queries, 4)
    assert response.content.decode().count('href="/borgere/') >= rows


@pytest.mark.parametrize("rows", [1, 30])
def test_citizen_detail(world, login, django_assert_max_num_queries, rows):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    citizen.needs.set([CompetenceFactory(jobcenter=world.jobcenter) for _ in range(rows)])
    for _ in range(min(rows, 5)):
        AgreementFactory(citizen=citizen, mentor=MentorFactory(jobcenter=world.jobcenter))
    for _ in range(rows):
        PlacementFactory(citizen=citizen)
    _count(login(world.coordinator), reverse("citizens:detail", args=[citizen.pk]), django_assert_max_num_queries, 8)


@pytest.mark.parametrize("rows", [1, 30])
def test_citizen_timeline(world, login, django_assert_max_num_queries, rows):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    for i in range(rows):
        AgreementFactory(
            citizen=citizen,
            mentor=MentorFactory(jobcenter=world.jobcenter),
            starts_on=today() - datetime.timedelta(days=i),
        )
        placement = PlacementFactory(citizen=citizen)
        FollowUpFactory(citizen=citizen, placement=placement, author=world.coordinator)
        ProgressScoreFactory(assessment__placement=placement)
        OfferFactory(citizen=citizen, status="declined", answered_at=timezone.now(), decline_reason="Ingen tid")
    response = _count(
        login(world.coordinator), reverse("citizens:timeline", args=[citizen.pk]), django_assert_max_num_queries, 10
    )
    assert response.content.decode().count("citizens-event ") >= 6 * rows


@pytest.mark.parametrize("rows", [1, 20])
def test_placement_detail(world, login, django_assert_max_num_queries, rows):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    dimensions = [ProgressDimensionFactory(jobcenter=world.jobcenter) for _ in range(5)]
    for i in range(rows):
        goal = GoalFactory(placement=placement)
        GoalFactory(placement=placement, parent=goal)
        FollowUpFactory(citizen=placement.citizen, placement=placement, mentor_hours=1)
        for dimension in dimensions:
            ProgressScoreFactory(
                assessment__placement=placement,
                dimension=dimension,
                assessment__assessed_on=today() - datetime.timedelta(days=i),
            )
    _count(
        login(world.coordinator),
        reverse("citizens:placement_detail", args=[placement.pk]),
        django_assert_max_num_queries,
        9,
    )


@pytest.mark.parametrize("rows", [1, 30])
def test_lists_for_coordinators(world, login, django_assert_max_num_queries, rows):
    for _ in range(rows):
        placement = PlacementFactory(
            citizen=CitizenFactory(jobcenter=world.jobcenter), last_follow_up_on=today() - datetime.timedelta(days=20)
        )
        FollowUpFactory(citizen=placement.citizen, placement=placement, mentor_hours=2)
        AgreementFactory(
            citizen=placement.citizen,
            status="active",
            mentor=MentorFactory(jobcenter=world.jobcenter),
            ends_on=today() + datetime.timedelta(days=10),
            starts_on=today() - datetime.timedelta(days=100),
        )
    client = login(world.coordinator)
    limits = {
        "citizens:follow_up_overdue": 3,
        "citizens:hours": 4,
        "citizens:agreements_ending": 3,
        "citizens:outcomes": 2,
    }
    for name, limit in limits.items():
        _count(client, reverse(name), django_assert_max_num_queries, limit)
