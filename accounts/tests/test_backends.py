"""accounts.backends: the request's user, their memberships, the session's device and the header's unread count
in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_scopes import scopes_disabled

from accounts.backends import ModelWithMembershipsBackend, device_hint
from accounts.models import User
from accounts.tests.factories import JobcenterFactory, MembershipFactory, TOTPDeviceFactory, UserFactory
from accounts.tests.test_authentication import post_login, token_for

pytestmark = pytest.mark.django_db


def test_the_backend_reads_the_user_and_their_active_memberships_in_one_query(django_assert_num_queries):
    first = MembershipFactory(role="coordinator")
    user = first.user
    second = MembershipFactory(user=user, role="caseworker")
    MembershipFactory(user=user, is_active=False)
    MembershipFactory(user=user, jobcenter=JobcenterFactory(is_active=False))
    with django_assert_num_queries(1):
        loaded = ModelWithMembershipsBackend().get_user(user.pk)
        assert loaded == user
        assert [m.pk for m in loaded.active_memberships] == [first.pk, second.pk]
        assert {m.user for m in loaded.active_memberships} == {loaded}
        assert loaded.active_memberships[1].jobcenter == second.jobcenter


def test_the_backend_refuses_an_inactive_user_and_reads_a_user_without_memberships():
    membership = MembershipFactory(role="coordinator")
    User.objects.filter(pk=membership.user_id).update(is_active=False)
    assert ModelWithMembershipsBackend().get_user(membership.user_id) is None
    alone = UserFactory()
    loaded = ModelWithMembershipsBackend().get_user(alone.pk)
    assert loaded == alone and loaded.active_memberships == ()


def test_a_page_reads_the_user_and_the_tenant_once(client):
    user = MembershipFactory(role="coordinator").user
    device = TOTPDeviceFactory(user=user)
    post_login(client, user.email)
    client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("citizens:list")).status_code == 200
    membership_reads = [q["sql"] for q in queries if 'FROM "accounts_membership"' in q["sql"]]
    user_reads = [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"]]
    assert len(membership_reads) == 1 and user_reads == []


def test_the_same_query_reads_the_sessions_device_and_each_memberships_unread_inbox_count(
    world, django_assert_num_queries
):
    """The device django-otp would read, and inbox.selectors.unread_count for each membership, come with the
    user: only the device the session names, only if confirmed and the user's; the count by inbox_for's rule."""
    from companies.tests.factories import placement_for
    from inbox.selectors import unread_count
    from inbox.tests.factories import item_for
    from notifications.handoffs import events_for_role

    user = world.coordinator
    MembershipFactory(user=user, jobcenter=world.other_jobcenter, role="caseworker")
    claim_event = {"event": "claim.submitted"}
    for _ in range(2):
        item_for(user, placement_for(world.company_a), **claim_event)  # counted in the first membership
    item_for(user, placement_for(world.company_a))  # a portal hand-off: never a coordinator's
    item_for(user, placement_for(world.company_a), read_at=timezone.now(), **claim_event)  # read
    # The other jobcenter's (where the user is a caseworker), of a hand-off caseworkers receive.
    item_for(user, placement_for(world.other_company), event=events_for_role("caseworker")[0])
    item_for(world.leader_a, placement_for(world.company_a), company=world.company_a)  # a leader's, of company A
    item_for(world.leader_a, placement_for(world.company_b), company=world.company_b)  # company B's: not A's
    device = TOTPDeviceFactory(user=user)
    other_device = TOTPDeviceFactory(user=world.caseworker)
    unconfirmed = TOTPDeviceFactory(user=user, confirmed=False)

    for person in (user, world.leader_a):
        with django_assert_num_queries(1):
            loaded = ModelWithMembershipsBackend().get_user(person.pk)
        with scopes_disabled():
            expected = [unread_count(user=person, membership=m) for m in loaded.active_memberships]
        assert [m.inbox_unread for m in loaded.active_memberships] == expected
    assert expected == [1]  # the leader: company A's proposal only
    assert [m.inbox_unread for m in ModelWithMembershipsBackend().get_user(user.pk).active_memberships] == [2, 1]

    for named, found in ((device, device), (other_device, None), (unconfirmed, None)):
        token = device_hint.set(named.persistent_id)
        try:
            with django_assert_num_queries(1):
                loaded = ModelWithMembershipsBackend().get_user(user.pk)
        finally:
            device_hint.reset(token)
        assert loaded.preloaded_otp_device == (named.persistent_id, found)
    assert not hasattr(ModelWithMembershipsBackend().get_user(user.pk), "preloaded_otp_device")


def test_a_page_checks_the_verified_device_without_a_query_of_its_own_and_still_refuses_a_removed_one(client):
    user = MembershipFactory(role="coordinator").user
    device = TOTPDeviceFactory(user=user)
    post_login(client, user.email)
    client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("citizens:list")).status_code == 200
    assert [q["sql"] for q in queries if 'FROM "otp_totp_totpdevice"' in q["sql"]] == []
    assert any('"otp_totp_totpdevice"' in q["sql"] for q in queries if 'FROM "accounts_membership"' in q["sql"])
    # The device is unconfirmed (or removed): the next page asks for the second factor again.
    type(device).objects.filter(pk=device.pk).update(confirmed=False)
    response = client.get(reverse("citizens:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert DEVICE_ID_SESSION_KEY not in client.session
