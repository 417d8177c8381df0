"""Fixtures shared by every app's tests: the two-jobcenter world, logged-in clients per role, and the
rule that tests needing PostgreSQL, Redis or Chromium skip without them, but fail when CI is set."""

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import connection, connections
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


# --- one migrated database per run, cloned for each xdist worker ----------------------------------------
#
# Migrating the test database costs about 13 s of CPU in Python (squashed migrations, docs/ARCHITECTURE.md)
# plus PostgreSQL's share, and under pytest-xdist every worker used to pay it at the same time. Now the first
# worker to need a database migrates one template database (the test database's name with `_template`),
# while the other waits on a PostgreSQL advisory lock, and each worker then gets its own database as a copy
# of it (CREATE DATABASE ... TEMPLATE, under a second). The copy is the same database the migrations would
# have built. The template is built anew in every run (its comment holds the run's id), so a change to the
# migrations is always picked up, as with --create-db; the controller drops it when the run ends.
# Without xdist, with --reuse-db, or on SQLite, pytest-django's own setup runs unchanged.


def _xdist_run_id(config) -> str | None:
    return getattr(config, "workerinput", {}).get("testrunuid")


def _template_name(worker_db_name: str, worker_id: str) -> str:
    return f"{worker_db_name.removesuffix(f'_{worker_id}')}_template"


def _build_or_clone(db_settings_alias: str, worker_id: str, run_id: str, verbosity: int) -> str:
    """Gives this worker its test database as a copy of the run's template; returns the old database name."""
    from django.conf import settings

    conn = connections[db_settings_alias]
    creation = conn.creation
    old_name = conn.settings_dict["NAME"]
    worker_name = creation._get_test_db_name()
    template = _template_name(worker_name, worker_id)
    quote = conn.ops.quote_name
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        try:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
            )
            found = cursor.fetchone()
            if found is None or found[0] != run_id:
                conn.settings_dict["TEST"]["NAME"] = template
                try:
                    creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
                finally:
                    conn.settings_dict["TEST"]["NAME"] = worker_name
                conn.close()
                cursor.execute(f"COMMENT ON DATABASE {quote(template)} IS %s", [run_id])
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker_name)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(worker_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
    conn.close()
    settings.DATABASES[db_settings_alias]["NAME"] = worker_name
    conn.settings_dict["NAME"] = worker_name
    return old_name


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
) -> Iterator[None]:
    from pytest_django.fixtures import _get_databases_for_setup
    from pytest_django.fixtures import django_db_setup as pytest_django_setup

    run_id = _xdist_run_id(request.config)
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    if (
        run_id is None
        or (django_db_keepdb and not django_db_createdb)
        or not django_db_use_migrations
        or set(aliases) != {"default"}
        or connections["default"].vendor != "postgresql"
    ):
        setup = pytest_django_setup.__wrapped__(
            request,
            django_test_environment,
            django_db_blocker,
            django_db_use_migrations,
            django_db_keepdb,
            django_db_createdb,
            django_db_modify_db_settings,
        )
        next(setup)
        with _flush_filled_tables_only(django_db_blocker):
            yield
        next(setup, None)
        return
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        old_name = _build_or_clone("default", request.config.workerinput["workerid"], run_id, verbosity)
        if serialized_aliases:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    with _flush_filled_tables_only(django_db_blocker):
        yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(old_name, verbosity=verbosity, keepdb=False)


@contextmanager
def _flush_filled_tables_only(django_db_blocker) -> Iterator[None]:
    """Transactional tests end by emptying only the tables they filled (tests/flush.py)."""
    from tests.flush import flush_filled_tables_only

    with django_db_blocker.unblock():
        manager = flush_filled_tables_only(connection)
        manager.__enter__()
    try:
        yield
    finally:
        manager.__exit__(None, None, None)


