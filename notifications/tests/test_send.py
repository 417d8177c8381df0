import smtplib
from datetime import timedelta
from itertools import pairwise

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from notifications.models import Message, MessageStatus
from notifications.services import backoff, messages_send, outbox_sweep
from notifications.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


class FlakyConnection:
    """A mail connection that fails with `error` for the first `failures` sends, then delivers."""

    def __init__(self, error: Exception | None = None, failures: int = 0, fail_open: bool = False):
        self.error, self.failures, self.fail_open = error, failures, fail_open
        self.delivered, self.opened, self.closed = [], 0, 0

    def open(self):
        self.opened += 1
        if self.fail_open:
            raise ConnectionRefusedError(111, "Connection refused")

    def close(self):
        self.closed += 1

    def send_messages(self, messages):
        if self.failures:
            self.failures -= 1
            raise self.error
        self.delivered.extend(messages)
        return len(messages)


def test_sends_a_batch_over_one_connection_in_chunks():
    messages = MessageFactory.create_batch(45)
    connection = FlakyConnection()
    with override_settings(NOTIFICATIONS_SEND_CHUNK=20):
        outcome = messages_send(ids=[m.pk for m in messages], connection=connection)
    assert outcome.sent == 45 and outcome.retry_in is None
    assert connection.opened == 1 and connection.closed == 1
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 45
    # A second run finds nothing to send.
    assert messages_send(ids=[m.pk for m in messages], connection=FlakyConnection()).sent == 0


def test_id_range_and_not_yet_due_rows():
    due = MessageFactory.create_batch(3)
    later = MessageFactory(next_attempt_at=timezone.now() + timedelta(hours=1))
    outcome = messages_send(id_range=(due[0].pk, later.pk))
    assert outcome.sent == 3
    later.refresh_from_db()
    assert later.status == MessageStatus.PENDING
    assert len(mail.outbox) == 3


def test_transient_error_backs_off_then_delivers():
    message = MessageFactory()
    error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    outcome = messages_send(ids=[message.pk], connection=FlakyConnection(error, failures=1))
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert outcome.retry_in is not None and outcome.retry_in > timedelta(0)
    assert message.next_attempt_at > timezone.now()
    # Not due yet: nothing happens.
    assert messages_send(ids=[message.pk], connection=FlakyConnection()).sent == 0
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert messages_send(ids=[message.pk], connection=FlakyConnection()).sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 2 and message.last_error == ""


def test_backoff_grows_up_to_the_ceiling():
    with override_settings(NOTIFICATIONS_RETRY_BASE_SECONDS=60, NOTIFICATIONS_RETRY_CEILING_SECONDS=3600):
        assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
        assert backoff(7) == backoff(30) == backoff(10_000) == timedelta(hours=1)


def test_a_relay_outage_never_fails_a_message_and_it_expires_when_it_no_longer_makes_sense():
    """Twelve hours of refused connections: the messages wait (never failed), at most an hour apart, never
    past their expiry; once it has passed the sweep marks them expired, and they are never sent."""
    messages = MessageFactory.create_batch(3, expires_at=timezone.now() + timedelta(hours=10))
    ids = [m.pk for m in messages]
    start = timezone.now()
    moments = []
    with time_machine.travel(start, tick=False) as clock:
        for _attempt in range(40):
            outcome = messages_send(ids=ids, connection=FlakyConnection(fail_open=True))
            if outcome.retry_in is None:
                break
            rows = list(Message.objects.filter(pk__in=ids))
            assert {row.status for row in rows} == {MessageStatus.PENDING}
            assert all(row.next_attempt_at <= row.expires_at for row in rows)
            moments.append(rows[0].next_attempt_at)
            clock.move_to(max(row.next_attempt_at for row in rows))
            outbox_sweep()
        clock.move_to(start + timedelta(hours=12))
        outbox_sweep()
    assert len(moments) >= 12  # retried all along, not given up after half an hour
    gaps = [later - earlier for earlier, later in pairwise(moments)]
    assert max(gaps) <= timedelta(hours=1)
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.EXPIRED}
    assert all("Connection refused" in m.last_error for m in Message.objects.all())
    assert mail.outbox == []


def test_a_message_relayed_after_a_long_outage_is_sent_once_the_relay_is_back():
    message = MessageFactory(expires_at=timezone.now() + timedelta(days=2))
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _attempt in range(10):  # about 8 hours of outage
            messages_send(ids=[message.pk], connection=FlakyConnection(fail_open=True))
            message.refresh_from_db()
            clock.move_to(message.next_attempt_at)
        connection = FlakyConnection()
        assert messages_send(ids=[message.pk], connection=connection).sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 11 and message.last_error == ""
    assert len(connection.delivered) == 1


def test_permanent_error_fails_at_once_and_the_rest_is_sent():
    bad, good = MessageFactory.create_batch(2)
    error = smtplib.SMTPRecipientsRefused({bad.recipient_email: (550, b"No such user")})
    outcome = messages_send(ids=[bad.pk, good.pk], connection=FlakyConnection(error, failures=1))
    assert outcome.sent == 1 and outcome.failed == 1 and outcome.retry_in is None
    bad.refresh_from_db()
    assert bad.status == MessageStatus.FAILED and bad.attempts == 1


def test_temporary_recipient_refusal_is_retried():
    message = MessageFactory()
    error = smtplib.SMTPRecipientsRefused({message.recipient_email: (451, b"Try again later")})
    messages_send(ids=[message.pk], connection=FlakyConnection(error, failures=1))
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and message.attempts == 1


def test_sweep_requeues_only_stale_pending_rows(django_capture_on_commit_callbacks):
    now = timezone.now()
    stale = MessageFactory(next_attempt_at=now - timedelta(minutes=30))
    fresh = MessageFactory(next_attempt_at=now - timedelta(seconds=10))
    MessageFactory(next_attempt_at=now - timedelta(hours=2), status=MessageStatus.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep(now=now) == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == MessageStatus.SENT  # eager task sent it
    assert fresh.status == MessageStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep(now=now) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rows_locked_by_another_worker_are_skipped():
    """Two workers claiming the same ids: the second skips the rows the first holds (SKIP LOCKED)."""
    import threading

    from django.db import connection as default_connection
    from django.db import transaction
    from django_scopes import scopes_disabled

    messages = MessageFactory.create_batch(4)
    ids = [m.pk for m in messages]
    held = threading.Event()
    release = threading.Event()

    def first_worker():
        with scopes_disabled(), transaction.atomic():
            list(Message.objects.filter(pk__in=ids[:2]).select_for_update())
            held.set()
            release.wait(10)
        default_connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    held.wait(10)
    outcome = messages_send(ids=ids, connection=FlakyConnection())
    release.set()
    thread.join()
    assert outcome.sent == 2
    assert set(Message.objects.filter(status=MessageStatus.SENT).values_list("pk", flat=True)) == set(ids[2:])
