"""Every write to the outbox: enqueueing a message, sending claimed batches, the sweep, resending.

Guarantees:
- `message_enqueue` writes the row in the caller's transaction; a second call with the same idempotency key
  is a no-op that returns the existing row; after the caller commits, a Celery task sends it. A rolled-back
  transaction leaves no row and sends nothing.
- `messages_send` claims pending rows with SELECT ... FOR UPDATE SKIP LOCKED in chunks, sends each chunk over
  one mail connection per batch, and marks the chunk sent in the same transaction that holds the claim.
  A crash rolls the claim back: the rows are pending again and are sent by the redelivered task or the sweep.
  The only duplicates possible are the messages of the chunk in flight when a worker died (SMTP accepted them,
  the transaction marking them sent did not commit): at most NOTIFICATIONS_SEND_CHUNK per killed process.
"""

import logging
import smtplib
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django_scopes import scopes_disabled

from audit.services import activity_record
from notifications import kinds
from notifications.models import Message, MessageStatus, ReminderSchedule
from notifications.rendering import email_for, render, render_fast

logger = logging.getLogger(__name__)


def _setting(name: str, default):
    return getattr(settings, name, default)


def max_attempts() -> int:
    return _setting("NOTIFICATIONS_MAX_ATTEMPTS", 6)


def batch_size() -> int:
    """Ids per Celery task."""
    return _setting("NOTIFICATIONS_BATCH_SIZE", 500)


def chunk_size() -> int:
    """Rows per claim-send-mark transaction: the largest possible duplicate window per killed worker."""
    return _setting("NOTIFICATIONS_SEND_CHUNK", 50)


def backoff(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: base, 2×base, 4×base … capped at 6 hours."""
    base = _setting("NOTIFICATIONS_RETRY_BASE_SECONDS", 60)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def idempotency_key_for(*, kind: str, about: models.Model | None, recipient_email: str, period: str) -> str:
    """The default key: kind + the object it is about + recipient + period. The weekly fan-out builds the same
    string in SQL (notifications.fanout), so both paths deduplicate against each other."""
    about_part = f"{about._meta.app_label}.{about._meta.model_name}:{about.pk}" if about is not None else "-"
    return f"{kind}:{about_part}:{recipient_email.strip().lower()}:{period}"[:255]


# --- Enqueue -------------------------------------------------------------------------------------------

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


@transaction.atomic
def message_enqueue(
    *,
    jobcenter,
    kind: str,
    recipient_email: str,
    recipient_name: str,
    subject_template: str,
    text_template: str,
    html_template: str | None,
    context: dict,
    about: models.Model | None,
    period: str = "",
    idempotency_key: str | None = None,
    attachments: list[tuple[str, str, str]] = (),
) -> Message:
    """Writes one message to the outbox in the caller's transaction and sends it after commit.

    The templates are rendered now, in Danish; a rendering that contains a CPR number raises
    SensitiveDataError and nothing is written. A duplicate idempotency key (default: kind + about + recipient +
    period) is a no-op returning the existing row. `kind` must be registered in notifications.kinds.
    Attachments are (filename, content, mimetype), e.g. ("kursus.ics", ics, "text/calendar; method=REQUEST").
    """
    kinds.get(kind)
    key = idempotency_key or idempotency_key_for(kind=kind, about=about, recipient_email=recipient_email, period=period)
    with scopes_disabled():
        existing = Message.objects.filter(jobcenter=jobcenter, idempotency_key=key).first()
        if existing is not None:
            return existing
        subject, text, html = render(
            subject_template=subject_template, text_template=text_template, html_template=html_template, context=context
        )
        message = Message(
            jobcenter=jobcenter,
            kind=kind,
            recipient_email=recipient_email.strip(),
            recipient_name=recipient_name.strip(),
            subject=subject,
            body_text=text,
            body_html=html,
            attachments=[list(attachment) for attachment in attachments],
            about_type=ContentType.objects.get_for_model(about) if about is not None else None,
            about_id=about.pk if about is not None else None,
            period=period,
            idempotency_key=key,
        )
        # ON CONFLICT DO NOTHING: a concurrent transaction inserting the same key makes this a no-op (it waits
        # for that transaction, then reads its row) instead of an IntegrityError that would abort the caller.
        Message.objects.bulk_create([message], ignore_conflicts=True)
        message = Message.objects.get(jobcenter=jobcenter, idempotency_key=key)
    if message.status == MessageStatus.PENDING:
        _dispatch_after_commit([message.pk])
    return message


# --- Send ----------------------------------------------------------------------------------------------


@dataclass
class SendOutcome:
    sent: int = 0
    failed: int = 0
    retry_in: timedelta | None = None  # set when a transient error stopped the batch
    errors: list[str] = field(default_factory=list)


def _is_transient(error: Exception) -> bool:
    """Connection trouble and 4xx replies are worth retrying; 5xx replies (bad address, refused) are not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPException, OSError))


