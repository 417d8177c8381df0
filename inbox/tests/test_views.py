"""The inbox pages: a user sees only their own items of the membership they work in (jobcenter, company, role),
an item whose object is gone (or out of reach) leads to 404, marking read touches only one's own items, and the
header's unread count costs no query of its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import MembershipFactory
from companies.tests.factories import claim_for, placement_for
from inbox.models import InboxItem
from inbox.tests.factories import item_for

pytestmark = pytest.mark.django_db


def _claim_item(user, jobcenter_company, **fields):
    claim = claim_for(placement_for(jobcenter_company))
    link = reverse("companies:claim_detail", kwargs={"pk": claim.pk})
    return item_for(user, claim, event="claim.submitted", link=link, **fields)


def test_the_list_shows_only_my_items_of_the_active_membership(world, login):
    mine = _claim_item(world.coordinator, world.company_a, title="Min anmodning")
    _claim_item(world.jobcenter_admin, world.company_a, title="Adminens anmodning")
    # The same user also works in the other jobcenter: that jobcenter's item waits until they switch.
    MembershipFactory(jobcenter=world.other_jobcenter, role=Role.COORDINATOR, user=world.coordinator)
    _claim_item(world.coordinator, world.other_company, title="Anden jobcenters anmodning")
    # An item of a hand-off the coordinator's role never receives (a portal item) is not shown either.
    item_for(world.coordinator, placement_for(world.company_a, status="proposed"), title="Portalbesked")
    client = login(world.coordinator)
    response = client.get(reverse("inbox:list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Min anmodning" in text
    assert "Adminens anmodning" not in text
    assert "Anden jobcenters anmodning" not in text
    assert "Portalbesked" not in text
    assert reverse("inbox:open", kwargs={"pk": mine.pk}) in text


def test_a_leader_sees_the_portal_items_of_their_company_only(world, login):
    placement = placement_for(world.company_a, status="proposed")
    item_for(world.leader_a, placement, company=world.company_a, title="Forslag til A")
    item_for(world.leader_a, placement_for(world.company_b, status="proposed"), company=world.company_b, title="Til B")
    response = login(world.leader_a).get(reverse("inbox:list"))
    text = response.content.decode()
    assert "Forslag til A" in text and "Til B" not in text
    assert "dkfds-virkdk" in text


def test_opening_an_item_marks_it_read_and_goes_to_the_object(world, login):
    placement = placement_for(world.company_a, status="proposed")
    item = item_for(world.leader_a, placement, company=world.company_a)
    client = login(world.leader_a)
    response = client.get(reverse("inbox:open", kwargs={"pk": item.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:placement_detail", kwargs={"pk": placement.pk})
    item.refresh_from_db()
    assert item.read_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_an_item_whose_object_is_gone_answers_404(world, login):
    placement = placement_for(world.company_a, status="proposed")
    item = item_for(world.leader_a, placement, company=world.company_a)
    placement.hours_steps.all().delete()
    placement.delete()
    response = login(world.leader_a).get(reverse("inbox:open", kwargs={"pk": item.pk}))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_a_leader_moved_to_another_company_no_longer_reaches_the_old_items(world, login):
    item = item_for(world.leader_a, placement_for(world.company_a, status="proposed"), company=world.company_a)
    world.leader_a.memberships.update(company=world.company_b)
    client = login(world.leader_a)
    assert client.get(reverse("inbox:open", kwargs={"pk": item.pk})).status_code == 404
    assert item.title not in client.get(reverse("inbox:list")).content.decode()


def test_a_role_that_may_not_see_the_object_loses_the_item(world, login):
    """A coordinator told of a claim, now a caseworker (who may not open claims): the item is gone from the
    inbox and its link answers 404."""
    item = _claim_item(world.coordinator, world.company_a, title="Anmodning om frikøb")
    world.coordinator.memberships.update(role=Role.CASEWORKER)
    client = login(world.coordinator)
    assert "Anmodning om frikøb" not in client.get(reverse("inbox:list")).content.decode()
    assert client.get(reverse("inbox:open", kwargs={"pk": item.pk})).status_code == 404


def test_mark_read_and_mark_all_read_touch_only_my_items(world, login):
    first = _claim_item(world.coordinator, world.company_a)
    second = _claim_item(world.coordinator, world.company_a)
    others = _claim_item(world.jobcenter_admin, world.company_a)
    client = login(world.coordinator)
    assert client.post(reverse("inbox:mark_read", kwargs={"pk": first.pk})).status_code == 302
    assert client.post(reverse("inbox:mark_read", kwargs={"pk": others.pk})).status_code == 404
    first.refresh_from_db(), second.refresh_from_db(), others.refresh_from_db()
    assert first.read_at is not None and second.read_at is None and others.read_at is None
    response = client.post(reverse("inbox:mark_all_read"), follow=True)
    assert "1 beskeder er markeret som læst." in response.content.decode()
    assert not InboxItem.objects.filter(recipient=world.coordinator, read_at__isnull=True).exists()
    assert InboxItem.objects.get(pk=others.pk).read_at is None


def test_the_header_counts_unread_items_without_a_query_of_its_own(world, login):
    for _ in range(3):
        _claim_item(world.coordinator, world.company_a)
    client = login(world.coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inbox:list"))
    text = response.content.decode()
    assert 'inbox-count">3<' in text  # the desktop header and the mobile drawer show the same count
    # Counted inside the query that reads the user and their memberships (accounts.backends): no query of its own.
    counts = [q["sql"] for q in queries.captured_queries if "inbox_inboxitem" in q["sql"] and "COUNT(" in q["sql"]]
    assert len(counts) == 1 and 'FROM "accounts_membership"' in counts[0]


def test_the_list_costs_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    for _ in range(60):
        _claim_item(world.coordinator, world.company_a)
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("inbox:list")).status_code == 200
    with django_assert_max_num_queries(2):  # the user with memberships, device and unread count; the items
        response = client.get(reverse("inbox:list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="inbox-item') == 50
