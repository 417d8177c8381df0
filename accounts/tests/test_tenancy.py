import pytest
from django.test import RequestFactory
from django_scopes import ScopeError, scope, scopes_disabled

from accounts.models import Membership, Role
from accounts.tenancy import SESSION_KEY, resolve_tenant
from accounts.tests.factories import MembershipFactory
from companies.models import Company

pytestmark = pytest.mark.django_db


def test_query_on_tenant_data_without_scope_fails_loudly(world):
    with scope(), pytest.raises(ScopeError):
        list(Company.objects.all())


def test_scope_filters_to_the_jobcenter(world):
    with scope(jobcenter=world.jobcenter):
        names = set(Company.objects.values_list("name", flat=True))
    assert names == {world.company_a.name, world.company_b.name}


def _request(user, session=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session or {}
    return request


def test_tenant_is_resolved_from_membership_and_never_from_input(world):
    tenant = resolve_tenant(_request(world.leader_a))
    assert tenant.jobcenter == world.jobcenter
    assert tenant.company == world.company_a
    staff = resolve_tenant(_request(world.coordinator))
    assert staff.company is None


def test_session_choice_only_among_own_memberships(world):
    second = MembershipFactory(user=world.coordinator, jobcenter=world.other_jobcenter, role=Role.CASEWORKER)
    chosen = resolve_tenant(_request(world.coordinator, {SESSION_KEY: second.pk}))
    assert chosen.jobcenter == world.other_jobcenter
    foreign = Membership.objects.get(user=world.other_coordinator)
    fallback = resolve_tenant(_request(world.coordinator, {SESSION_KEY: foreign.pk}))
    assert fallback.jobcenter == world.jobcenter


def test_inactive_jobcenter_gives_no_tenant(world):
    world.jobcenter.is_active = False
    world.jobcenter.save(update_fields=["is_active"])
    assert resolve_tenant(_request(world.coordinator)).membership is None


def test_leader_membership_requires_company_in_database(world):
    from django.db import IntegrityError, transaction

    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(jobcenter=world.jobcenter, role=Role.COMPANY_LEADER, company=None)
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(jobcenter=world.jobcenter, role=Role.COORDINATOR, company=world.company_a)