def deferred_contexts(messages) -> dict[int, dict]:
    """{message pk: context} for the messages that the SQL fan-out created unrendered, one load per kind."""
    by_kind: dict[str, list] = {}
    for message in messages:
        if not message.is_rendered:
            by_kind.setdefault(message.kind, []).append(message)
    contexts: dict[int, dict] = {}
    for key, group in by_kind.items():
        kind = kinds.get(key)
        if kind.deferred_context:
            contexts.update(kind.deferred_context(group))
    return contexts


# What a kind's deferred_context may read of a message (see MessageKind.deferred_context).
_CONTEXT_FIELDS = ("id", "kind", "is_rendered", "about_type_id", "about_id", "recipient_name", "period")


def _batch_contexts(ids: list[int]) -> dict[int, dict]:
    """The contexts of a whole batch of ids, loaded once before its chunks are claimed (two queries instead of
    one per chunk). Read without locks: the fields used never change after the row is written, and what the
    row is about is read moments before it is sent, as it would be inside the claim."""
    rows = Message.objects.filter(pk__in=ids, is_rendered=False, status=MessageStatus.PENDING).only(*_CONTEXT_FIELDS)
    return deferred_contexts(list(rows))


def render_deferred(messages: list[Message], contexts: dict[int, dict] | None = None) -> None:
    """Rows created by the SQL fan-out are rendered at send time, per kind, with one context load per batch.
    The rendering lives only in memory (is_rendered stays False): storing a body per reminder would write
    hundreds of megabytes a week; the outbox page renders such a row again when a coordinator opens it.
    ``contexts`` holds contexts loaded before (by pk); the messages it lacks are loaded now."""
    contexts = contexts or {}
    missing = [message for message in messages if not message.is_rendered and message.pk not in contexts]
    if missing:
        contexts = {**contexts, **deferred_contexts(missing)}
    for message in messages:
        if not message.is_rendered:
            kind = kinds.get(message.kind)
            context = contexts.get(message.pk)
            if context is None:
                raise LookupError(f"No context for deferred message {message.pk} ({message.kind}).")
            message.subject, message.body_text, message.body_html = render_fast(kind=kind, context=context)


def _claims(ids: list[int] | None, id_range: tuple[int, int] | None, limit: int):
    """Yields a function per chunk that claims it (inside the caller's transaction). Id lists are claimed in
    slices (a primary-key lookup each); a range is walked with a cursor."""

    def pending(now):
        return Message.objects.filter(status=MessageStatus.PENDING, next_attempt_at__lte=now).select_for_update(
            skip_locked=True, of=("self",)
        )

    def by_ids(now, chunk):
        # Lock by primary key only, then keep the due pending rows: a plan that cannot wander onto the
        # pending-rows index (whose statistics lag right after a big fan-out). A locked row's status is its
        # latest committed one, so a row another worker has just sent is seen as sent and left alone.
        rows = Message.objects.filter(pk__in=chunk).select_for_update(skip_locked=True, of=("self",)).order_by("pk")
        return [row for row in rows if row.status == MessageStatus.PENDING and row.next_attempt_at <= now]

    if ids is not None:
        ordered = sorted(set(ids))
        for start in range(0, len(ordered), limit):
            yield lambda now, chunk=ordered[start : start + limit]: by_ids(now, chunk)
        return
    cursor = [id_range[0]]

    def claim_range(now):
        rows = list(pending(now).filter(pk__gte=cursor[0], pk__lte=id_range[1]).order_by("pk")[:limit])
        if rows:
            cursor[0] = rows[-1].pk + 1
        return rows

    while cursor[0] <= id_range[1]:
        yield claim_range


def _record_failure(messages: list[Message], error: Exception, *, transient: bool, now: datetime) -> None:
    limit = max_attempts()
    for message in messages:
        message.attempts += 1
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if not transient or message.attempts >= limit:
            message.status = MessageStatus.FAILED
        else:
            message.next_attempt_at = now + backoff(message.attempts)
    Message.objects.bulk_update(messages, ["attempts", "last_error", "status", "next_attempt_at"])


