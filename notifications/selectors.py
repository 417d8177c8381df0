"""Reads for the coordinator's outbox pages, scoped to the jobcenter."""

import contextlib

from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from notifications.models import Message, MessageStatus, ReminderSchedule


def outbox_list(*, jobcenter) -> QuerySet[Message]:
    return (
        Message.objects.filter(jobcenter=jobcenter)
        .only(
            "id",
            "jobcenter_id",
            "kind",
            "status",
            "recipient_email",
            "recipient_name",
            "subject",
            "period",
            "attempts",
            "created_at",
            "next_attempt_at",
            "sent_at",
            "is_rendered",
        )
        .order_by("-created_at", "-id")
    )


def message_get(*, jobcenter, pk: int) -> Message:
    return get_object_or_404(Message.objects.filter(jobcenter=jobcenter).select_related("about_type"), pk=pk)


def outbox_summary(*, jobcenter) -> dict:
    """Counts per status and the next pending send time (one query)."""
    now = timezone.now()
    return Message.objects.filter(jobcenter=jobcenter).aggregate(
        pending=Count("id", filter=Q(status=MessageStatus.PENDING)),
        failed=Count("id", filter=Q(status=MessageStatus.FAILED)),
        sent=Count("id", filter=Q(status=MessageStatus.SENT)),
        next_retry=Min("next_attempt_at", filter=Q(status=MessageStatus.PENDING, next_attempt_at__gt=now)),
    )


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
