"""The browser fixtures of tests/browser for corps/tests/test_browser_corps.py."""

import pytest

from tests.browser.conftest import _chromium, page  # noqa: F401


@pytest.fixture(scope="module")
def _empty_database_for_serialized_rollback(django_db_setup, django_db_blocker):
    """tests/browser's fixture of the same name (see there), for the browser module only, and leaving the
    migrated data (e.g. the languages a data migration seeds) behind for the corps tests that run after it."""
    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
