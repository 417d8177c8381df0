"""Sending claimed batches: the lease claim, one mail connection per batch, the sent journal, backoff and
failure."""

import json
import smtplib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import get_connection
from django.db import DatabaseError, InterfaceError, OperationalError, connection, models, transaction
from django.db.models import F, Q, Value
from django.db.models.base import ModelState
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django_scopes import scopes_disabled

from notifications import channels, kinds
from notifications.journal import journal, replay
from notifications.models import Message, MessageStatus
from notifications.rendering import render_fast
from notifications.services._common import _setting, backoff, chunk_size, logger
from texts.selectors import email_openings

# --- Send ----------------------------------------------------------------------------------------------


@dataclass
class SendOutcome:
    sent: int = 0
    failed: int = 0
    delayed: int = 0  # rows put off after a temporary error (they are retried until they expire)
    retry_in: timedelta | None = None  # set when the relay could not be reached: the batch waits that long
    unfinished: bool = False  # the time budget ran out: the rows not yet tried are still pending, untouched
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TimeBudget:
    """When the task running a batch is asked to stop (its soft time limit, on time.monotonic()). The batch stops
    claiming once the time left is less than `reserve` or twice the slowest send so far, so the message in hand
    is finished, not cut off mid-conversation (which could send it twice or leave the relay out of step)."""

    ends_at: float
    reserve: float

    def exhausted(self, slowest_send: float) -> bool:
        return time.monotonic() + max(self.reserve, 2 * slowest_send) >= self.ends_at


