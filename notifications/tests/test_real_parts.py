"""End-to-end proofs with real parts: PostgreSQL (the test database, committed data), our own redis-server,
an aiosmtpd sink and a `celery -A mentorship worker` subprocess. Skipped without PostgreSQL and Redis
(REDIS_URL only gates the run; these tests start their own redis-server on a free port), failed under CI."""

import logging
import shutil
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection, transaction
from kombu import pools as kombu_pools

from accounts.tests.factories import JobcenterFactory
from mentorship.celery import app
from notifications.fanout import WEEKLY_FOLLOWUP
from notifications.models import Message, MessageStatus
from notifications.services import dispatch, message_enqueue
from notifications.tasks import sweep_outbox, weekly_followup_reminders
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


def test_weekly_task_run_twice_at_once_creates_and_sends_each_reminder_once(start_worker, smtp):
    smtp.start()
    placements = [PlacementFactory(starts_on=date(2026, 10, 1), ends_on=date(2027, 1, 31)) for _index in range(5)]
    start_worker()
    now = datetime(2026, 11, 23, 7, 1, tzinfo=CPH).isoformat()
    # Two ticks at once (concurrency 2), as two beat processes would send them.
    weekly_followup_reminders.delay(now=now)
    weekly_followup_reminders.delay(now=now)
    rows = Message.objects.filter(kind=WEEKLY_FOLLOWUP)
    wait_for(lambda: smtp.total() >= 10, timeout=60, message="10 reminders delivered")
    time.sleep(1)
    assert rows.count() == 10
    assert set(rows.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert set(smtp.counts().values()) == {1}
    assert {row.about_id for row in rows} == {p.pk for p in placements}


def test_worker_killed_mid_batch_then_restarted_delivers_all(start_worker, smtp):
    smtp.recorder.delay = 0.02  # slow SMTP so the kill lands in the middle of a batch
    smtp.start()
    jobcenter = JobcenterFactory()
    messages = MessageFactory.create_batch(400, jobcenter=jobcenter)
    worker = start_worker(NOTIFICATIONS_BATCH_SIZE=100, NOTIFICATIONS_SWEEP_AFTER_SECONDS=10)
    dispatch([m.pk for m in messages])
    wait_for(lambda: smtp.total() >= 80, timeout=60, message="the first deliveries")
    worker.kill()
    delivered_before = smtp.total()
    assert delivered_before < 400, "the kill came too late to prove anything"
    # The unacked tasks return to the queue after Redis' visibility timeout (1 h); the sweep re-queues the
    # rows long before: their due time is older than NOTIFICATIONS_SWEEP_AFTER_SECONDS.
    time.sleep(10)
    start_worker(NOTIFICATIONS_BATCH_SIZE=100, NOTIFICATIONS_SWEEP_AFTER_SECONDS=10)
    sweep_outbox.delay()
    wait_for(
        lambda: Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.SENT).count() == 400,
        timeout=90,
        message="all 400 sent after restart",
    )
    counts = smtp.counts()
    assert all(counts[f"{m.jobcenter_id}-{m.pk}"] >= 1 for m in messages)
    duplicates = sum(count - 1 for count in counts.values())
    # The documented window: the chunk in flight in each of the 2 killed pool processes.
    assert duplicates <= 2 * settings.NOTIFICATIONS_SEND_CHUNK, f"{duplicates} duplicates"


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


def test_smtp_down_then_up_retries_and_delivers_then_fails_after_max_attempts(start_worker, smtp):
    start_worker(NOTIFICATIONS_MAX_ATTEMPTS=4)
    jobcenter = MessageFactory(status=MessageStatus.FAILED, attempts=4, last_error="old").jobcenter
    with transaction.atomic():
        first = [_enqueue(jobcenter, f"forsinket{index}@example.dk") for index in range(3)]
    wait_for(
        lambda: all(m.attempts >= 2 for m in Message.objects.filter(pk__in=[m.pk for m in first])),
        timeout=30,
        message="two failed attempts while SMTP is down",
    )
    assert set(_statuses([m.pk for m in first]).values()) == {MessageStatus.PENDING}
    smtp.start()
    wait_for(lambda: all(smtp.count(m) == 1 for m in first), timeout=30, message="delivery once SMTP is back")
    # The rows are marked sent when the chunk's transaction commits, just after the sink has the last one.
    wait_for(
        lambda: set(_statuses([m.pk for m in first]).values()) == {MessageStatus.SENT},
        timeout=10,
        message="marked sent after delivery",
    )
    assert all(smtp.count(m) == 1 for m in first)

    smtp.stop()
    with transaction.atomic():
        doomed = _enqueue(jobcenter, "opgivet@example.dk")
    wait_for(
        lambda: Message.objects.get(pk=doomed.pk).status == MessageStatus.FAILED,
        timeout=40,
        message="failed after max attempts",
    )
    doomed.refresh_from_db()
    assert doomed.attempts == 4
    assert "Connection refused" in doomed.last_error or "ConnectionRefused" in doomed.last_error
