"""Old read inbox items are deleted by a daily beat task (INBOX_READ_RETENTION_DAYS); unread ones are kept."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_scopes import scope

from companies.tests.factories import placement_for
from inbox.models import InboxItem
from inbox.services import items_delete_old_read
from inbox.tasks import delete_old_read_items
from inbox.tests.factories import item_for

pytestmark = pytest.mark.django_db


def _items(world, now):
    """In both jobcenters: read and unread items just past and just within the retention period."""
    old, recent = now - timedelta(days=181), now - timedelta(days=179)
    rows = {}
    for where, user, company in (
        ("here", world.leader_a, world.company_a),
        ("there", world.other_coordinator, world.other_company),
    ):
        placement = placement_for(company, status="proposed")
        for name, created, read in (
            ("old read", old, old + timedelta(days=1)),
            ("old unread", old, None),
            ("recent read", recent, recent),
        ):
            rows[f"{where} {name}"] = item_for(
                user, placement, key=f"{where}:{name}", created_at=created, read_at=read, company=company
            ).pk
    return rows


def test_read_items_past_the_period_are_deleted_in_every_jobcenter(world, django_assert_num_queries):
    assert settings.INBOX_READ_RETENTION_DAYS == 180
    now = timezone.now()
    rows = _items(world, now)
    with scope(), django_assert_num_queries(1):  # no tenant, as in a worker: one DELETE
        assert items_delete_old_read(now=now) == 2
    left = set(InboxItem.objects.values_list("pk", flat=True))
    assert left == {pk for name, pk in rows.items() if "old read" not in name}
    assert items_delete_old_read(now=now) == 0  # idempotent


def test_the_period_is_a_setting(world, settings):
    settings.INBOX_READ_RETENTION_DAYS = 30
    rows = _items(world, timezone.now())
    assert delete_old_read_items.apply().get() == 4  # the recent read ones (179 days) are now past it too
    assert set(InboxItem.objects.values_list("pk", flat=True)) == {pk for name, pk in rows.items() if "unread" in name}


def test_the_task_is_on_the_beat_schedule():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == delete_old_read_items.name]
    assert entries and entries[0]["schedule"] == timedelta(days=1)
