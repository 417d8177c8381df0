"""Every write to the outbox: enqueueing a message, sending claimed batches, the sweep, resending.

Guarantees:
- `message_enqueue` writes the row in the caller's transaction; a second call with the same idempotency key
  is a no-op that returns the existing row; after the caller commits, a Celery task sends it. A rolled-back
  transaction leaves no row and sends nothing. `messages_enqueue` does the same for a set of messages in a fixed
  number of queries (one INSERT … ON CONFLICT DO NOTHING for all of them, one dispatch after commit).
- `messages_send` claims rows in chunks by a lease (FOR UPDATE SKIP LOCKED, next attempt moved past the task's
  hard time limit) with one statement, sends them one at a time over one mail connection per batch, writes
  each accepted one to the process's sent journal (notifications.journal) and marks the chunk sent with one
  statement. A crash leaves the unsent rows pending; they are sent when the lease ends (by the sweep), and the
  journal's rows are marked sent before that. The only duplicate possible is the message in flight when a
  worker died (SMTP accepted it, the journal write did not happen): at most one per killed process, and it
  carries the same Message-ID, so a receiving system can drop it.
- Temporary errors only delay a message (backoff up to NOTIFICATIONS_RETRY_CEILING_SECONDS); it is failed by a
  permanent (5xx) error or a context that cannot be built, and expires, unsent, when its kind's lifetime is over
  (`notifications.kinds.Lifetime`), e.g. a weekly reminder when its week is over.

A package by sub-domain (enqueue, send, sweep, actions; settings and dispatch shared in _common); this
module re-exports every public name, so `from notifications import services; services.x(...)` works as
before.
"""

from notifications.services._common import (
    RESEND_LIFETIME,
    backoff,
    batch_size,
    chunk_size,
    dispatch,
    logger,
)
from notifications.services.actions import (
    delivery_preferences_update,
    message_resend,
    reminder_schedule_update,
)
from notifications.services.enqueue import (
    Outgoing,
    message_enqueue,
    messages_enqueue,
)
from notifications.services.send import (
    SendOutcome,
    TimeBudget,
    default_lease,
    deferred_contexts,
    journal_replay,
    lease_for,
    messages_send,
    render_deferred,
)
from notifications.services.sweep import (
    messages_expire,
    outbox_sweep,
)

__all__ = [
    "RESEND_LIFETIME",
    "Outgoing",
    "SendOutcome",
    "TimeBudget",
    "backoff",
    "batch_size",
    "chunk_size",
    "default_lease",
    "deferred_contexts",
    "delivery_preferences_update",
    "dispatch",
    "journal_replay",
    "lease_for",
    "logger",
    "message_enqueue",
    "message_resend",
    "messages_enqueue",
    "messages_expire",
    "messages_send",
    "outbox_sweep",
    "reminder_schedule_update",
    "render_deferred",
]
