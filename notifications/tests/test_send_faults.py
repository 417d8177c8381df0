"""Sending under faults, in-process: what a time limit, a broken row, an out-of-step relay and a resend do to the
outbox. The same faults with a real worker and a real SMTP server are in test_real_parts.py."""

import os
import smtplib
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.message_kinds import INVITATION, course_starts_at
from courses.tests.factories import CourseFactory, InvitationFactory
from notifications import kinds
from notifications.fanout import WEEKLY_FOLLOWUP, weekly_reminders_create
from notifications.models import Message, MessageStatus
from notifications.rendering import email_for
from notifications.services import TimeBudget, message_enqueue, message_resend, messages_send, outbox_sweep
from notifications.tests.factories import TEMPLATES, TEST_KIND, MessageFactory, PlacementFactory
from notifications.tests.test_send import FlakyConnection

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0700 = datetime(2026, 11, 23, 7, 0, tzinfo=CPH)  # ISO week 48


class ScriptedConnection(FlakyConnection):
    """Raises the scripted error for the n-th send (0-based) and delivers the others."""

    def __init__(self, errors: dict[int, BaseException]):
        super().__init__()
        self.errors, self.calls = errors, 0

    def send_messages(self, messages):
        call, self.calls = self.calls, self.calls + 1
        if call in self.errors:
            raise self.errors[call]
        self.delivered.extend(messages)
        return len(messages)


def _statuses(messages) -> list[str]:
    by_pk = dict(Message.objects.filter(pk__in=[m.pk for m in messages]).values_list("pk", "status"))
    return [by_pk[m.pk] for m in messages]


@time_machine.travel(MONDAY_0700, tick=False)
def test_a_reminder_whose_context_is_gone_fails_alone():
    placements = [PlacementFactory()]
    placements += [PlacementFactory(jobcenter=placements[0].jobcenter) for _ in range(24)]
    ids = weekly_reminders_create(
        jobcenter_id=placements[0].jobcenter_id, period="2026-W48", on=MONDAY_0700.date(), now=MONDAY_0700
    )
    assert len(ids) == 50
    gone = placements[7]
    broken = [row.pk for row in Message.objects.filter(kind=WEEKLY_FOLLOWUP) if row.items[0][1] == gone.pk]
    # The placement is deleted between the fan-out and the send: its two people's reminders list nothing else
    # and cannot be built.
    type(gone).objects.filter(pk=gone.pk).delete()
    outcome = messages_send(ids=ids)
    assert outcome.sent == 48 and outcome.failed == 2
    failed = Message.objects.filter(status=MessageStatus.FAILED)
    assert set(failed.values_list("pk", flat=True)) == set(broken)
    assert all("No context" in row.last_error for row in failed)
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 48
    assert len(mail.outbox) == 48


@time_machine.travel(MONDAY_0700, tick=False)
def test_a_weekly_reminder_leaves_out_a_placement_gone_since_the_fanout():
    first = PlacementFactory()
    second = PlacementFactory(jobcenter=first.jobcenter, responsible=first.responsible)
    ids = weekly_reminders_create(
        jobcenter_id=first.jobcenter_id, period="2026-W48", on=MONDAY_0700.date(), now=MONDAY_0700
    )
    assert len(ids) == 3  # the consultant's one, and each company mentor's
    type(second).objects.filter(pk=second.pk).delete()
    outcome = messages_send(ids=ids)
    assert outcome.sent == 2 and outcome.failed == 1  # the second's company mentor had nothing else
    consultant = next(email for email in mail.outbox if first.responsible.email in email.to[0])
    assert "disse 1 forløb" in consultant.body and f"/forloeb/{first.pk}/" in consultant.body
    assert f"/forloeb/{second.pk}/" not in consultant.body


def test_a_soft_time_limit_during_a_send_is_not_a_send_failure():
    messages = MessageFactory.create_batch(4)
    connection = ScriptedConnection({2: SoftTimeLimitExceeded()})
    with pytest.raises(SoftTimeLimitExceeded):
        messages_send(ids=[m.pk for m in messages], connection=connection)
    assert _statuses(messages) == ["sent", "sent", "pending", "pending"]
    in_hand = Message.objects.get(pk=messages[2].pk)
    # Rolled back: no attempt counted, no error recorded; it is sent again, with the same Message-ID.
    assert in_hand.attempts == 0 and in_hand.last_error == ""
    assert connection.closed == 1  # dropped, not reused


