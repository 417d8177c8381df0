"""The idempotency key in Python (message_enqueue) and in SQL (the weekly fan-out) is one key."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from notifications.fanout import WEEKLY_FOLLOWUP, weekly_reminders_tick
from notifications.keys import KEY_LENGTH, idempotency_key_for, idempotency_key_sql
from notifications.models import Message
from notifications.tests.factories import CompanyMentorFactory, PlacementFactory


def _sql_key(*, kind: str, app_label: str, model: str, about_id: int, email: str, period: str) -> str:
    expression = idempotency_key_sql(kind="%s", app_label="%s", model="%s", about_id="%s", email="%s", period="%s")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}", [kind, app_label, model, about_id, email, period])
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "email", "period"),
    [
        ("notifications.weekly_followup", "lars@example.dk", "2026-W48"),
        ("notifications.followup_overdue", "  Lars.Jensen@Example.DK ", "2026-W53"),
        ("citizens.agreement_ending", "MIXED.case+tag@kommune.dk", ""),
        ("notifications.weekly_followup", "a" * 200 + "@" + "b" * 80 + ".dk", "2026-W01"),  # over 255: cut
    ],
)
def test_sql_and_python_build_the_same_key(kind, email, period):
    placement = PlacementFactory()
    python_key = idempotency_key_for(kind=kind, about=placement, recipient_email=email, period=period)
    sql_key = _sql_key(
        kind=kind,
        app_label=placement._meta.app_label,
        model=placement._meta.model_name,
        about_id=placement.pk,
        email=email,
        period=period,
    )
    assert sql_key == python_key
    assert len(python_key) <= KEY_LENGTH


@pytest.mark.django_db
def test_the_fanout_keys_a_long_address_as_enqueue_does():
    """An address near EmailField's 254 characters makes a key longer than the column: both paths cut it alike
    (before, the fan-out's INSERT failed for the whole jobcenter with 'value too long')."""
    email = "mentor." + "x" * 50 + "@" + ".".join(["virksomhed" + "a" * 50] * 3) + ".dk"
    placement = PlacementFactory(company_mentor=CompanyMentorFactory(email=email))
    weekly_reminders_tick(now=datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("Europe/Copenhagen")))
    row = Message.objects.get(kind=WEEKLY_FOLLOWUP, recipient_email=email)
    # A person's weekly reminder lists their placements: a message about no object.
    expected = idempotency_key_for(kind=WEEKLY_FOLLOWUP, about=None, recipient_email=email, period="2026-W48")
    assert row.idempotency_key == expected
    assert [item[1] for item in row.items] == [placement.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["lars@example.dk", "  Lars.Jensen@Example.DK ", "a" * 200 + "@" + "b" * 80 + ".dk"])
def test_sql_and_python_build_the_same_key_for_a_message_about_no_object(email):
    expression = idempotency_key_sql(kind="%s", app_label=None, model=None, about_id=None, email="%s", period="%s")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}", [WEEKLY_FOLLOWUP, email, "2026-W48"])
        sql_key = cursor.fetchone()[0]
    assert sql_key == idempotency_key_for(kind=WEEKLY_FOLLOWUP, about=None, recipient_email=email, period="2026-W48")
