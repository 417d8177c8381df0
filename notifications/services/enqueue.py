"""Enqueueing a message in the caller's transaction, idempotent by key."""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django_scopes import scopes_disabled

from notifications import kinds
from notifications.keys import idempotency_key_for
from notifications.models import Message, MessageStatus
from notifications.rendering import render
from notifications.services._common import _dispatch_after_commit
from texts.selectors import email_opening_context, email_openings


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
    attachments: Sequence[tuple[str, str, str]] = (),
    status: str = MessageStatus.PENDING,
) -> Message:
    """Writes one message to the outbox in the caller's transaction and sends it after commit.

    The templates are rendered now, in Danish; a rendering that contains a CPR number raises
    SensitiveDataError and nothing is written. A duplicate idempotency key (default: kind + about + recipient +
    period) is a no-op returning the existing row. `kind` must be registered in notifications.kinds.
    Attachments are (filename, content, mimetype), e.g. ("kursus.ics", ics, "text/calendar; method=REQUEST").
    `status` HELD keeps the message for the person's daily digest, INBOX_ONLY never sends it (the person's
    delivery preference, notifications.preferences); neither is published to the send task.
    """
    message_kind = kinds.get(kind)
    key = idempotency_key or idempotency_key_for(kind=kind, about=about, recipient_email=recipient_email, period=period)
    with scopes_disabled():
        existing = Message.objects.filter(jobcenter=jobcenter, idempotency_key=key).first()
        if existing is not None:
            return existing
        # The jobcenter's own opening of this kind, after the greeting, if it wrote one (texts).
        opening = email_openings(jobcenter_ids=[jobcenter.pk], kinds=[kind]).get((jobcenter.pk, kind), "")
        subject, text, html = render(
            subject_template=subject_template,
            text_template=text_template,
            html_template=html_template,
            context={**context, **email_opening_context(opening)},
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
            status=status,
        )
        message.expires_at = message_kind.lifetime.expires_at(about=about, period=period, created_at=message.created_at)
        # ON CONFLICT DO NOTHING: a concurrent transaction inserting the same key makes this a no-op (it waits
        # for that transaction, then reads its row) instead of an IntegrityError that would abort the caller.
        Message.objects.bulk_create([message], ignore_conflicts=True)
        message = Message.objects.get(jobcenter=jobcenter, idempotency_key=key)
    if message.status == MessageStatus.PENDING:
        _dispatch_after_commit([message.pk])
    return message