def test_a_batch_near_its_time_limit_stops_claiming_and_leaves_the_rest_pending():
    messages = MessageFactory.create_batch(5)
    connection = ScriptedConnection({})
    original = connection.send_messages

    def slow(batch):
        time.sleep(0.05)
        return original(batch)

    connection.send_messages = slow
    # 0.32 s left, and a send takes 0.05 s: the budget keeps 2 × the slowest send (or 0.2 s) in reserve.
    budget = TimeBudget(ends_at=time.monotonic() + 0.32, reserve=0.2)
    outcome = messages_send(ids=[m.pk for m in messages], connection=connection, budget=budget)
    assert outcome.unfinished
    assert 1 <= outcome.sent < 5
    assert _statuses(messages).count("sent") == outcome.sent
    rest = Message.objects.filter(status=MessageStatus.PENDING)
    assert rest.count() == 5 - outcome.sent
    assert all(row.attempts == 0 and row.next_attempt_at <= timezone.now() for row in rest)  # untouched, due


def test_after_any_smtp_error_the_connection_is_reopened_and_the_rest_is_sent():
    messages = MessageFactory.create_batch(4)
    # A 250 where a 354 was expected: the conversation is out of step. Not the message's fault: it waits.
    out_of_step = smtplib.SMTPDataError(250, b"2.0.0 OK")
    refused = smtplib.SMTPRecipientsRefused({messages[2].recipient_email: (550, b"No such user")})
    connection = ScriptedConnection({0: out_of_step, 2: refused})
    outcome = messages_send(ids=[m.pk for m in messages], connection=connection)
    assert _statuses(messages) == ["pending", "sent", "failed", "sent"]
    assert outcome.sent == 2 and outcome.failed == 1 and outcome.delayed == 1
    assert connection.opened == 3  # one at the start, a new one after each error


def test_a_temporary_refusal_of_one_recipient_delays_that_message_only():
    messages = MessageFactory.create_batch(3)
    greylisted = smtplib.SMTPRecipientsRefused({messages[0].recipient_email: (451, b"Greylisted")})
    outcome = messages_send(ids=[m.pk for m in messages], connection=ScriptedConnection({0: greylisted}))
    assert _statuses(messages) == ["pending", "sent", "sent"]
    assert outcome.retry_in is None and outcome.delayed == 1


def test_relay_down_puts_off_the_whole_batch_in_one_go():
    messages = MessageFactory.create_batch(6)
    with time_machine.travel(timezone.now(), tick=False):
        outcome = messages_send(ids=[m.pk for m in messages], connection=FlakyConnection(fail_open=True))
        assert outcome.retry_in is not None and outcome.delayed == 6
        rows = Message.objects.all()
        assert {(row.status, row.attempts) for row in rows} == {(MessageStatus.PENDING, 1)}
        assert all(row.next_attempt_at > timezone.now() for row in rows)
        # The sweep leaves rows that wait for their retry alone.
        assert outbox_sweep() == 0


def test_message_id_is_stable_per_row_and_new_for_a_deliberate_resend(settings):
    settings.SITE_URL = "https://mentor.favrskov.dk"
    message = MessageFactory(status=MessageStatus.SENT)
    first = email_for(message).message()["Message-ID"]
    assert first == email_for(Message.objects.get(pk=message.pk)).message()["Message-ID"]
    assert first.endswith("@mentor.favrskov.dk>") and str(message.pk) in first
    message_resend(actor=None, message=message)
    assert email_for(Message.objects.get(pk=message.pk)).message()["Message-ID"] != first


def test_a_delivered_message_carries_its_message_id_on_the_wire():
    message = MessageFactory()
    messages_send(ids=[message.pk])
    assert mail.outbox[0].extra_headers["Message-ID"] == email_for(message).extra_headers["Message-ID"]


def test_lifetimes_weekly_until_the_week_ends_default_a_week_course_until_it_starts():
    weekly = kinds.get(WEEKLY_FOLLOWUP).lifetime
    assert weekly.expires_at(about=None, period="2026-W48", created_at=MONDAY_0700) == datetime(
        2026, 11, 30, 0, 0, tzinfo=CPH
    )
    # Pushed into week 53 by Christmas: it lasts that week out.
    pushed = datetime(2026, 12, 28, 7, 0, tzinfo=CPH)
    assert weekly.expires_at(about=None, period="2026-W52", created_at=pushed) == datetime(2027, 1, 4, tzinfo=CPH)
    test_kind = kinds.get(TEST_KIND).lifetime
    assert test_kind.expires_at(about=None, period="", created_at=MONDAY_0700) == MONDAY_0700 + kinds.DEFAULT_MAX_AGE

    course = CourseFactory(days_ahead=10)
    invitation = InvitationFactory(course=course)
    starts = course_starts_at(invitation)
    assert starts.date() == course.first_day and starts.hour == 9
    lifetime = kinds.get(INVITATION).lifetime
    assert lifetime.expires_at(about=invitation, period="", created_at=timezone.now()) == starts


