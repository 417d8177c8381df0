"""accounts.backends: the request's user and their memberships in one query (issue 24)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import ModelWithMembershipsBackend
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
