"""What several of the outbox modules share: the settings, the logger, and the dispatch of send tasks
after the caller's transaction commits."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def _setting(name: str, default):
    return getattr(settings, name, default)


def batch_size() -> int:
    """Ids per Celery task."""
    return _setting("NOTIFICATIONS_BATCH_SIZE", 500)


def chunk_size() -> int:
    """Rows claimed, loaded and marked sent per set-wise statement while sending."""
    return _setting("NOTIFICATIONS_SEND_CHUNK", 500)


def backoff(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: base, 2×base, 4×base … up to the ceiling
    (NOTIFICATIONS_RETRY_CEILING_SECONDS, 1 hour), so a relay that is back is used within that time."""
    base = _setting("NOTIFICATIONS_RETRY_BASE_SECONDS", 60)
    ceiling = _setting("NOTIFICATIONS_RETRY_CEILING_SECONDS", 3600)
    return timedelta(seconds=min(base * 2 ** min(max(attempts - 1, 0), 30), ceiling))


# A message sent again by hand makes sense for this long (its own expiry may have passed: the coordinator
# decides it still matters).
RESEND_LIFETIME = timedelta(days=2)


# --- Dispatch --------------------------------------------------------------------------------------------

_pending = threading.local()


def _dispatch_after_commit(message_ids: list[int]) -> None:
    """Queues the ids; one task per NOTIFICATIONS_BATCH_SIZE ids is sent when the transaction commits.

    A callback is registered per call (cheap) and each flushes everything buffered, so a savepoint that rolls
    back its callback loses nothing; ids of rolled-back rows are harmless (the claim finds no row).
    """
    buffer = getattr(_pending, "ids", None)
    if buffer is None:
        buffer = _pending.ids = []
    buffer.extend(message_ids)
    # robust: a broker outage after commit must not turn the caller's committed change into an error page;
    # the sweep sends the row later.
    transaction.on_commit(_flush_dispatch, robust=True)


def _flush_dispatch() -> None:
    ids = sorted(set(getattr(_pending, "ids", None) or ()))
    _pending.ids = []
    if ids:
        dispatch(ids)


def dispatch(ids: list[int]) -> None:
    """Publishes send tasks for these ids, NOTIFICATIONS_BATCH_SIZE per task (never one task per message)."""
    from notifications.tasks import send_messages

    size = batch_size()
    for start in range(0, len(ids), size):
        send_messages.delay(ids=ids[start : start + size])
