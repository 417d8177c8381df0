"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

Every page a test opens is held to two rules: no console error and no uncaught page error (checked by
`assert_accessible` and again when the test ends), and no axe-core WCAG 2.1 A/AA violation wherever the
test calls `assert_accessible(page, name)` (see support.py). Contexts never use `bypass_csp`, so the site's
real Content-Security-Policy is in force and anything it blocks fails the test.

Tests here must be marked `@pytest.mark.browser`, so the root conftest skips them without Chromium (and
fails them when CI is set).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import time
from io import StringIO
from typing import TYPE_CHECKING

import pytest

from tests.flush import FilledTablesFlush

from .support import assert_no_browser_errors, browser_errors, watch_for_errors

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # containers and CI runners give Chromium no user namespaces for its sandbox
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
_TEST_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_TEST_FAILED] = report.failed
    return report


class _LazyChromium:
    """Starts Playwright and Chromium on first use, so the root conftest's `browser` marker check (an autouse
    function fixture) decides skip or fail before anything is launched; one browser then serves every test."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._set_async_unsafe = False

    def get(self) -> Browser:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            # Playwright's sync API keeps an asyncio event loop running in the main thread (inside a greenlet)
            # from start() to stop(), so Django's async-safety guard sees a running loop and raises
            # SynchronousOnlyOperation for every ORM call the test thread makes meanwhile: seeding data in a
            # test and pytest-django's flush after each transactional test. The loop is Playwright's, and the
            # ORM is still used synchronously from one thread, so the guard is a false positive here; setting
            # DJANGO_ALLOW_ASYNC_UNSAFE is the workaround Playwright's maintainers give for pytest-django
            # (microsoft/playwright-pytest#29, microsoft/playwright-python#439). Django reads the variable on
            # every call, so it is set only while the loop runs and removed afterwards: tests outside this
            # package keep the guard.
            if "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
                self._set_async_unsafe = True
            # The same running loop also makes Django's connection handler (an asgiref Local that is
            # thread-local in sync code but context-local under a running loop) hand this thread new
            # connection objects. Those would lack the test database's serialized contents (so serialized
            # rollback would silently restore nothing) and stay open after the run (blocking DROP DATABASE
            # on PostgreSQL). Pinning the thread's existing connections keeps one connection per alias.
            from django.db import connections

            thread_connections = {alias: connections[alias] for alias in connections}
            self._playwright = sync_playwright().start()
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
        if self._set_async_unsafe:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            self._set_async_unsafe = False


@pytest.fixture(scope="package")
def _chromium() -> Iterator[_LazyChromium]:
    # Package scope rather than session: the Playwright loop, and with it DJANGO_ALLOW_ASYNC_UNSAFE, ends with
    # the last browser test instead of living on through the tests that run after this package.
    holder = _LazyChromium()
    yield holder
    holder.close()


def _sqlite_value(value):
    return value.isoformat() if isinstance(value, time) else value


class _MigratedData:
    """The migrated data as PostgreSQL COPY output, table by table, restored with COPY FROM (on SQLite: the rows,
    restored with INSERT).

    Taken once per run from what Django's own serialized rollback loads (its deserialization of the copy
    `create_test_db` serialized after migrating, into an empty database), so the rows are exactly those;
    putting them back then costs one COPY per non-empty table instead of ~650 model saves through the ORM.
    Every restore also sets the sequences of those tables to their highest id (Django's sequence_reset_sql),
    so a row a test adds to a seeded table gets a free id.
    """

    def __init__(self, connection) -> None:
        from django.apps import apps
        from django.core.management.color import no_style

        self.connection = connection
        quote = connection.ops.quote_name
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        self.tables: list[tuple[str, bytes]] = []
        self.rows: list[tuple[str, list[tuple]]] = []  # the same on SQLite, which has no COPY: rows to re-insert
        with connection.cursor() as cursor:
            for table in sorted(tables):
                if connection.vendor != "postgresql":
                    cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (model table names)
                    if rows := cursor.fetchall():
                        # Django reads SQLite's time columns as datetime.time, which sqlite3 cannot bind back.
                        self.rows.append((quote(table), [tuple(map(_sqlite_value, row)) for row in rows]))
                    continue
                with cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                if data:
                    self.tables.append((quote(table), data))
        seeded = {table for table, _data in [*self.tables, *self.rows]}
        models = [m for m in apps.get_models(include_auto_created=True) if quote(m._meta.db_table) in seeded]
        self.sequences = connection.ops.sequence_reset_sql(no_style(), models)
        self.restore_sequences()

    def restore(self) -> None:
        """Into the empty (flushed) database, in one transaction: foreign keys are checked at its commit."""
        from django.db import transaction

        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            for table, data in self.tables:
                with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(data)
            for table, rows in self.rows:
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608 (model table names)
        self.restore_sequences()

    def restore_sequences(self) -> None:
        with self.connection.cursor() as cursor:
            for sql in self.sequences:
                cursor.execute(sql)


@pytest.fixture(scope="package")
def _empty_database_for_serialized_rollback(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Lets serialized rollback restore the migrated data without clashing with rows already there.

    A transactional test without serialized rollback ends with a flush that re-emits post_migrate, which
    recreates content types and permissions under new ids; restoring the serialized copy (old ids) on top
    then fails on their unique constraints. Django's own runner has the same trap. So the browser tests
    start from an empty database (serialized rollback refills it before each test, and its flush after
    each test leaves it empty again), and afterwards the migrated data is restored once more, so the tests that
    the same worker runs after this package (under `make test` the browser tests are two groups that run
    first) find the database the migrations built, vocabularies included.

    The refill is serialized rollback's, made fast: Django's deserialization runs once, here, its result is
    kept as COPY output (`_MigratedData`), and each test's refill (and the one at the end) copies that back.
    """
    from django.core.management import call_command
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    migrated = getattr(connection, "_test_serialized_contents", None)
    deserialize = connection.creation.deserialize_db_from_string
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        flush_filled_tables = FilledTablesFlush(connection)
        snapshot = None
        if migrated is not None:
            deserialize(migrated)
            snapshot = _MigratedData(connection)
            flush_filled_tables.empty()

    def restore_migrated(data: str) -> None:
        # Called by TransactionTestCase._fixture_setup with the connection's serialized copy; anything else
        # goes to Django's deserialization.
        if snapshot is not None and data is migrated:
            snapshot.restore()
        else:
            deserialize(data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection.creation, "deserialize_db_from_string", restore_migrated)
        patch.setattr(connection.ops, "sql_flush", flush_filled_tables)
        yield
    with django_db_blocker.unblock():
        if snapshot is None:
            emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        else:
            flush_filled_tables.empty()
            snapshot.restore()


# The demo world per test database (worker), as COPY output, once seed_demo has built it in this run.
_SEEDED_DEMO: dict[str, _MigratedData] = {}


@pytest.fixture
def seeded_demo(transactional_db) -> None:
    """The demo world a reviewer gets from `manage.py seed_demo` (Jobcenter Favrskov, a user per role, ...).

    seed_demo runs once per worker (about 10 s of CPU); its rows, and the migrated rows under them, are then kept
    as COPY output, and each later test gets exactly those rows back: the database is emptied (as after a test)
    and refilled by one COPY per table, sequences set past the highest ids."""
    from django.core.management import call_command
    from django.db import connection

    snapshot = _SEEDED_DEMO.get(connection.settings_dict["NAME"])
    if snapshot is None:
        call_command("seed_demo", stdout=StringIO())
        _SEEDED_DEMO[connection.settings_dict["NAME"]] = _MigratedData(connection)
        return
    FilledTablesFlush(connection).empty()
    snapshot.restore()


@pytest.fixture(autouse=True)
def _eager_celery() -> Iterator[None]:
    """Tasks (the outbox's sends) run in the live server's request thread with the locmem mail backend, so a
    journey reads the e-mails it follows from django.core.mail.outbox; no worker or broker is involved."""
    from mentorship.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def page(
    request,
    _empty_database_for_serialized_rollback,
    _chromium,
    live_server,
    transactional_db,
    django_db_serialized_rollback,
) -> Iterator[Page]:
    """A fresh Danish-speaking browser context and page; `page.goto("/konto/login/")` opens the live server.

    The live server runs in another thread, so the database is transactional and flushed after each test;
    serialized rollback puts back what the migrations created (the vocabularies that data migrations seed),
    so every test starts from the database a fresh installation has.
    """
    if request.node.get_closest_marker("browser") is None:
        pytest.fail("Tests that use the browser must be marked @pytest.mark.browser.")
    context = _chromium.get().new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        watch_for_errors(page)
        yield page
        # Let requests in flight finish before pytest-django flushes the database under the live server.
        page.wait_for_load_state("networkidle")
        if request.node.stash.get(_TEST_FAILED, False):
            # Already failed: show the browser's errors with that failure instead of adding a teardown error.
            print("\n".join(browser_errors(page)), file=sys.stderr)
        else:
            assert_no_browser_errors(page)
    finally:
        context.close()
