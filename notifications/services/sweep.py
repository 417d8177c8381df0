"""The sweep: expiring messages whose lifetime is over and sending what is due again."""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from notifications.models import Message, MessageStatus
from notifications.services._common import _setting, batch_size, dispatch, logger
from notifications.services.send import journal_replay

# --- Sweep ---------------------------------------------------------------------------------------------


def messages_expire(*, now: datetime | None = None) -> int:
    """Marks pending rows past their expiry as expired (the outbox shows why: their kind's lifetime). A row
    put off by backoff is due again at its expiry at the latest, so the due-rows index finds them all."""
    now = now or timezone.now()
    with scopes_disabled():
        expired = Message.objects.filter(
            status=MessageStatus.PENDING, next_attempt_at__lte=now, expires_at__lte=now
        ).update(status=MessageStatus.EXPIRED)
    if expired:
        logger.warning("Outbox: %d messages expired unsent", expired)
    return expired


def outbox_sweep(*, now: datetime | None = None) -> int:
    """Expires the pending rows that no longer make sense, then re-queues pending rows that are due but that no
    task has picked up for NOTIFICATIONS_SWEEP_AFTER_SECONDS (a crash between commit and publish, a lost broker
    message, a task stopped by its time limit). Their due time is moved to now, so the next sweep does not queue
    them again while they wait in the queue. Returns how many were re-queued."""
    now = now or timezone.now()
    journal_replay()  # before re-queuing: a stopped worker's accepted messages are marked sent, not sent again
    messages_expire(now=now)
    stale_before = now - timedelta(seconds=_setting("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 300))
    total = 0
    with scopes_disabled():
        while True:
            with transaction.atomic():
                ids = list(
                    Message.objects.filter(status=MessageStatus.PENDING, next_attempt_at__lt=stale_before)
                    .select_for_update(skip_locked=True)
                    .order_by("pk")
                    .values_list("pk", flat=True)[: batch_size()]
                )
                if not ids:
                    break
                Message.objects.filter(pk__in=ids).update(next_attempt_at=now)
                transaction.on_commit(partial(dispatch, ids))
            total += len(ids)
    if total:
        logger.info("Outbox sweep re-queued %d pending messages", total)
    return total
