"""Text messages with real parts (issue 22): PostgreSQL, our own redis-server, a `celery -A mentorship worker`
subprocess and the fake SMS gateway on the loopback address. The same faults as the weekly reminders': the worker
SIGKILLed mid-batch, the broker restarted while texts wait, the gateway down and then up. Counted at the gateway:
every text sent (none lost), and how often a text's request was repeated (the same reference, which a gateway
that honours Idempotency-Key sends once)."""

import pytest
from django.db import transaction

from accounts.tests.factories import JobcenterFactory
from notifications.channels import sms_reference
from notifications.models import Message, MessageStatus
from notifications.sms_services import sms_enqueue
from notifications.tests.fake_sms_gateway import FakeGateway
from notifications.tests.realparts import free_port, wait_for
from notifications.tests.test_real_parts import (  # noqa: F401  (fixtures)
    _point_app_at,
    _publish,
    _report,
    _sweep_until,
    redis_server,
    smtp,
    start_worker,
)
from notifications.tests.test_sms_outbox import CONTEXT, SMS_KIND

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gateway():
    fake = FakeGateway(port=free_port()).start()
    yield fake
    fake.stop()


def _gateway_env(gateway) -> dict:
    return {
        "SMS_GATEWAY_URL": gateway.url,
        "SMS_GATEWAY_TOKEN": gateway.token,
        "SMS_GATEWAY_TIMEOUT_SECONDS": 2,
        "NOTIFICATIONS_SWEEP_AFTER_SECONDS": 10,
    }


def _texts(count: int) -> list[Message]:
    jobcenter = JobcenterFactory()
    with transaction.atomic():
        texts = [
            sms_enqueue(
                jobcenter=jobcenter,
                kind=SMS_KIND,
                recipient_phone=f"2{index:07d}",
                recipient_name="Lars Jensen",
                context=CONTEXT,
                about=None,
                idempotency_key=f"sms-real:{index}",
            )
            for index in range(count)
        ]
    return texts


def _all_sent(texts) -> bool:
    return Message.objects.filter(pk__in=[t.pk for t in texts], status=MessageStatus.SENT).count() == len(texts)


def test_texts_survive_a_worker_kill(start_worker, gateway, monkeypatch):  # noqa: F811
    from notifications.services import _common

    gateway.delay = 0.05  # a slow gateway, so the kill lands in the middle of a batch
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": 8, "CELERY_TASK_TIME_LIMIT": 10}
    worker = start_worker(NOTIFICATIONS_BATCH_SIZE=50, **_gateway_env(gateway), **limits)
    # Published below with a 10 s hard limit in the task message, so a dead worker's claims end after 12 s
    # (the commit's own publish carries none: the worker's default, 300 s, would hold them for 302 s).
    monkeypatch.setattr(_common, "_dispatch_after_commit", lambda ids: None)
    texts = _texts(200)
    _publish(texts, size=50, hard=10)
    wait_for(lambda: len(gateway.sent) >= 30, timeout=60, message="the first texts")
    worker.kill()
    assert len(gateway.sent) < 200, "the kill came too late to prove anything"
    start_worker(NOTIFICATIONS_BATCH_SIZE=50, **_gateway_env(gateway), **limits)
    try:
        _sweep_until(lambda: _all_sent(texts), timeout=150, message="all 200 texts sent after the restart")
    except AssertionError:
        rows = Message.objects.filter(pk__in=[t.pk for t in texts]).exclude(status=MessageStatus.SENT)
        print(list(rows.values_list("status", "attempts", "next_attempt_at", "last_error")[:10]), len(gateway.sent))
        raise
    tally = gateway.tally([sms_reference(Message.objects.get(pk=t.pk)) for t in texts])
    _report("texts, worker killed (SIGKILL, 2 pool processes)", tally)
    assert tally["lost"] == 0 and tally["sent"] == 200
    # Only the text in flight in each killed pool process can be asked for again (same reference).
    assert tally["repeated requests"] <= 2, tally


def test_texts_survive_a_broker_restart(redis_server, start_worker, gateway):  # noqa: F811
    texts = _texts(30)  # no worker yet: the send tasks wait in Redis
    redis_server.stop()
    redis_server.start()
    _point_app_at(redis_server.url)
    start_worker(**{**_gateway_env(gateway), "NOTIFICATIONS_SWEEP_AFTER_SECONDS": 3600})  # only the broker's queue
    wait_for(lambda: _all_sent(texts), timeout=60, message="all 30 texts sent")
    tally = gateway.tally([sms_reference(t) for t in texts])
    _report("texts, broker restarted while they waited", tally)
    assert tally["lost"] == 0 and tally["repeated requests"] == 0


def test_texts_survive_the_gateway_down_then_up(start_worker, gateway):  # noqa: F811
    start_worker(NOTIFICATIONS_RETRY_BASE_SECONDS=1, **_gateway_env(gateway))
    gateway.stop()
    texts = _texts(40)
    wait_for(
        lambda: Message.objects.filter(pk__in=[t.pk for t in texts], attempts__gte=1).count() == 40,
        timeout=60,
        message="every text tried while the gateway is down",
    )
    assert not Message.objects.filter(pk__in=[t.pk for t in texts], status=MessageStatus.SENT).exists()
    assert gateway.sent == {}
    gateway.start()  # the same port: the workers' configured URL answers again
    _sweep_until(lambda: _all_sent(texts), timeout=120, message="all 40 texts sent once the gateway is back")
    tally = gateway.tally([sms_reference(t) for t in texts])
    _report("texts, gateway down then up", tally)
    assert tally["lost"] == 0 and tally["repeated requests"] == 0