def pytest_sessionfinish(session):
    """The controller of an xdist run drops the template its workers cloned (see django_db_setup)."""
    config = session.config
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    from django.conf import settings

    if connections["default"].vendor != "postgresql":
        return
    from pytest_django.plugin import blocking_manager_key

    test_name = settings.DATABASES["default"]["TEST"].get("NAME") or f"test_{settings.DATABASES['default']['NAME']}"
    template = connections["default"].ops.quote_name(f"{test_name}_template")
    with config.stash[blocking_manager_key].unblock(), connections["default"].creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush that puts the migrated rows back with their ids (tests/flush.py) and
    re-emits post_migrate, which clears Django's content-type cache. A running process has those cached, so the
    next test's query counts would count a lookup no request makes: once the test's teardown is done, the cache
    is filled again, in one query. Not after a browser test: its flush leaves the database empty for serialized
    rollback to refill. Nor after the session's last test (nextitem None): its teardown has destroyed the test
    database by then (the session fixtures end with it), and the query would go to the database it was copied from."""
    result = yield
    if nextitem is None:
        return result
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in getattr(item, "fixturenames", ()) or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactional and not item.get_closest_marker("browser"):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from pytest_django.plugin import blocking_manager_key

        if connection.vendor == "postgresql" and not ContentType.objects._cache:
            with item.config.stash[blocking_manager_key].unblock():
                ContentType.objects.get_for_models(*apps.get_models(include_auto_created=True))
    return result


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


# Tests that mostly wait (on a Celery worker they start and kill, a broker restart, a child process migrating
# SQLite): collected first, so xdist hands them out right after the groups and they overlap with the other
# workers' work instead of running alone at the end of the run (the last minute or two of a run at load 2).
WAITING_TESTS = (
    "notifications/tests/test_real_parts.py",
    "notifications/tests/test_sms_real_parts.py",
    "tests/test_embedded_default.py",
    "tests/test_embedded_broker.py",
)


# A page's query count is a property of the production database: on PostgreSQL the product saves queries SQLite
# cannot (writable CTEs that log an access in the query that reads, prepared queries), so a test that counts
# queries needs PostgreSQL, and on the embedded SQLite it is skipped with that reason.
QUERY_COUNT_FIXTURES = {"django_assert_num_queries", "django_assert_max_num_queries"}


def pytest_collection_modifyitems(items):
    for item in items:
        if QUERY_COUNT_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
        if TENANT_SCOPED_MODULES.match(item.path.name) and item.get_closest_marker("tenant_scope") is None:
            item.add_marker(pytest.mark.tenant_scope)
    items.sort(key=lambda item: not item.nodeid.startswith(WAITING_TESTS))


BROWSER_TESTS = "tests/browser/"
# The browser tests' second group: the journeys and log-ins (the first: the page checks, the axe sweep among them).
BROWSER_JOURNEYS = ("tests/browser/test_journey_", "tests/browser/test_login_")
# Seeds the whole demo once per module (a module-scoped fixture): its tests stay on one worker.
DEMO_DATA_TESTS = "tests/test_demo_data.py"


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under `--dist loadgroup` (make test) the browser tests are two groups, each run by one worker one test
    after another: the journeys and log-ins, and the page checks. A worker runs its group in one stretch, so it
    launches one Chromium and sets the package-scoped browser fixtures up once. Alone the browser tests were the
    run's longest stretch (about 550 s of the 745 s on three workers), mostly spent waiting on Chromium and the
    live server; halved, they overlap with the other workers' work. xdist sends the largest groups first. The
    demo-data tests, which share one seeded demo, are a group too. (The group is told by
    the test's path: with pytest 9.2, pytest-xdist 3.8's `xdist_group` marker no longer reaches the scheduler,
    since xdist renames the test by assigning `item._nodeid`, which pytest no longer reads.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserTestsOnOneWorker(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(BROWSER_JOURNEYS):
                return "browser-journeys"
            if nodeid.startswith(BROWSER_TESTS):
                return "browser-pages"
            if nodeid.startswith(DEMO_DATA_TESTS):
                return "demo-data"
            return super()._split_scope(nodeid)

    return BrowserTestsOnOneWorker(config, log)


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
