import datetime

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from audit.models import AccessAction, AccessLog, ActivityLog, ArchiveHold, RetentionKind, RetentionRule
from audit.retention import months_before, retention_apply
from audit.services import retention_defaults_ensure
from audit.tasks import retention_run
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory, FollowUpFactory
from corps.models import Mentor
from corps.tests.factories import MentorFactory
from notifications.models import Message

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


def test_defaults_come_with_every_jobcenter(world):
    retention_defaults_ensure(jobcenter=world.jobcenter)
    retention_defaults_ensure(jobcenter=world.jobcenter)  # idempotent
    rules = dict(RetentionRule.objects.filter(jobcenter=world.jobcenter).values_list("kind", "months"))
    assert rules == {"citizen_ended": 60, "mentor_rejected": 6, "access_log": 24, "outbox_message": 12}


def _ended(world, years_ago: int, **kwargs):
    day = timezone.localdate() - datetime.timedelta(days=365 * years_ago + 2)
    return CitizenFactory(jobcenter=world.jobcenter, status="ended", outcome="ordinary_job", outcome_on=day, **kwargs)


def test_daily_job_deletes_expired_cases_but_keeps_archived_and_recent_ones(world):
    old = _ended(world, 6)
    FollowUpFactory(citizen=old)
    kept = _ended(world, 6)
    ArchiveHold.objects.create(jobcenter=world.jobcenter, citizen=kept, reason="Arkivloven")
    recent = _ended(world, 1)
    rejected_old = MentorFactory(
        jobcenter=world.jobcenter, status="rejected", status_changed_at=timezone.now() - datetime.timedelta(days=200)
    )
    rejected_new = MentorFactory(
        jobcenter=world.jobcenter, status="rejected", status_changed_at=timezone.now() - datetime.timedelta(days=20)
    )
    result = retention_run()
    assert result["favrskov"]["citizens"] == 1
    assert result["favrskov"]["mentors"] == 1
    assert not Citizen.objects.filter(pk=old.pk).exists()
    assert not Citizen.history.filter(id=old.pk).exists()
    assert set(Citizen.objects.filter(jobcenter=world.jobcenter).values_list("pk", flat=True)) >= {kept.pk, recent.pk}
    assert not Mentor.objects.filter(pk=rejected_old.pk).exists()
    assert Mentor.objects.filter(pk=rejected_new.pk).exists()
    assert ActivityLog.objects.filter(action="audit.retention.ran", jobcenter=world.jobcenter).count() == 1
    # A second run the same day finds nothing more.
    assert retention_run()["favrskov"]["citizens"] == 0


def test_a_shorter_period_set_by_the_admin_applies(world):
    recent = _ended(world, 1)
    retention_defaults_ensure(jobcenter=world.jobcenter)
    RetentionRule.objects.filter(jobcenter=world.jobcenter, kind=RetentionKind.CITIZEN_ENDED).update(months=6)
    assert retention_apply(jobcenter=world.jobcenter).citizens == 1
    assert not Citizen.objects.filter(pk=recent.pk).exists()


def test_old_access_log_entries_and_messages_go(world):
    now = timezone.now()
    AccessLog.objects.create(
        jobcenter=world.jobcenter, action=AccessAction.VIEW, purpose="x", at=now - datetime.timedelta(days=800)
    )
    new = AccessLog.objects.create(jobcenter=world.jobcenter, action=AccessAction.VIEW, purpose="x")
    other = AccessLog.objects.create(
        jobcenter=world.other_jobcenter, action=AccessAction.VIEW, purpose="x", at=now - datetime.timedelta(days=800)
    )
    common = {"jobcenter": world.jobcenter, "kind": "t", "recipient_email": "a@example.dk", "subject": "s"}
    old_mail = Message.objects.create(
        **common, idempotency_key="1", status="sent", sent_at=now, created_at=now - datetime.timedelta(days=400)
    )
    pending = Message.objects.create(**common, idempotency_key="2", created_at=now - datetime.timedelta(days=400))
    result = retention_apply(jobcenter=world.jobcenter)
    assert result.access_log == 1 and result.messages == 1
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {new.pk, other.pk}
    assert not Message.objects.filter(pk=old_mail.pk).exists()
    assert Message.objects.filter(pk=pending.pk).exists()  # not sent yet: still needed


def test_the_months_are_counted_on_copenhagens_calendar(world):
    """At 01.30 on 31 March in Copenhagen (23.30 UTC on the 30th) a month back is 28 February 01.30: a message
    sent at noon on 28 February is kept. Counted on the UTC calendar the limit was 1 March, a day early."""
    retention_defaults_ensure(jobcenter=world.jobcenter)
    RetentionRule.objects.filter(jobcenter=world.jobcenter, kind=RetentionKind.OUTBOX_MESSAGE).update(months=1)
    noon = datetime.datetime(2026, 2, 28, 12, tzinfo=timezone.get_current_timezone())
    common = {"jobcenter": world.jobcenter, "kind": "t", "recipient_email": "a@example.dk", "subject": "s"}
    kept = Message.objects.create(**common, idempotency_key="1", status="sent", sent_at=noon, created_at=noon)
    early = noon - datetime.timedelta(hours=11)  # 01.00, before the limit
    gone = Message.objects.create(**common, idempotency_key="2", status="sent", sent_at=early, created_at=early)
    with time_machine.travel(datetime.datetime(2026, 3, 30, 23, 30, tzinfo=datetime.UTC), tick=False):
        assert retention_apply(jobcenter=world.jobcenter).messages == 1
    assert Message.objects.filter(pk=kept.pk).exists() and not Message.objects.filter(pk=gone.pk).exists()


@pytest.mark.postgres
def test_retention_deletes_access_log_past_the_trigger_and_the_setting_ends_with_it(world):
    AccessLog.objects.create(
        jobcenter=world.jobcenter,
        action=AccessAction.VIEW,
        purpose="x",
        at=timezone.now() - datetime.timedelta(days=800),
    )
    assert retention_apply(jobcenter=world.jobcenter).access_log == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('mentorship.retention', true)")
        assert cursor.fetchone()[0] in (None, "", "off")
