"""Reads for the coordinator's outbox pages, scoped to the jobcenter."""

import contextlib

from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from notifications.models import DELAYED_ALERT_AFTER, Message, MessageStatus, ReminderSchedule


def outbox_list(*, jobcenter) -> QuerySet[Message]:
    return (
        Message.objects.filter(jobcenter=jobcenter)
        .only(
            "id",
            "jobcenter_id",
            "kind",
            "status",
            "recipient_email",
            "recipient_phone",
            "channel",
            "recipient_name",
            "subject",
            "period",
            "attempts",
            "created_at",
            "next_attempt_at",
            "sent_at",
            "is_rendered",
            "last_error",
        )
        .order_by("-created_at", "-id")
    )


def message_get(*, jobcenter, pk: int) -> Message:
    return get_object_or_404(Message.objects.filter(jobcenter=jobcenter).select_related("about_type"), pk=pk)


def _delayed_by_errors(now) -> Q:
    """Pending after a temporary mail error, and waiting longer than DELAYED_ALERT_AFTER since it was created."""
    return Q(status=MessageStatus.PENDING, created_at__lte=now - DELAYED_ALERT_AFTER) & ~Q(last_error="")


def messages_delayed(*, jobcenter, now=None) -> QuerySet[Message]:
    """Messages the mail relay has held up for a while (it is down or answers "try later"): the start page's
    to-do list and the outbox page warn about them. They are retried until they expire."""
    return Message.objects.filter(jobcenter=jobcenter).filter(_delayed_by_errors(now or timezone.now()))


def outbox_summary(*, jobcenter) -> dict:
    """Counts per status and in all, the messages held up by mail errors, and the next pending send time. Two
    queries, so that each reads an index (message_outbox_filter_idx starts with jobcenter and status): the
    counts from the index alone, the rest from the pending rows only; a third one for the latest error only
    when messages are held up. One aggregate with FILTERs read every row: 60 ms for a year's 200,000."""
    now = timezone.now()
    # COUNT(*), not COUNT(id): the id is not in the index, and reading it would read every row.
    by_status = Message.objects.filter(jobcenter=jobcenter).order_by().values_list("status")
    counts = dict(by_status.annotate(n=Count("*")))
    summary = {status: counts.get(status, 0) for status in MessageStatus.values}
    summary["total"] = sum(counts.values())
    summary |= Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.PENDING).aggregate(
        delayed=Count("id", filter=_delayed_by_errors(now)),
        delayed_since=Min("created_at", filter=_delayed_by_errors(now)),
        next_retry=Min("next_attempt_at", filter=Q(next_attempt_at__gt=now)),
    )
    summary["delayed_error"] = ""
    if summary["delayed"]:
        latest = messages_delayed(jobcenter=jobcenter, now=now).order_by("-next_attempt_at").first()
        summary["delayed_error"] = latest.last_error if latest else ""
    return summary


def period_choices(*, jobcenter) -> list[tuple[str, str]]:
    periods = (
        Message.objects.filter(jobcenter=jobcenter)
        .exclude(period="")
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()[:60]
    )
    return [(period, period) for period in periods]


def message_with_text(message: Message) -> Message:
    """A message as it reads: rows of a set-based fan-out are rendered again from the object they are about
    (their text is not stored); if that object is gone, the text stays empty."""
    if not message.is_rendered:
        from notifications.services import render_deferred

        with contextlib.suppress(LookupError):
            render_deferred([message])
    return message


def reminder_schedule(*, jobcenter) -> ReminderSchedule:
    """The jobcenter's schedule, or an unsaved one with the defaults (Monday 07:00) when it has none."""
    return ReminderSchedule.objects.filter(jobcenter=jobcenter).first() or ReminderSchedule(jobcenter=jobcenter)
