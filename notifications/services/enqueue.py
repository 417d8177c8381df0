"""Enqueueing messages in the caller's transaction, idempotent by key: one at a time (`message_enqueue`) or a
set at once (`messages_enqueue`), through the same code."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django_scopes import scopes_disabled

from notifications import kinds
from notifications.keys import idempotency_key_for
from notifications.models import Message, MessageStatus
from notifications.rendering import render
from notifications.services._common import _dispatch_after_commit
from texts.selectors import EmailOpenings, email_openings


@dataclass(frozen=True)
class Outgoing:
    """One message to enqueue: `message_enqueue`'s arguments but the jobcenter (see there)."""

    kind: str
    recipient_email: str
    recipient_name: str
    subject_template: str
    text_template: str
    html_template: str | None
    context: dict
    about: models.Model | None
    period: str = ""
    idempotency_key: str | None = None
    attachments: Sequence[tuple[str, str, str]] = ()
    status: str = MessageStatus.PENDING

    @property
    def key(self) -> str:
        return self.idempotency_key or idempotency_key_for(
            kind=self.kind, about=self.about, recipient_email=self.recipient_email, period=self.period
        )


def _row(jobcenter, outgoing: Outgoing, key: str, openings: EmailOpenings) -> Message:
    """The outbox row of one message, rendered now (SensitiveDataError if it contains a CPR number), its kind's
    opening after the greeting: the jobcenter's own wording or the product's, its placeholders filled from the
    message's context (texts)."""
    message_kind = kinds.get(outgoing.kind)
    opening = openings.context_for(jobcenter_id=jobcenter.pk, kind=outgoing.kind, context=outgoing.context)
    subject, text, html = render(
        subject_template=outgoing.subject_template,
        text_template=outgoing.text_template,
        html_template=outgoing.html_template,
        context={**outgoing.context, **opening},
    )
    about = outgoing.about
    message = Message(
        jobcenter=jobcenter,
        kind=outgoing.kind,
        recipient_email=outgoing.recipient_email.strip(),
        recipient_name=outgoing.recipient_name.strip(),
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=[list(attachment) for attachment in outgoing.attachments],
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        period=outgoing.period,
        idempotency_key=key,
        status=outgoing.status,
    )
    message.expires_at = message_kind.lifetime.expires_at(
        about=about, period=outgoing.period, created_at=message.created_at
    )
    return message


@transaction.atomic
def messages_enqueue(*, jobcenter, messages: Sequence[Outgoing]) -> list[Message]:
    """Writes a set of messages of one jobcenter to the outbox in the caller's transaction, exactly as calling
    `message_enqueue` for each in turn would, in a fixed number of queries whatever their number: one SELECT of
    the keys that exist already, one of the jobcenter's own openings of these kinds (texts), one INSERT … ON
    CONFLICT DO NOTHING of the others, one SELECT of the rows written, and one after-commit dispatch of the
    pending ones. Returns the rows in the order given (the existing row for a repeated key, also one repeated
    within `messages`: the first one given wins)."""
    if not messages:
        return []
    keys = [outgoing.key for outgoing in messages]
    with scopes_disabled():  # the rows are named by the jobcenter; callers run in a request or in Celery
        rows = {
            row.idempotency_key: row for row in Message.objects.filter(jobcenter=jobcenter, idempotency_key__in=keys)
        }
        new: dict[str, Message] = {}
        openings: EmailOpenings | None = None
        for outgoing, key in zip(messages, keys, strict=True):
            if key not in rows and key not in new:
                if openings is None:  # one query, and only when something is written
                    openings = email_openings(jobcenter_ids=[jobcenter.pk], kinds={o.kind for o in messages})
                # Rendered (and scanned for CPR numbers) before anything is written: a refusal writes nothing.
                new[key] = _row(jobcenter, outgoing, key, openings)
        if new:
            # ON CONFLICT DO NOTHING: a concurrent transaction inserting the same key makes its row a no-op here
            # (the INSERT waits for that transaction, the SELECT then reads its row) instead of an
            # IntegrityError that would abort the caller.
            Message.objects.bulk_create(list(new.values()), ignore_conflicts=True)
            rows.update(
                (row.idempotency_key, row)
                for row in Message.objects.filter(jobcenter=jobcenter, idempotency_key__in=list(new))
            )
    result = [rows[key] for key in keys]
    pending = sorted({row.pk for row in result if row.status == MessageStatus.PENDING})
    if pending:
        _dispatch_after_commit(pending)
    return result


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
    attachments: Sequence[tuple[str, str, str]] = (),
    status: str = MessageStatus.PENDING,
) -> Message:
    """Writes one message to the outbox in the caller's transaction and sends it after commit.

    The templates are rendered now, in Danish; a rendering that contains a CPR number raises
    SensitiveDataError and nothing is written. A duplicate idempotency key (default: kind + about + recipient +
    period) is a no-op returning the existing row. `kind` must be registered in notifications.kinds.
    Attachments are (filename, content, mimetype), e.g. ("kursus.ics", ics, "text/calendar; method=REQUEST").
    `status` HELD keeps the message for the person's daily digest, INBOX_ONLY never sends it (the person's
    delivery preference, notifications.preferences); neither is published to the send task. Code that
    enqueues several messages at once calls `messages_enqueue` once instead of this in a loop.
    """
    outgoing = Outgoing(
        kind=kind,
        recipient_email=recipient_email,
        recipient_name=recipient_name,
        subject_template=subject_template,
        text_template=text_template,
        html_template=html_template,
        context=context,
        about=about,
        period=period,
        idempotency_key=idempotency_key,
        attachments=attachments,
        status=status,
    )
    return messages_enqueue(jobcenter=jobcenter, messages=[outgoing])[0]