def _relay_trouble(error: Exception) -> bool:
    """True when the error says nothing about this message but about the relay (connection refused or lost, a
    timeout, a 4xx reply outside RCPT TO): the messages after it would fail the same way, so they wait too."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) or channels.is_sms_error(error):
        return False  # a text's trouble delays that text only: the e-mails and texts after it go on
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPException, OSError))


def _is_transient(error: Exception) -> bool:
    """Anything but a 5xx reply is worth retrying: connection trouble, 4xx replies, and replies that make no
    sense at that point of the conversation (a 250 or 354 where another was expected means the conversation
    was out of step; the connection is reopened). 5xx replies (bad address, refused content) are final.
    A text (notifications.channels): the gateway down, slow or answering 5xx/429 is worth retrying, a 4xx not."""
    if channels.is_sms_error(error):
        return channels.sms_error_is_transient(error)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
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
    if contexts:
        # Each jobcenter's own opening of the kind, or the product's (texts), one query for the batch.
        loaded = [message for group in by_kind.values() for message in group if message.pk in contexts]
        openings = email_openings(
            jobcenter_ids={message.jobcenter_id for message in loaded}, kinds={message.kind for message in loaded}
        )
        for message in loaded:
            context = contexts[message.pk]
            opening = openings.context_for(jobcenter_id=message.jobcenter_id, kind=message.kind, context=context)
            contexts[message.pk] = {**context, **opening}
    return contexts


def render_deferred(messages: list[Message], contexts: dict[int, dict] | None = None) -> None:
    """Rows created by the SQL fan-out are rendered at send time, per kind, with one context load per batch.
    The rendering lives only in memory (is_rendered stays False): storing a body per reminder would write
    hundreds of megabytes a week; the outbox page renders such a row again when a coordinator opens it.
    ``contexts`` holds contexts loaded before (by pk); the messages it lacks are loaded now. Raises LookupError
    for a message whose context cannot be built (the object it is about is gone)."""
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


def _due(now) -> Q:
    return Q(status=MessageStatus.PENDING, next_attempt_at__lte=now) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


# The columns a claim returns: what sending a row needs (in model field order, for Message.from_db).
_CLAIM_FIELDS = [
    f.attname
    for f in Message._meta.concrete_fields
    if f.attname
    in {
        "id",
        "jobcenter_id",
        "kind",
        "status",
        "recipient_email",
        "recipient_name",
        "is_rendered",
        "subject",
        "body_text",
        "body_html",
        "attachments",
        "about_type_id",
        "about_id",
        "items",
        "period",
        "attempts",
        "next_attempt_at",
        "expires_at",
        "resends",
        # The row's channel and a text's number (notifications.channels).
        "channel",
        "recipient_phone",
    }
]
_JSON_FIELDS = {"attachments", "items"}


@cache
def _claim_sql(by_ids: bool) -> str:
    table = connection.ops.quote_name(Message._meta.db_table)
    columns = ", ".join(f"m.{connection.ops.quote_name(name)}" for name in _CLAIM_FIELDS)
    where = "id = ANY(%s)" if by_ids else "id >= %s AND id <= %s"
    # Names from model metadata; values are parameters.
    return f"""
        WITH due AS (
            SELECT id FROM {table}
             WHERE {where} AND status = %s AND next_attempt_at <= %s AND (expires_at IS NULL OR expires_at > %s)
             ORDER BY id LIMIT %s
               FOR UPDATE SKIP LOCKED
        )
        UPDATE {table} AS m SET next_attempt_at = %s FROM due WHERE m.id = due.id
        RETURNING {columns}
    """  # noqa: S608


_JSON_INDEXES = [index for index, name in enumerate(_CLAIM_FIELDS) if name in _JSON_FIELDS]


def _from_row(values) -> Message:
    """The claimed row as a Message, the columns it lacks deferred, as Message.from_db makes it, without running
    Model.__init__ per row (41 of the 166 µs of CPU a weekly reminder cost the send path, 10 µs now; no init
    signal is connected to Message, checked in notifications/tests/test_send_bytes.py)."""
    if _JSON_INDEXES:
        values = list(values)
        for index in _JSON_INDEXES:
            if isinstance(values[index], str):  # SQLite returns JSON as text
                values[index] = json.loads(values[index])
    message = Message.__new__(Message)
    message.__dict__.update(zip(_CLAIM_FIELDS, values, strict=True))
    state = message._state = ModelState()
    state.adding, state.db = False, connection.alias
    return message


def _claim(*, ids: list[int] | None, id_range: tuple[int, int], limit: int, lease: timedelta):
    """Claims up to `limit` due pending rows (of `ids`, else in `id_range`) by a lease: ONE statement locks them
    (FOR UPDATE SKIP LOCKED: rows another worker holds are skipped), moves their next attempt to the end of the
    lease and returns them. Returns (rows by id, the lease's end)."""
    now = timezone.now()
    lease_at = now + lease
    if connection.vendor == "postgresql":
        where: list[Any] = [ids] if ids is not None else [id_range[0], id_range[1]]
        params: list[Any] = [*where, MessageStatus.PENDING.value, now, now, limit, lease_at]
        with connection.cursor() as cursor:
            cursor.execute(_claim_sql(ids is not None), params)
            rows = [_from_row(values) for values in cursor.fetchall()]
        rows.sort(key=lambda row: row.pk)
        return rows, lease_at
    # SQLite (development): no SKIP LOCKED and no UPDATE ... RETURNING of a locked set; one writer at a time.
    query = Message.objects.filter(pk__in=ids) if ids is not None else Message.objects.filter(pk__range=id_range)
    with transaction.atomic():
        rows = [row for row in query.filter(_due(now)).order_by("pk")[:limit].select_for_update() if _is_due(row, now)]
        if rows:
            Message.objects.filter(pk__in=[row.pk for row in rows]).update(next_attempt_at=lease_at)
    for row in rows:
        row.next_attempt_at = lease_at
    return rows, lease_at


def _claims(ids: list[int] | None, id_range: tuple[int, int] | None, limit: int, lease: timedelta):
    """Yields (rows, lease end) chunk by chunk, each claimed by one statement (see `_claim`). The lease
    outlasts the task (its hard time limit), so it ends only for rows whose worker died; those are sent again
    after it, except the ones its journal names (notifications.journal)."""
    if ids is not None:
        ordered = sorted(set(ids))
        for start in range(0, len(ordered), limit):
            # By primary key only: a plan that cannot wander onto the pending-rows index (whose statistics lag
            # right after a big fan-out).
            rows, lease_at = _claim(ids=ordered[start : start + limit], id_range=(0, 0), limit=limit, lease=lease)
            yield rows, lease_at
        return
    if id_range is None:
        raise ValueError("_claims needs ids or an id range.")
    cursor = id_range[0]
    while cursor <= id_range[1]:
        rows, lease_at = _claim(ids=None, id_range=(cursor, id_range[1]), limit=limit, lease=lease)
        if not rows:
            return
        cursor = rows[-1].pk + 1
        yield rows, lease_at


def _is_due(row: Message, now: datetime) -> bool:
    return (
        row.status == MessageStatus.PENDING
        and row.next_attempt_at <= now
        and (row.expires_at is None or row.expires_at > now)
    )


def _release(pks: list[int]) -> None:
    """Claimed rows not tried (time budget or lease running out, a soft time limit): due again at once."""
    if pks:
        Message.objects.filter(pk__in=pks, status=MessageStatus.PENDING).update(next_attempt_at=timezone.now())


@cache
def _mark_sql(with_lease: bool) -> str:
    table = connection.ops.quote_name(Message._meta.db_table)
    lease = " AND next_attempt_at = %s" if with_lease else ""
    # Names from model metadata; values are parameters.
    return f"""
        UPDATE {table} SET status = %s, sent_at = %s, attempts = attempts + 1, last_error = ''
         WHERE id = ANY(%s) AND status = %s{lease}
    """  # noqa: S608


def _mark_rows_sent(ids: list[int], lease_at: datetime | None = None) -> int:
    """One UPDATE for a chunk's accepted messages. With `lease_at` (a journal's replay): only rows that still
    hold that claim. On PostgreSQL the ids are one array parameter (`id = ANY(%s)`), as in the claim: the ORM's
    `IN (%s, %s, …)` of 500 ids cost the worker 13 µs of CPU per message to build and quote."""
    if connection.vendor == "postgresql":
        params: list[Any] = [MessageStatus.SENT.value, timezone.now(), list(ids), MessageStatus.PENDING.value]
        if lease_at is not None:
            params.append(lease_at)
        with connection.cursor() as cursor:
            cursor.execute(_mark_sql(lease_at is not None), params)
            return cursor.rowcount
    rows = Message.objects.filter(pk__in=ids, status=MessageStatus.PENDING)
    if lease_at is not None:
        rows = rows.filter(next_attempt_at=lease_at)
    return rows.update(status=MessageStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")


def _mark_sent(ids: list[int]) -> None:
    """The chunk's accepted messages are marked sent by one statement in autocommit, then the journal is
    emptied. A cut connection (a PostgreSQL restart, a terminated backend) is tried once more on a new one;
    if that fails too, the journal keeps them and the next send task or sweep on this machine marks them."""
    if not ids:
        journal().clear()
        return
    for attempt in (1, 2):
        try:
            _mark_rows_sent(ids)
            journal().clear()
            return
        except (OperationalError, InterfaceError):
            if attempt == 2 or connection.in_atomic_block:
                raise
            logger.warning("Marking %d outbox messages sent failed; reconnecting", len(ids), exc_info=True)
            connection.close()


def journal_replay() -> int:
    """Marks sent the messages stopped workers on this machine had handed to the relay (notifications.journal)."""
    with scopes_disabled():
        return replay(_mark_rows_sent)


@contextmanager
def _asynchronous_commits():
    """While a batch is sent, its writes do not wait for PostgreSQL to flush them to disk (the session's
    synchronous_commit off; half the time per message on a busy machine). Only a crash of the database server
    itself can lose the last fraction of a second of them: messages marked sent are then sent again (with the
    same Message-ID), claims and delays are simply redone. A worker crash or a cut connection loses nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # a broken connection is replaced, and the setting goes with it
            logger.warning("Resetting synchronous_commit failed", exc_info=True)


def default_lease() -> timedelta:
    """How long a claim keeps rows from other workers: longer than a send task can live (its hard limit)."""
    return lease_for(_setting("CELERY_TASK_TIME_LIMIT", 300))


def lease_for(hard_time_limit: float) -> timedelta:
    """A claim's lease for a task killed after `hard_time_limit` seconds: that, and the margin
    NOTIFICATIONS_LEASE_MARGIN_SECONDS."""
    return timedelta(seconds=hard_time_limit + _setting("NOTIFICATIONS_LEASE_MARGIN_SECONDS", 30))


class _Mailer:
    """One SMTP connection reused across a batch, opened when first needed and dropped after any error (the
    conversation's state is unknown then: reusing it sent replies to the wrong commands)."""

    def __init__(self, mail_connection=None):
        self.connection = mail_connection or get_connection(fail_silently=False)
        self.opened = False

    def send(self, email) -> None:
        if not self.opened:
            self.connection.open()
            self.opened = True
        self.connection.send_messages([email])

    def drop(self) -> None:
        """Closes without QUIT: after an error or a time limit the relay may not answer, and waiting for it
        could outlast the task's hard limit."""
        if not self.opened:
            return
        self.opened = False
        smtp = getattr(self.connection, "connection", None)
        try:
            if smtp is not None:
                smtp.close()  # the socket only
                self.connection.connection = None
            else:
                self.connection.close()
        except Exception:
            logger.warning("Dropping the mail connection failed", exc_info=True)

    def close(self) -> None:
        if not self.opened:
            return
        self.opened = False
        try:
            self.connection.close()
        except Exception:  # closing a broken connection must not hide the outcome
            logger.warning("Closing the mail connection failed", exc_info=True)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _fail(message: Message, error: Exception) -> None:
    """A permanent error (a 5xx reply, a message that cannot be built): this row only is failed."""
    Message.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(
        status=MessageStatus.FAILED, attempts=F("attempts") + 1, last_error=_describe(error)
    )


def _delay(rows: models.QuerySet, error: Exception, *, attempts: int, now: datetime) -> int:
    """A temporary error: the rows wait by backoff, never beyond their expiry (then the sweep expires them)."""
    retry_at = now + backoff(attempts)
    return rows.update(
        attempts=F("attempts") + 1,
        last_error=_describe(error),
        next_attempt_at=Least(Value(retry_at), Coalesce(F("expires_at"), Value(retry_at))),
    )


def messages_send(
    *,
    ids: list[int] | None = None,
    id_range: tuple[int, int] | None = None,
    connection=None,
    budget: TimeBudget | None = None,
    lease: timedelta | None = None,
) -> SendOutcome:
    """Sends the due pending messages among `ids` (or in the inclusive `id_range`), chunk by chunk.

    Guarantees:
    - Per chunk of NOTIFICATIONS_SEND_CHUNK rows, set-wise statements: one claims the rows by a lease (see
      `_claim`; rows another worker holds are skipped) and returns them, one query per object type loads the
      contexts of the rows rendered at send time, and one UPDATE marks the accepted messages sent after the
      chunk. Each message the relay accepts is first written to this process's sent journal
      (notifications.journal), so a crash at any point repeats at most the one message in flight (sent again
      when the lease ends, with the same Message-ID): the others are marked sent from the journal.
      `lease` must outlast the caller (default: the hard time limit and 30 s).
    - One SMTP connection serves the batch; after any SMTP error it is dropped and a new one opened.
    - A message that cannot be built (its context is gone, a template fails) or gets a 5xx reply is failed
      alone; the rest of the batch is sent.
    - A temporary error never fails a message: a 4xx reply to one recipient puts that row off by backoff;
      relay trouble (connection refused, timeouts, 4xx) puts off the rest of the batch too and stops it
      (outcome.retry_in). Rows past their expiry are not sent (the sweep marks them expired).
    - With a `budget`, the batch stops before the task's soft time limit, releases the rows it has not tried
      (due again at once) and sets outcome.unfinished. A SoftTimeLimitExceeded is never taken for a send
      error: the message in hand and the rest are released, and it propagates.
    """
    if ids is None and id_range is None:
        raise ValueError("messages_send needs ids or an id range.")
    lease = lease or default_lease()
    outcome = SendOutcome()
    mailer = channels.Dispatcher(_Mailer(connection))
    state = {"slowest": 0.0}
    try:
        with scopes_disabled(), _asynchronous_commits():
            journal_replay()
            for rows, lease_at in _claims(ids, id_range, chunk_size(), lease):
                sent: list[int] = []
                journal().begin(lease_at)
                try:
                    if _send_chunk(rows, ids, id_range, mailer, budget, lease, outcome, sent, state):
                        return outcome
                finally:
                    _mark_sent(sent)
                    outcome.sent += len(sent)
    finally:
        mailer.close()
    return outcome


def _send_chunk(rows, ids, id_range, mailer, budget, lease, outcome, sent, state) -> bool:
    """Sends one claimed chunk; accepted ids go to `sent` (and the journal). True when the batch must stop."""
    contexts = deferred_contexts(rows)
    claimed_at = time.monotonic()
    record = journal().sent
    for index, message in enumerate(rows):
        lease_ending = time.monotonic() - claimed_at > 0.8 * lease.total_seconds()
        if lease_ending or (budget is not None and budget.exhausted(state["slowest"])):
            _release([row.pk for row in rows[index:]])
            outcome.unfinished = True
            return True
        try:
            render_deferred([message], contexts)
            email = mailer.build(message)  # an e-mail or a text, by the row's channel
        except SoftTimeLimitExceeded:
            _release([row.pk for row in rows[index:]])
            raise
        except Exception as error:  # this row cannot be built: it fails alone, the batch goes on
            logger.exception("Building outbox message %s failed", message.pk)
            _fail(message, error)
            outcome.failed += 1
            outcome.errors.append(_describe(error))
            continue
        started = time.monotonic()
        try:
            mailer.send(email)
        except SoftTimeLimitExceeded:
            # Not a send error: the relay may have the message or not. It and the rest are due again at once
            # (a repeat carries the same Message-ID); the task decides what next.
            mailer.drop()
            _release([row.pk for row in rows[index:]])
            raise
        except Exception as error:
            mailer.drop()
            now = timezone.now()
            outcome.errors.append(_describe(error))
            if not _is_transient(error):
                _fail(message, error)
                outcome.failed += 1
                continue
            this = Message.objects.filter(pk=message.pk, status=MessageStatus.PENDING)
            if not _relay_trouble(error):
                outcome.delayed += _delay(this, error, attempts=message.attempts + 1, now=now)
                continue
            logger.warning("Mail relay trouble, the rest of the batch waits for a retry: %s", error)
            claimed = Q(pk__in=[row.pk for row in rows[index:]])
            if ids is not None:
                later = Q(pk__in=[pk for pk in ids if pk > rows[-1].pk])
            else:
                later = Q(pk__gt=rows[-1].pk, pk__lte=id_range[1])
            waiting = Message.objects.filter(claimed | (later & Q(next_attempt_at__lte=now)))
            waiting = waiting.filter(status=MessageStatus.PENDING)
            outcome.delayed += _delay(waiting, error, attempts=message.attempts + 1, now=now)
            outcome.retry_in = backoff(message.attempts + 1)
            return True
        record(message.pk)
        sent.append(message.pk)
        state["slowest"] = max(state["slowest"], time.monotonic() - started)
    return False
