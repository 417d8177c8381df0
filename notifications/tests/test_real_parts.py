"""End-to-end proofs with real parts: PostgreSQL (the test database, committed data), our own redis-server,
an aiosmtpd sink and a `celery -A mentorship worker` subprocess. Skipped without PostgreSQL and Redis
(REDIS_URL only gates the run; these tests start their own redis-server on a free port), failed under CI."""

import logging
import shutil
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from kombu import pools as kombu_pools

from accounts.tests.factories import JobcenterFactory
from mentorship.celery import app
from notifications.fanout import WEEKLY_FOLLOWUP, due_at, period_of, weekly_reminders_create
from notifications.models import Message, MessageStatus, ReminderSchedule
from notifications.selectors import messages_delayed
from notifications.services import dispatch, message_enqueue
from notifications.tasks import send_messages, sweep_outbox, weekly_followup_reminders
from notifications.tests.factories import TEMPLATES, TEST_KIND, MessageFactory, PlacementFactory
from notifications.tests.realparts import RedisServer, SmtpSink, Worker, database_url, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

CPH = ZoneInfo("Europe/Copenhagen")


def _point_app_at(url: str) -> None:
    """This test process publishes to our own Redis (the settings were read before it existed).

    kombu keeps connection and producer pools in process-wide registries keyed by the broker URL; closing
    only the app's pool would leave a closed pool registered for the old URL, and every later publish to
    it (eager tasks still acquire a producer) would fail with "Acquire on closed pool". reset() closes and
    forgets them all."""
    kombu_pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"visibility_timeout": 3600}


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server binary")
    server = RedisServer()
    server.start()
    previous = app.conf.broker_url, app.conf.broker_transport_options
    _point_app_at(server.url)
    app.conf.task_always_eager = False
    yield server
    server.close()
    _point_app_at(previous[0])
    app.conf.broker_transport_options = previous[1]


@pytest.fixture
def smtp():
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    sink = SmtpSink(delay=0.005)
    yield sink
    sink.stop()


@pytest.fixture
def start_worker(redis_server, smtp):
    workers = []

    def _start(**env) -> Worker:
        worker = Worker(
            env={
                "DJANGO_SETTINGS_MODULE": "mentorship.settings_test",
                "DATABASE_URL": database_url(connection.settings_dict),
                "REDIS_URL": redis_server.url,
                "EMAIL_BACKEND": "smtp",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp.port),
                "EMAIL_TIMEOUT_SECONDS": "5",
                "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
                # A killed worker's claims end 2 s after the hard time limit instead of 30 s (the setting).
                "NOTIFICATIONS_LEASE_MARGIN_SECONDS": "2",
                **{key: str(value) for key, value in env.items()},
            }
        )
        workers.append(worker)
        worker.start()
        return worker

    yield _start
    for worker in workers:
        worker.close()


def _enqueue(jobcenter, email: str) -> Message:
    return message_enqueue(
        jobcenter=jobcenter,
        kind=TEST_KIND,
        recipient_email=email,
        recipient_name="Lars Jensen",
        context={"name": "Lars Jensen", "title": "Netværksmøde"},
        about=None,
        idempotency_key=f"real:{email}",
        **TEMPLATES,
    )


def _statuses(ids) -> dict:
    return dict(Message.objects.filter(pk__in=ids).values_list("pk", "status"))


def test_committed_message_is_delivered_and_a_rolled_back_one_never(start_worker, smtp):
    smtp.start()
    start_worker()
    jobcenter = MessageFactory().jobcenter  # a committed jobcenter (and one unrelated pending row)
    with pytest.raises(RuntimeError), transaction.atomic():
        _enqueue(jobcenter, "rulles-tilbage@example.dk")
        raise RuntimeError("the caller's change failed")
    with transaction.atomic():
        committed = _enqueue(jobcenter, "sendes@example.dk")
    wait_for(lambda: smtp.count(committed) == 1, timeout=30, message="delivery of the committed message")
    time.sleep(1)  # time for a wrongly published rolled-back message to arrive
    assert not Message.objects.filter(recipient_email="rulles-tilbage@example.dk").exists()
    assert smtp.total() == 1
    committed.refresh_from_db()
    assert committed.status == MessageStatus.SENT