def test_enqueue_stores_the_expiry_and_an_expired_message_shows_why(world, login):
    with time_machine.travel(MONDAY_0700, tick=False):
        message = message_enqueue(
            jobcenter=world.jobcenter,
            kind=TEST_KIND,
            recipient_email="lars@example.dk",
            recipient_name="Lars Jensen",
            context={"name": "Lars Jensen", "title": "Netværksmøde"},
            about=None,
            **TEMPLATES,
        )
    message.refresh_from_db()
    assert message.expires_at == MONDAY_0700 + kinds.DEFAULT_MAX_AGE
    Message.objects.filter(pk=message.pk).update(last_error="SMTPServerDisconnected: Connection unexpectedly closed")
    outbox_sweep()  # the clock is past the expiry (the test was enqueued "on 23 November")
    message.refresh_from_db()
    assert message.status == MessageStatus.EXPIRED
    client = login(world.coordinator)
    page = client.get(reverse("notifications:detail", kwargs={"pk": message.pk})).content.decode()
    assert "Udløbet" in page and str(kinds.DEFAULT_LIFETIME.reason) in page and "SMTPServerDisconnected" in page
    assert "Send igen" in page
    client.post(reverse("notifications:resend", kwargs={"pk": message.pk}))
    message.refresh_from_db()
    assert message.status in {MessageStatus.PENDING, MessageStatus.SENT} and message.expires_at > timezone.now()


def test_outbox_and_start_page_warn_when_the_relay_holds_messages_up(world, login):
    error = "ConnectionRefusedError: [Errno 111] Connection refused"
    MessageFactory(jobcenter=world.jobcenter, last_error=error, attempts=1)  # a moment ago: no alarm yet
    client = login(world.coordinator)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "forsinket, fordi mailserveren" not in page
    MessageFactory.create_batch(
        2, jobcenter=world.jobcenter, last_error=error, attempts=5, created_at=timezone.now() - timedelta(hours=2)
    )
    MessageFactory(jobcenter=world.other_jobcenter, last_error=error, created_at=timezone.now() - timedelta(hours=2))
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "2 beskeder er forsinket, fordi mailserveren" in page and "Connection refused" in page
    todo = {item.key: item.count for item in client.get(reverse("home")).context["todo"]}
    assert todo["messages_delayed"] == 2


def test_a_dead_workers_journal_marks_its_accepted_messages_sent_and_nothing_else(settings, tmp_path):
    """A killed worker's journal names the messages the relay accepted in its last chunk; the next send task or
    sweep marks exactly those sent (they still hold that chunk's lease), before the lease ends."""
    from notifications import journal
    from notifications.services import journal_replay
    from notifications.services.send import _claim

    settings.NOTIFICATIONS_JOURNAL_DIR = tmp_path
    messages = MessageFactory.create_batch(5)
    rows, lease_at = _claim(ids=[m.pk for m in messages], id_range=(0, 0), limit=10, lease=timedelta(minutes=5))
    assert [row.pk for row in rows] == [m.pk for m in messages]
    # The dead process's file: not locked, the lease line, then the three messages the relay had accepted.
    folder = journal.directory()
    folder.mkdir(parents=True)
    accepted = [m.pk for m in messages[:3]]
    text = f"L {lease_at.isoformat()}\n" + "".join(f"{pk}\n" for pk in accepted) + "12"  # a cut-off last line
    (folder / "other-host-1234-x.journal").write_text(text)
    # One of them was claimed again since (a different lease): it is not touched.
    Message.objects.filter(pk=accepted[2]).update(next_attempt_at=lease_at + timedelta(seconds=1))
    assert journal_replay() == 2
    assert _statuses(messages) == ["sent", "sent", "pending", "pending", "pending"]
    assert not list(folder.iterdir())  # replayed once, then gone
    assert outbox_sweep() == 0 and journal_replay() == 0


def test_a_killed_chunk_repeats_at_most_the_message_in_flight(settings, tmp_path):
    """In-process picture of a SIGKILL: the relay accepts three messages, then the process dies before the
    chunk's UPDATE (simulated by a BaseException the send loop does not handle and a database that refuses
    the mark). Its journal marks the three sent; only the one in flight is left to be sent again."""
    from notifications import journal as journal_module
    from notifications.services import send as send_module

    settings.NOTIFICATIONS_JOURNAL_DIR = tmp_path
    messages = MessageFactory.create_batch(6)

    class Killed(BaseException):
        pass

    connection = ScriptedConnection({3: Killed()})
    original = send_module._mark_rows_sent

    def refused(ids, lease_at=None):
        if lease_at is None:
            raise Killed
        return original(ids, lease_at)

    send_module._mark_rows_sent = refused
    try:
        with pytest.raises(Killed):
            messages_send(ids=[m.pk for m in messages], connection=connection)
    finally:
        send_module._mark_rows_sent = original
    assert _statuses(messages) == ["pending"] * 6 and len(connection.delivered) == 3
    # The process is gone: its file is no longer locked. Another process replays it.
    own = journal_module.journal()
    os.close(own.fd)
    own.fd, own.path, own.dirty = None, None, False
    assert send_module.journal_replay() == 3
    assert _statuses(messages) == ["sent"] * 3 + ["pending"] * 3
