"""tests/flush.py: the flush that ends a transactional test leaves the database as the migrations built it, on
PostgreSQL and on the embedded SQLite alike: the rows a test added are gone, the migrated rows it changed or
deleted are back, and the seeded tables' ids go on past their highest."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management.color import no_style
from django.db import connection

from accounts.models import Jobcenter
from accounts.tests.factories import JobcenterFactory
from corps.models import Language


def _flush() -> None:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


@pytest.mark.django_db(transaction=True)
def test_the_flush_puts_the_migrated_rows_back_and_removes_the_rest():
    languages = list(Language.objects.order_by("pk").values_list("pk", "code", "name", "position"))
    permissions = Permission.objects.count()
    assert languages, "the migrations seed the languages"
    first = Language.objects.order_by("pk").first()
    Language.objects.filter(pk=first.pk).update(name="Ændret")
    Language.objects.exclude(pk=first.pk).order_by("pk").last().delete()
    JobcenterFactory()

    _flush()

    assert list(Language.objects.order_by("pk").values_list("pk", "code", "name", "position")) == languages
    assert Permission.objects.count() == permissions
    assert not Jobcenter.objects.exists()
    added = Language.objects.create(code="zzz", name="Et nyt sprog")
    assert added.pk > max(pk for pk, *_rest in languages)