def _this_weeks_tick(jobcenter) -> str:
    """A tick moment in the current ISO week after the jobcenter's reminders are due (Monday 00:00): the worker
    runs on the real clock, and a reminder of a week that is over expires instead of being sent."""
    ReminderSchedule.objects.create(jobcenter=jobcenter, weekday=0, hour=0)
    now = timezone.now().astimezone(CPH)
    due = due_at(period=period_of(now.date()), weekday=0, hour=0)
    if due > now:
        pytest.skip("Monday is a public holiday and today is that Monday: this week's reminders are not due yet")
    return now.isoformat()


def test_weekly_task_run_twice_at_once_creates_and_sends_each_reminder_once(start_worker, smtp):
    smtp.start()
    first = PlacementFactory(starts_on=timezone.localdate() - timedelta(days=30))
    placements = [first] + [
        PlacementFactory(jobcenter=first.jobcenter, starts_on=first.starts_on) for _index in range(4)
    ]
    now = _this_weeks_tick(first.jobcenter)
    start_worker()
    # Two ticks at once (concurrency 2), as two beat processes would send them.
    weekly_followup_reminders.delay(now=now)
    weekly_followup_reminders.delay(now=now)
    rows = Message.objects.filter(kind=WEEKLY_FOLLOWUP)
    wait_for(lambda: smtp.total() >= 10, timeout=60, message="10 reminders delivered")
    time.sleep(1)
    assert rows.count() == 10
    assert set(rows.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert set(smtp.counts().values()) == {1}
    assert {item[1] for row in rows for item in row.items} == {p.pk for p in placements}


def _publish(messages, *, size: int, hard: int) -> None:
    """Send tasks with short time limits (they travel with the task message, from the publisher's settings)."""
    ids = [m.pk for m in messages]
    for start in range(0, len(ids), size):
        send_messages.apply_async(kwargs={"ids": ids[start : start + size]}, soft_time_limit=hard - 2, time_limit=hard)


def _sweep_until(predicate, *, timeout: float, message: str) -> None:
    """What beat does every minute, every 2 s: the sweep re-queues rows whose claim died with a worker."""

    def swept():
        if predicate():
            return True
        sweep_outbox.delay()
        time.sleep(1.9)
        return predicate()

    wait_for(swept, timeout=timeout, message=message)


def test_worker_killed_mid_batch_then_restarted_delivers_all(start_worker, smtp):
    smtp.recorder.delay = 0.02  # slow SMTP so the kill lands in the middle of a batch
    smtp.start()
    jobcenter = JobcenterFactory()
    messages = MessageFactory.create_batch(400, jobcenter=jobcenter)
    # A 10 s hard limit: a dead worker's claims (the limit and the 2 s lease margin) end after 12 s.
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": 8, "CELERY_TASK_TIME_LIMIT": 10}
    worker = start_worker(NOTIFICATIONS_BATCH_SIZE=100, NOTIFICATIONS_SWEEP_AFTER_SECONDS=10, **limits)
    _publish(messages, size=100, hard=10)
    wait_for(lambda: smtp.total() >= 80, timeout=60, message="the first deliveries")
    worker.kill()
    delivered_before = smtp.total()
    assert delivered_before < 400, "the kill came too late to prove anything"
    # The unacked tasks return to the queue after Redis' visibility timeout (1 h); the sweep re-queues the
    # rows long before: once their claim has ended and they have been due NOTIFICATIONS_SWEEP_AFTER_SECONDS.
    start_worker(NOTIFICATIONS_BATCH_SIZE=100, NOTIFICATIONS_SWEEP_AFTER_SECONDS=10, **limits)
    _sweep_until(
        lambda: Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.SENT).count() == 400,
        timeout=120,
        message="all 400 sent after restart",
    )
    time.sleep(1)
    tally = smtp.tally(messages)
    _report("worker killed (SIGKILL, 2 pool processes)", tally)
    assert tally["lost"] == 0
    # At most the one message in flight in each of the 2 killed pool processes.
    assert tally["duplicates"] <= 2, tally


