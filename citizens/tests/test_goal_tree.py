"""Goals and sub-goals in one query (citizens.selectors.goal_tree): the placement pages cost the same number of
queries whether a placement has goals or not (issue 24)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citizens.selectors import goal_tree
from citizens.tests.factories import CitizenFactory, GoalFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def test_goal_tree_puts_each_sub_goal_under_its_goal_in_order():
    placement = PlacementFactory()
    second = GoalFactory(placement=placement, title="Andet mål", position=2)
    first = GoalFactory(placement=placement, title="Første mål", position=1)
    late = GoalFactory(placement=placement, parent=first, title="Sent delmål", position=5)
    early = GoalFactory(placement=placement, parent=first, title="Tidligt delmål", position=1)
    top = goal_tree(list(placement.goals.order_by("position", "id")))
    assert top == [first, second]
    assert top[0].sub_goal_list == [early, late] and top[1].sub_goal_list == []


def _page(client, url):
    client.get(url)  # the first request of a client fills caches (content types, the session): not the page's cost
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_placement_page_costs_the_same_with_and_without_goals(world, login):
    client = login(world.coordinator)
    bare = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    planned = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    goal = GoalFactory(placement=planned, title="Møde til tiden")
    GoalFactory(placement=planned, parent=goal, title="Vækkeur stillet")
    GoalFactory(placement=planned, title="Tage telefonen")
    without, _ = _page(client, reverse("citizens:placement_detail", args=[bare.pk]))
    with_goals, page = _page(client, reverse("citizens:placement_detail", args=[planned.pk]))
    assert with_goals == without
    assert "Møde til tiden" in page and "Vækkeur stillet" in page and "Tage telefonen" in page
    assert page.index("Møde til tiden") < page.index("Vækkeur stillet")


def test_the_portal_placement_page_costs_the_same_with_and_without_goals(world, login):
    client = login(world.leader_a)
    bare = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    planned = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    goal = GoalFactory(placement=planned, title="Møde til tiden")
    GoalFactory(placement=planned, parent=goal, title="Vækkeur stillet")
    without, _ = _page(client, reverse("portal:placement_detail", args=[bare.pk]))
    with_goals, page = _page(client, reverse("portal:placement_detail", args=[planned.pk]))
    assert with_goals == without
    assert "Møde til tiden" in page and "Vækkeur stillet" in page