def messages_send(
    *, ids: list[int] | None = None, id_range: tuple[int, int] | None = None, connection=None
) -> SendOutcome:
    """Sends the due pending messages among `ids` (or in the inclusive `id_range`).

    Claims NOTIFICATIONS_SEND_CHUNK rows at a time with FOR UPDATE SKIP LOCKED (rows another worker holds
    are skipped: it sends them), sends them over one connection for the whole batch, and marks them sent in
    the claiming transaction. A transient SMTP error counts an attempt for the unsent rows of the chunk, sets
    their next attempt by backoff and stops the batch (outcome.retry_in); after NOTIFICATIONS_MAX_ATTEMPTS,
    or on a permanent error, a row is failed.
    """
    if ids is None and id_range is None:
        raise ValueError("messages_send needs ids or an id range.")
    outcome = SendOutcome()
    connection = connection or get_connection(fail_silently=False)
    opened = False
    try:
        with scopes_disabled():
            contexts = _batch_contexts(ids) if ids is not None else {}
            for claim in _claims(ids, id_range, chunk_size()):
                with transaction.atomic():
                    now = timezone.now()
                    claimed = claim(now)
                    if not claimed:
                        if id_range is not None:
                            break
                        continue
                    try:
                        render_deferred(claimed, contexts)
                    except Exception as error:  # a broken template must fail its rows, not the queue
                        logger.exception("Rendering outbox messages failed")
                        _record_failure(claimed, error, transient=False, now=now)
                        outcome.failed += len(claimed)
                        continue
                    sent: list[int] = []
                    stop: tuple[Exception, list[Message]] | None = None
                    for index, message in enumerate(claimed):
                        try:
                            if not opened:
                                connection.open()
                                opened = True
                            connection.send_messages([email_for(message)])
                        except Exception as error:
                            if _is_transient(error):
                                stop = (error, claimed[index:])
                                break
                            _record_failure([message], error, transient=False, now=now)
                            outcome.failed += 1
                            outcome.errors.append(str(error))
                        else:
                            sent.append(message.pk)
                    if sent:
                        Message.objects.filter(pk__in=sent).update(
                            status=MessageStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
                        )
                    outcome.sent += len(sent)
                    if stop is not None:
                        error, unsent = stop
                        logger.warning("Transient mail error, %d messages wait for a retry: %s", len(unsent), error)
                        _record_failure(unsent, error, transient=True, now=now)
                        outcome.failed += sum(1 for m in unsent if m.status == MessageStatus.FAILED)
                        waiting = [m.next_attempt_at for m in unsent if m.status == MessageStatus.PENDING]
                        # Connection state is unknown after a transient error: stop; the retry opens a new one.
                        outcome.retry_in = (min(waiting) - now) if waiting else timedelta(0)
                        outcome.errors.append(str(error))
                        break
    finally:
        if opened:
            try:
                connection.close()
            except Exception:  # closing a broken connection must not hide the outcome
                logger.warning("Closing the mail connection failed", exc_info=True)
    return outcome


# --- Sweep ---------------------------------------------------------------------------------------------


def outbox_sweep(*, now: datetime | None = None) -> int:
    """Re-queues pending rows that are due but that no task has picked up for NOTIFICATIONS_SWEEP_AFTER_SECONDS
    (a crash between commit and publish, a lost broker message). Their due time is moved to now, so the next
    sweep does not queue them again while they wait in the queue. Returns how many were re-queued."""
    now = now or timezone.now()
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
                transaction.on_commit(lambda ids=ids: dispatch(ids))
            total += len(ids)
    if total:
        logger.info("Outbox sweep re-queued %d pending messages", total)
    return total


# --- Coordinator actions -------------------------------------------------------------------------------


@transaction.atomic
def message_resend(*, actor, message: Message) -> Message:
    """A coordinator sends a failed (or sent) message again: it becomes pending with fresh attempts."""
    message = Message.objects.select_for_update().get(pk=message.pk, jobcenter=message.jobcenter)
    previous = message.status
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.PENDING,
        attempts=0,
        last_error="",
        sent_at=None,
        next_attempt_at=timezone.now(),
    )
    message.refresh_from_db()
    activity_record(actor=actor, action="notifications.message.resend", obj=message, data={"previous_status": previous})
    _dispatch_after_commit([message.pk])
    return message


@transaction.atomic
def reminder_schedule_update(*, actor, jobcenter, weekday: int, hour: int, is_active: bool) -> ReminderSchedule:
    """Sets when the jobcenter's weekly reminders and daily notices go out (one row per jobcenter). A change
    takes effect from the next beat tick; a week already sent is not sent again (its run marker stays)."""
    schedule, _created = ReminderSchedule.objects.update_or_create(
        jobcenter=jobcenter, defaults={"weekday": weekday, "hour": hour, "is_active": is_active}
    )
    activity_record(
        actor=actor,
        action="notifications.schedule.updated",
        obj=schedule,
        jobcenter=jobcenter,
        data={"weekday": weekday, "hour": hour, "is_active": is_active},
    )
    return schedule
