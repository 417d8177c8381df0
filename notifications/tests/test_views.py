from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from audit.models import AccessLog, ActivityLog
from notifications.models import MessageStatus
from notifications.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [2, 40])
def test_outbox_has_a_fixed_query_count(world, login, django_assert_max_num_queries, rows):
    MessageFactory.create_batch(rows, jobcenter=world.jobcenter)
    MessageFactory.create_batch(3, jobcenter=world.jobcenter, status=MessageStatus.FAILED, attempts=6)
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("notifications:outbox")).status_code == 200
    with django_assert_max_num_queries(9):
        response = client.get(reverse("notifications:outbox"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows + 3
    assert response.context["summary"]["failed"] == 3
    assert response.context["next_weekly"] is not None
    # Filtered, the list is counted by its own COUNT(*).
    with django_assert_max_num_queries(10):
        response = client.get(reverse("notifications:outbox"), {"status": "failed"})
    assert response.context["page"].paginator.count == 3


def test_the_outbox_counts_every_status_and_the_list_once_each(world, login):
    """The summary's counts per status come from one GROUP BY, and the unfiltered list's total from their sum
    (no second COUNT): both must equal what a COUNT of the jobcenter's rows says."""
    for status, count in ((MessageStatus.SENT, 4), (MessageStatus.FAILED, 2), (MessageStatus.EXPIRED, 1)):
        MessageFactory.create_batch(count, jobcenter=world.jobcenter, status=status)
    retry_at = timezone.now() + timedelta(hours=1)
    MessageFactory.create_batch(3, jobcenter=world.jobcenter, status=MessageStatus.PENDING, next_attempt_at=retry_at)
    for status in (MessageStatus.HELD, MessageStatus.DIGESTED, MessageStatus.INBOX_ONLY):
        MessageFactory(jobcenter=world.jobcenter, status=status)
    MessageFactory.create_batch(5, jobcenter=world.other_jobcenter, status=MessageStatus.FAILED)
    client = login(world.coordinator)
    for query in ({}, {"status": "", "kind": "", "period": "", "q": ""}, {"side": "1"}):
        response = client.get(reverse("notifications:outbox"), query)
        summary = response.context["summary"]
        assert (summary["pending"], summary["sent"], summary["failed"], summary["expired"]) == (3, 4, 2, 1)
        assert (summary["held"], summary["digested"], summary["inbox"]) == (1, 1, 1)
        assert summary["total"] == response.context["page"].paginator.count == 13
        assert summary["delayed"] == 0 and summary["next_retry"] == retry_at
    assert client.get(reverse("notifications:outbox"), {"status": "sent"}).context["page"].paginator.count == 4
    assert client.get(reverse("notifications:outbox"), {"q": "nobody"}).context["page"].paginator.count == 0


def test_outbox_filters_by_kind_status_and_period(world, login):
    MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.FAILED, period="2026-W47")
    MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.SENT, period="2026-W48")
    MessageFactory(jobcenter=world.other_jobcenter, status=MessageStatus.FAILED, period="2026-W47")
    client = login(world.coordinator)
    response = client.get(reverse("notifications:outbox"), {"status": "failed", "period": "2026-W47"})
    assert [m.status for m in response.context["page"].object_list] == ["failed"]
    response = client.get(reverse("notifications:outbox"), {"kind": "notifications.test_invitation"})
    assert response.context["page"].paginator.count == 2  # never the other jobcenter's


def test_detail_logs_access_and_resend_makes_a_failed_message_pending(world, login, django_capture_on_commit_callbacks):
    message = MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.FAILED, attempts=6, last_error="Nej")
    client = login(world.coordinator)
    response = client.get(reverse("notifications:detail", kwargs={"pk": message.pk}))
    assert response.status_code == 200 and b"Send igen" in response.content
    assert AccessLog.objects.filter(object_id=str(message.pk)).exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("notifications:resend", kwargs={"pk": message.pk}))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and message.attempts == 0
    assert ActivityLog.objects.filter(action="notifications.message.resend").exists()
    assert callbacks  # the send task is published after commit


def test_resend_of_another_jobcenters_message_is_404(world, login):
    message = MessageFactory(jobcenter=world.other_jobcenter, status=MessageStatus.FAILED)
    response = login(world.coordinator).post(reverse("notifications:resend", kwargs={"pk": message.pk}))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def test_caseworker_cannot_resend(world, login):
    message = MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.FAILED)
    response = login(world.caseworker).post(reverse("notifications:resend", kwargs={"pk": message.pk}))
    assert response.status_code == 403


def test_detail_of_a_fanout_row_renders_its_text_again(world, login):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from notifications.fanout import weekly_reminders_tick
    from notifications.models import Message
    from notifications.tests.factories import PlacementFactory

    PlacementFactory(jobcenter=world.jobcenter)
    weekly_reminders_tick(now=datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("Europe/Copenhagen")))
    message = Message.objects.filter(jobcenter=world.jobcenter).first()
    response = login(world.coordinator).get(reverse("notifications:detail", kwargs={"pk": message.pk}))
    assert "Det er tid til den ugentlige opfølgning" in response.content.decode()


def test_detail_shows_the_next_attempt_of_a_pending_message_and_why_an_expired_one_was_not_sent(world, login):
    client = login(world.coordinator)
    pending = MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.PENDING)
    expired = MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.EXPIRED)
    sent = MessageFactory(jobcenter=world.jobcenter, status=MessageStatus.SENT)
    pages = {
        message.status: client.get(reverse("notifications:detail", kwargs={"pk": message.pk})).content.decode()
        for message in (pending, expired, sent)
    }
    assert "Næste forsøg" in pages["pending"] and "Hvorfor udløbet" not in pages["pending"]
    assert "Hvorfor udløbet" in pages["expired"] and escape(str(expired.expiry_reason)) in pages["expired"]
    assert "Næste forsøg" not in pages["expired"]
    assert "Næste forsøg" not in pages["sent"] and "Hvorfor udløbet" not in pages["sent"]