def test_cut_database_connections_repeat_at_most_one_message_per_process(start_worker, smtp):
    """The worker's PostgreSQL connections are terminated twice while it sends: a task whose connection is gone
    retries with a new one; the message in hand when the connection went (accepted by the relay, not marked)
    is the only one that can be sent twice."""
    smtp.recorder.delay = 0.02
    smtp.start()
    jobcenter = JobcenterFactory()
    messages = MessageFactory.create_batch(400, jobcenter=jobcenter)
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": 8, "CELERY_TASK_TIME_LIMIT": 10}
    start_worker(NOTIFICATIONS_BATCH_SIZE=100, NOTIFICATIONS_SWEEP_AFTER_SECONDS=10, **limits)
    _publish(messages, size=100, hard=10)
    cuts = 0
    for threshold in (60, 160):
        wait_for(lambda threshold=threshold: smtp.total() >= threshold, timeout=60, message="deliveries")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            cuts += cursor.fetchone()[0]
    assert cuts >= 2, "no worker connection was cut: the test proves nothing"
    _sweep_until(
        lambda: Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.SENT).count() == 400,
        timeout=150,
        message="all 400 sent after the cuts",
    )
    time.sleep(1)
    tally = smtp.tally(messages)
    _report("worker's database connections cut twice (2 pool processes)", {**tally, "connections cut": cuts})
    assert tally["lost"] == 0
    # At most the message in hand of each of the 2 pool processes, at each of the 2 cuts.
    assert tally["duplicates"] <= 4, tally


def test_redis_restart_while_messages_wait_loses_nothing(redis_server, start_worker, smtp):
    smtp.start()
    jobcenter = MessageFactory().jobcenter
    with transaction.atomic():
        messages = [_enqueue(jobcenter, f"venter{index}@example.dk") for index in range(30)]
    # No worker yet: the tasks wait in Redis. Restart it (SIGTERM; appendonly yes keeps the queue).
    redis_server.stop()
    redis_server.start()
    _point_app_at(redis_server.url)
    # The sweep is set far away, so only the broker's own queue can deliver these.
    start_worker(NOTIFICATIONS_SWEEP_AFTER_SECONDS=3600)
    wait_for(
        lambda: set(_statuses([m.pk for m in messages]).values()) == {MessageStatus.SENT},
        timeout=60,
        message="all 30 sent",
    )
    assert all(smtp.count(m) == 1 for m in messages)


def _weekly_world(people: int):
    """`people` placements in one jobcenter, each with its own job consultant and company mentor, and one
    consultant with three more: 2 × people + 1 persons, one weekly reminder each."""
    from accounts.tests.factories import UserFactory

    first = PlacementFactory(starts_on=timezone.localdate() - timedelta(days=30))
    jobcenter = first.jobcenter
    for _index in range(people - 1):
        PlacementFactory(jobcenter=jobcenter, starts_on=first.starts_on)
    busy = UserFactory()
    for _index in range(3):
        PlacementFactory(jobcenter=jobcenter, starts_on=first.starts_on, responsible=busy)
    return jobcenter, busy


def _weekly_tally(smtp, jobcenter, busy, people: int) -> dict:
    rows = list(Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP))
    recipients = [row.recipient_email.lower() for row in rows]
    assert len(rows) == len(set(recipients)) == 2 * people + 3 + 1  # one per person
    mine = next(row for row in rows if row.recipient_email == busy.email)
    assert len(mine.items) == 3  # the busy consultant's one message lists all three
    return smtp.tally(rows)


def test_weekly_reminders_survive_a_worker_kill(start_worker, smtp):
    """Issue 22: the weekly tick makes one message per person; the worker is SIGKILLed while it sends them and
    started again. Every person gets their one message: none lost, at most the one in flight per pool process
    repeated (with the same Message-ID)."""
    smtp.recorder.delay = 0.05  # slow SMTP so the kill lands in the middle of the sending
    smtp.start()
    people = 60
    jobcenter, busy = _weekly_world(people)
    now = _this_weeks_tick(jobcenter)
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": 8, "CELERY_TASK_TIME_LIMIT": 10}
    settings = {"NOTIFICATIONS_BATCH_SIZE": 40, "NOTIFICATIONS_SWEEP_AFTER_SECONDS": 10, **limits}
    worker = start_worker(**settings)
    weekly_followup_reminders.apply_async(kwargs={"now": now})
    wait_for(lambda: smtp.total() >= 20, timeout=60, message="the first weekly reminders")
    worker.kill()
    assert smtp.total() < 2 * people, "the kill came too late to prove anything"
    start_worker(**settings)
    rows = Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP)
    _sweep_until(
        lambda: rows.exists() and not rows.exclude(status=MessageStatus.SENT).exists(),
        timeout=150,
        message="every weekly reminder sent after the restart",
    )
    time.sleep(1)
    # A second tick in the same week (beat after the restart) creates nothing.
    weekly_followup_reminders.apply(kwargs={"now": now})
    tally = _weekly_tally(smtp, jobcenter, busy, people)
    _report("weekly reminders, one per person, worker killed (SIGKILL, 2 pool processes)", tally)
    assert tally["lost"] == 0
    assert tally["duplicates"] <= 2, tally


