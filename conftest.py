"""Fixtures shared by every app's tests: the two-jobcenter world, logged-in clients per role, and the
rule that tests needing PostgreSQL, Redis or Chromium skip without them, but fail when CI is set."""

import os
import re
import shutil
from dataclasses import dataclass

import pytest
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from django_scopes import scope, scopes_disabled

from accounts.models import Role
from accounts.tests.factories import (
    JobcenterFactory,
    MembershipFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from companies.tests.factories import CompanyFactory

IN_CI = bool(os.environ.get("CI"))


def _redis_available() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return shutil.which("chromium") is not None or os.path.exists("/usr/bin/chromium")


REQUIREMENTS = {
    "postgres": (lambda: connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL"),
    "redis": (_redis_available, "needs Redis: set REDIS_URL to a running server"),
    "browser": (_browser_available, "needs Debian's chromium package and the playwright Python package"),
}


def pytest_sessionstart(session):
    if IN_CI and not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.exit("CI is set but DATABASE_URL does not point at PostgreSQL.", returncode=3)


@pytest.fixture(autouse=True)
def _required_services(request):
    for marker, (available, reason) in REQUIREMENTS.items():
        if request.node.get_closest_marker(marker) and not available():
            if IN_CI:
                pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)")
            pytest.skip(reason)


# Service and selector tests run inside the world's jobcenter scope (marker `tenant_scope`), as the views
# and tasks that call them do, so a query that forgets the tenant raises ScopeError in the test too.
TENANT_SCOPED_MODULES = re.compile(r"^test_\w*(?:services|selectors)\w*\.py$")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "tenant_scope: the test body runs inside scope(jobcenter=world.jobcenter); automatic in "
        "test_*services*.py and test_*selectors*.py",
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if TENANT_SCOPED_MODULES.match(item.path.name) and item.get_closest_marker("tenant_scope") is None:
            item.add_marker(pytest.mark.tenant_scope)


@pytest.fixture(autouse=True)
def _tenant_scope(request):
    """Tests marked `tenant_scope` that use the world run inside its jobcenter's scope: an unscoped query
    fails as it would in a request. Every other test runs with scopes disabled: it builds and checks data
    across jobcenters (requests still run inside their own scope, set by TenantMiddleware).

    Factories build rows in any jobcenter in either case (accounts.tests.factories.UnscopedFactory). An
    assertion about another jobcenter's rows in a scoped test reads them inside `scopes_disabled()`, since a
    scoped query would find none and pass without checking anything."""
    if request.node.get_closest_marker("tenant_scope") is None or "world" not in request.fixturenames:
        with scopes_disabled():
            yield
        return
    with scopes_disabled():
        jobcenter = request.getfixturevalue("world").jobcenter
    with scope(jobcenter=jobcenter):
        yield


@dataclass
class World:
    """Two jobcenters; in the first, a user for every role and two companies with a leader each."""

    jobcenter: object
    other_jobcenter: object
    company_a: object
    company_b: object
    other_company: object
    coordinator: object
    caseworker: object
    jobcenter_admin: object
    leader_a: object
    leader_b: object
    other_coordinator: object
    superuser: object


@pytest.fixture
def world(db) -> World:
    jobcenter = JobcenterFactory(name="Jobcenter Favrskov", municipality_code="710", slug="favrskov")
    other = JobcenterFactory(name="Jobcenter Haderslev", municipality_code="510", slug="haderslev")
    company_a = CompanyFactory(jobcenter=jobcenter, name="Hammel Maskinfabrik A/S")
    company_b = CompanyFactory(jobcenter=jobcenter, name="Hinnerup Bageri ApS")
    other_company = CompanyFactory(jobcenter=other, name="Haderslev Gartneri ApS")

    def member(role, jc=jobcenter, company=None, **user):
        return MembershipFactory(jobcenter=jc, role=role, company=company, user=UserFactory(**user)).user

    return World(
        jobcenter=jobcenter,
        other_jobcenter=other,
        company_a=company_a,
        company_b=company_b,
        other_company=other_company,
        coordinator=member(Role.COORDINATOR),
        caseworker=member(Role.CASEWORKER),
        jobcenter_admin=member(Role.JOBCENTER_ADMIN, is_staff=True),
        leader_a=member(Role.COMPANY_LEADER, company=company_a),
        leader_b=member(Role.COMPANY_LEADER, company=company_b),
        other_coordinator=member(Role.COORDINATOR, jc=other),
        superuser=UserFactory(is_staff=True, is_superuser=True),
    )


def login_verified(client, user) -> None:
    """Logs `user` in as if they had passed the second factor (a confirmed TOTP device in the session)."""
    device = TOTPDeviceFactory(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def login(client):
    def _login(user):
        login_verified(client, user)
        return client

    return _login
