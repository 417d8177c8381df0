"""Writes for the SMS channel: a text into the outbox, and the gateway's delivery report onto its row.

The outbox row of a text is an ordinary Message with channel SMS: the same claim, journal, mark, backoff, expiry
and resend as an e-mail (notifications.services), sent by notifications.channels.SmsChannel.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django_scopes import scopes_disabled

from notifications import kinds, sms
from notifications.keys import idempotency_key_for
from notifications.models import Message, MessageStatus, OutboxChannel
from notifications.rendering import render

logger = logging.getLogger(__name__)

# A text longer than this many parts is a template error, not something to pay the gateway for.
MAX_SMS_SEGMENTS = 3


class SmsTooLong(ValueError):
    """The rendered text needs more than MAX_SMS_SEGMENTS parts."""


def sms_enqueue(
    *,
    jobcenter,
    kind: str,
    recipient_phone: str,
    recipient_name: str,
    context: dict,
    about: models.Model | None,
    period: str = "",
    idempotency_key: str | None = None,
) -> Message:
    """Writes one text message to the outbox in the caller's transaction; it is sent after commit.

    `kind` must be registered with sms=True (its text_template is the text; the subject template names it on the
    outbox pages). The number is normalised (+45XXXXXXXX; a ValidationError otherwise), the text rendered now in
    Danish and refused when it looks like it holds a CPR number (SensitiveDataError) or needs more than
    MAX_SMS_SEGMENTS parts; its parts and encoding are stored. A duplicate idempotency key (default: kind + about +
    number + period) is a no-op returning the existing row.
    """
    from notifications.services._common import _dispatch_after_commit

    message_kind = kinds.get(kind)
    if not message_kind.sms:
        raise ValueError(f"Message kind {kind!r} is not a text message kind (sms=True).")
    phone = sms.normalise_mobile(recipient_phone)
    key = idempotency_key or idempotency_key_for(kind=kind, about=about, recipient_email=phone, period=period)
    with scopes_disabled():
        existing = Message.objects.filter(jobcenter=jobcenter, idempotency_key=key).first()
        if existing is not None:
            return existing
        subject, text, _html = render(
            subject_template=message_kind.subject_template,
            text_template=message_kind.text_template,
            html_template=None,
            context=context,
        )
        text = text.strip()
        parts = sms.segments(text)
        if parts.count > MAX_SMS_SEGMENTS:
            raise SmsTooLong(f"The text of {kind} needs {parts.count} parts (at most {MAX_SMS_SEGMENTS}).")
        message = Message(
            jobcenter=jobcenter,
            kind=kind,
            channel=OutboxChannel.SMS,
            recipient_email="",
            recipient_phone=phone,
            recipient_name=recipient_name.strip(),
            subject=subject,
            body_text=text,
            sms_segments=parts.count,
            sms_encoding=parts.encoding,
            about_type=ContentType.objects.get_for_model(about) if about is not None else None,
            about_id=about.pk if about is not None else None,
            period=period,
            idempotency_key=key,
        )
        message.expires_at = message_kind.lifetime.expires_at(about=about, period=period, created_at=message.created_at)
        Message.objects.bulk_create([message], ignore_conflicts=True)
        message = Message.objects.get(jobcenter=jobcenter, idempotency_key=key)
    if message.status == MessageStatus.PENDING:
        _dispatch_after_commit([message.pk])
    return message


def _message_id_from_reference(reference: str) -> int | None:
    """outbox-<jobcenter>-<id>-<resends> (notifications.channels.sms_reference) -> id."""
    parts = reference.split("-")
    if len(parts) != 4 or parts[0] != "outbox" or not parts[2].isdigit():
        return None
    return int(parts[2])


def sms_delivery_report_record(*, report: sms.DeliveryReport) -> bool:
    """Records the gateway's delivery report on the text's row, found by our reference and the gateway's id
    (both must agree). A report about no text of ours is ignored (False). A final state (delivered, failed) is
    never overwritten by a later 'pending' report that arrived out of order; a repeated report changes nothing."""
    pk = _message_id_from_reference(report.reference)
    if pk is None:
        return False
    with scopes_disabled():
        rows = Message.objects.filter(pk=pk, channel=OutboxChannel.SMS, gateway_id=report.gateway_id)
        if report.state == sms.DeliveryState.PENDING:
            rows = rows.filter(delivery_status__in=["", sms.DeliveryState.PENDING])
        values: dict = {"delivery_status": report.state, "delivery_detail": report.detail}
        if report.state == sms.DeliveryState.DELIVERED:
            values["delivered_at"] = timezone.now()
        updated = rows.update(**values)
    if not updated:
        logger.info("SMS delivery report for no text of ours (or out of order): %s", report.gateway_id)
    return bool(updated)