def test_weekly_reminders_survive_a_broker_restart(redis_server, start_worker, smtp):
    """The weekly tick waits in Redis when Redis is restarted (appendonly yes keeps it); the worker started
    afterwards runs it: one message per person, each delivered once, with no help from the sweep."""
    smtp.start()
    people = 30
    jobcenter, busy = _weekly_world(people)
    now = _this_weeks_tick(jobcenter)
    weekly_followup_reminders.apply_async(kwargs={"now": now})
    redis_server.stop()
    redis_server.start()
    _point_app_at(redis_server.url)
    start_worker(NOTIFICATIONS_SWEEP_AFTER_SECONDS=3600)
    rows = Message.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP)
    wait_for(
        lambda: rows.exists() and not rows.exclude(status=MessageStatus.SENT).exists(),
        timeout=90,
        message="every weekly reminder sent",
    )
    time.sleep(1)
    tally = _weekly_tally(smtp, jobcenter, busy, people)
    _report("weekly reminders, one per person, Redis restarted while the tick waited", tally)
    assert tally == {"messages": 2 * people + 4, "delivered": 2 * people + 4, "duplicates": 0, "lost": 0}


def test_daily_digests_survive_a_worker_kill(start_worker, smtp):
    """Issue 22: the daily digest is built by the worker from the held hand-off messages, one per person, and
    the worker is SIGKILLed while it sends them. Every person gets their one digest (none lost, at most the one
    in flight per pool process repeated); a second tick the same day builds nothing."""
    from notifications.digest import DAILY_DIGEST
    from notifications.tasks import daily_digests

    smtp.recorder.delay = 0.05
    smtp.start()
    jobcenter = JobcenterFactory()
    ReminderSchedule.objects.create(jobcenter=jobcenter, hour=0)
    people = 80
    earlier = timezone.now() - timedelta(minutes=30)
    for index in range(people):
        MessageFactory.create_batch(
            2,
            jobcenter=jobcenter,
            status=MessageStatus.HELD,
            recipient_email=f"person{index}@example.dk",
            subject="Ny borger henvist",
            created_at=earlier,
        )
    now = timezone.now().astimezone(CPH).isoformat()
    settings = {"NOTIFICATIONS_BATCH_SIZE": 20, "NOTIFICATIONS_SWEEP_AFTER_SECONDS": 10}
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": 8, "CELERY_TASK_TIME_LIMIT": 10}
    worker = start_worker(**settings, **limits)
    daily_digests.apply_async(kwargs={"now": now})
    wait_for(lambda: smtp.total() >= 15, timeout=60, message="the first digests")
    worker.kill()
    assert smtp.total() < people, "the kill came too late to prove anything"
    start_worker(**settings, **limits)
    digests = Message.objects.filter(jobcenter=jobcenter, kind=DAILY_DIGEST)
    _sweep_until(
        lambda: digests.count() == people and not digests.exclude(status=MessageStatus.SENT).exists(),
        timeout=150,
        message="every digest sent after the restart",
    )
    time.sleep(1)
    daily_digests.apply(kwargs={"now": now})  # the same day again: nothing new
    assert digests.count() == people
    assert set(digests.values_list("recipient_email", flat=True)) == {f"person{i}@example.dk" for i in range(people)}
    held = Message.objects.filter(jobcenter=jobcenter).exclude(kind=DAILY_DIGEST)
    assert set(held.values_list("status", flat=True)) == {MessageStatus.DIGESTED}
    tally = smtp.tally(list(digests))
    _report("daily digests, one per person, worker killed (SIGKILL, 2 pool processes)", tally)
    assert tally["lost"] == 0
    assert tally["duplicates"] <= 2, tally


def _report(scenario: str, numbers: dict) -> None:
    """The numbers of a fault scenario, in the test output (`pytest -s`) and the log."""
    line = f"[outbox fault] {scenario}: " + ", ".join(f"{key} {value}" for key, value in numbers.items())
    print(line)
    logging.getLogger(__name__).warning(line)


def _attempts(ids) -> list[int]:
    return list(Message.objects.filter(pk__in=ids, status=MessageStatus.PENDING).values_list("attempts", flat=True))


def test_a_two_hour_relay_outage_loses_nothing(start_worker, smtp):
    """The relay refuses connections, then answers 451 for a while, then comes back. Retries are accelerated
    (base 1 s, ceiling 2 s) and the clock of the rows is moved two hours on: every message is retried far past
    the old give-up point (6 attempts), the coordinators are warned, nothing fails, and when the relay is back
    each message is delivered once. One message whose lifetime ends during the outage expires instead."""
    jobcenter = JobcenterFactory()
    later = timezone.now() + timedelta(days=1)
    messages = MessageFactory.create_batch(300, jobcenter=jobcenter, expires_at=later)
    short_lived = MessageFactory(jobcenter=jobcenter, expires_at=timezone.now() + timedelta(seconds=3))
    ids = [m.pk for m in messages]
    start_worker(
        NOTIFICATIONS_BATCH_SIZE=100, NOTIFICATIONS_RETRY_CEILING_SECONDS=2, NOTIFICATIONS_SWEEP_AFTER_SECONDS=10
    )
    dispatch([*ids, short_lived.pk])
    # Relay down (connection refused): well past the 6 attempts after which the old code gave up.
    wait_for(lambda: min(_attempts(ids) or [0]) >= 8, timeout=90, message="8 refused attempts per message")
    # Two hours on: the rows have waited since then.
    Message.objects.filter(jobcenter=jobcenter).update(created_at=F("created_at") - timedelta(hours=2))
    time.sleep(3)
    sweep_outbox.apply()  # in this process: expires the short-lived row (its expiry has passed)
    short_lived.refresh_from_db()
    assert short_lived.status == MessageStatus.EXPIRED and short_lived.sent_at is None
    assert messages_delayed(jobcenter=jobcenter).count() == 300  # the start page and the outbox warn
    # The relay answers, but only "451 try again later".
    smtp.recorder.reply = "451 4.3.0 Try again later"
    smtp.start()
    wait_for(
        lambda: Message.objects.filter(pk__in=ids, last_error__contains="451").count() == 300,
        timeout=60,
        message="451 replies recorded",
    )
    attempts = _attempts(ids)
    assert len(attempts) == 300 and min(attempts) >= 9
    assert not Message.objects.filter(status=MessageStatus.FAILED).exists()
    # Back to normal.
    smtp.recorder.reply = None
    wait_for(
        lambda: Message.objects.filter(pk__in=ids, status=MessageStatus.SENT).count() == 300,
        timeout=90,
        message="all 300 sent once the relay is back",
    )
    time.sleep(1)
    tally = smtp.tally(messages)
    _report(
        "relay down, then 451, then back (2 hours moved)",
        {**tally, "attempts (max)": max(attempts), "expired as planned": 1},
    )
    assert tally == {"messages": 300, "delivered": 300, "duplicates": 0, "lost": 0}
    assert smtp.count(short_lived) == 0
    assert messages_delayed(jobcenter=jobcenter).count() == 0


def test_a_slow_relay_past_the_soft_time_limit_loses_nothing(start_worker, smtp):
    """Every message takes 0.1 s, and the relay hangs for 6 s before acknowledging every 20th (which it has
    received), with a 4 s soft and 8 s hard time limit. A task stops claiming before its soft limit; a hang that
    outlasts it rolls back only the message in hand, which is sent again (with the same Message-ID). Nothing
    is lost or failed, and each soft limit repeats at most that one message."""
    smtp.recorder.delay = 0.1
    smtp.recorder.stall_every = 20
    smtp.recorder.stall_seconds = 6
    smtp.start()
    jobcenter = JobcenterFactory()
    messages = MessageFactory.create_batch(100, jobcenter=jobcenter, expires_at=timezone.now() + timedelta(days=1))
    worker = start_worker(
        NOTIFICATIONS_BATCH_SIZE=50, CELERY_TASK_SOFT_TIME_LIMIT=4, CELERY_TASK_TIME_LIMIT=8, EMAIL_TIMEOUT_SECONDS=20
    )
    # The time limits travel with the task message (the publisher's settings): publish with the short ones.
    for start in (0, 50):
        batch = [m.pk for m in messages[start : start + 50]]
        send_messages.apply_async(kwargs={"ids": batch}, soft_time_limit=4, time_limit=8)
    wait_for(
        lambda: not Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.PENDING).exists(),
        timeout=180,
        message="no message left pending",
    )
    tally = smtp.tally(messages)
    soft_limits = worker.log_count("Soft time limit")
    hard_kills = worker.log_count("Hard time limit")
    _report(
        "slow relay (0.1 s each, a 6 s hang after every 20th; soft limit 4 s, hard 8 s)",
        {**tally, "soft limits hit": soft_limits, "processes killed": hard_kills},
    )
    assert soft_limits >= 1, "the relay never held a task past its soft limit: the test proves nothing"
    assert tally["lost"] == 0 and tally["delivered"] == 100
    assert set(Message.objects.filter(jobcenter=jobcenter).values_list("status", flat=True)) == {MessageStatus.SENT}
    assert tally["duplicates"] <= soft_limits + hard_kills, tally


def test_a_reminder_whose_context_is_gone_fails_alone_in_the_worker(start_worker, smtp):
    smtp.start()
    first = PlacementFactory()
    placements = [first] + [PlacementFactory(jobcenter=first.jobcenter) for _index in range(24)]
    today = timezone.localdate()
    with transaction.atomic():
        ids = weekly_reminders_create(
            jobcenter_id=first.jobcenter_id, period=period_of(today), on=today, now=timezone.now()
        )
    assert len(ids) == 50
    gone = placements[3]
    type(gone).objects.filter(pk=gone.pk).delete()
    start_worker()
    dispatch(ids)
    rows = Message.objects.filter(pk__in=ids)
    wait_for(lambda: not rows.filter(status=MessageStatus.PENDING).exists(), timeout=60, message="all 50 handled")
    failed = rows.filter(status=MessageStatus.FAILED)
    assert {item[1] for row in failed for item in row.items} == {gone.pk}
    assert failed.count() == 2 and all("No context" in row.last_error for row in failed)
    assert rows.filter(status=MessageStatus.SENT).count() == 48
    _report("one reminder's placement deleted before sending", {"sent": 48, "failed": failed.count()})
    assert smtp.total() == 48


def test_old_read_inbox_items_are_deleted_by_the_worker(start_worker):
    """The daily inbox clean-up, as beat sends it, run by the worker: read items older than
    INBOX_READ_RETENTION_DAYS (here 30) go in every jobcenter, unread and recent ones stay; run again, it
    deletes nothing more."""
    from inbox.models import InboxItem
    from inbox.tasks import delete_old_read_items
    from inbox.tests.factories import item_for

    now = timezone.now()
    old, recent = now - timedelta(days=31), now - timedelta(days=29)
    kept, gone = [], []
    for _jobcenter in range(2):
        placement = PlacementFactory()
        for index in range(50):
            user = placement.responsible
            gone.append(item_for(user, placement, key=f"gone:{index}", created_at=old, read_at=old).pk)
            kept.append(item_for(user, placement, key=f"unread:{index}", created_at=old).pk)
            kept.append(item_for(user, placement, key=f"recent:{index}", created_at=recent, read_at=recent).pk)
    start_worker(INBOX_READ_RETENTION_DAYS=30)
    delete_old_read_items.apply_async()
    wait_for(lambda: not InboxItem.objects.filter(pk__in=gone).exists(), timeout=60, message="the old read items")
    assert set(InboxItem.objects.values_list("pk", flat=True)) == set(kept)
    delete_old_read_items.apply_async()
    time.sleep(3)  # time for the second run to delete anything it wrongly would
    assert InboxItem.objects.count() == len(kept) == 200
