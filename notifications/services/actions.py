"""Coordinator actions: resending a message, the reminder schedule and delivery preferences."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from audit.services import activity_record
from notifications.models import DeliveryChannel, DeliveryPreference, Message, MessageStatus, ReminderSchedule
from notifications.services._common import RESEND_LIFETIME, _dispatch_after_commit

# --- Coordinator actions -------------------------------------------------------------------------------


@transaction.atomic
def message_resend(*, actor, message: Message) -> Message:
    """A coordinator sends a failed, expired (or sent) message again: it becomes pending with fresh attempts,
    a new Message-ID (so a receiver that drops repeats does not drop it) and RESEND_LIFETIME to be sent in."""
    message = Message.objects.select_for_update().get(pk=message.pk, jobcenter=message.jobcenter)
    previous = message.status
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.PENDING,
        attempts=0,
        last_error="",
        sent_at=None,
        next_attempt_at=now,
        expires_at=now + RESEND_LIFETIME,
        resends=F("resends") + 1,
    )
    message.refresh_from_db()
    activity_record(actor=actor, action="notifications.message.resend", obj=message, data={"previous_status": previous})
    _dispatch_after_commit([message.pk])
    return message


@transaction.atomic
def reminder_schedule_update(
    *,
    actor,
    jobcenter,
    weekday: int,
    hour: int,
    is_active: bool,
    allow_digest: bool = True,
    allow_inbox_only: bool = True,
    digest_on_weekends: bool = False,
) -> ReminderSchedule:
    """Sets when the jobcenter's weekly reminders, daily notices and daily digests go out (one row per
    jobcenter), and which delivery choices its people have for hand-off messages. A change takes effect from
    the next beat tick; a week already sent is not sent again (its run marker stays). A choice no longer
    allowed falls back to e-mail at once for the next message (the stored choice is kept). The daily digest
    skips Saturday and Sunday unless `digest_on_weekends`."""
    values = {
        "weekday": weekday,
        "hour": hour,
        "is_active": is_active,
        "allow_digest": allow_digest,
        "allow_inbox_only": allow_inbox_only,
        "digest_on_weekends": digest_on_weekends,
    }
    schedule, _created = ReminderSchedule.objects.update_or_create(jobcenter=jobcenter, defaults=values)
    activity_record(
        actor=actor, action="notifications.schedule.updated", obj=schedule, jobcenter=jobcenter, data=values
    )
    return schedule


@transaction.atomic
def delivery_preferences_update(*, actor, jobcenter, role: str, channels: dict[str, str]) -> None:
    """Stores how `actor` wants each group of hand-off messages in `jobcenter` (one row per group; e-mail at
    once deletes the row). Only the groups the member's role receives, and only channels the jobcenter allows:
    anything else is a ValidationError naming the group's field, and nothing is saved."""
    from django.core.exceptions import ValidationError

    from notifications import preferences

    allowed = preferences.allowed_channels(ReminderSchedule.objects.filter(jobcenter=jobcenter).first())
    groups = {group.key for group in preferences.groups_for_role(role)}
    errors = {
        key: gettext("Vælg en af de muligheder, jobcentret tillader.")
        for key, channel in channels.items()
        if key not in groups or channel not in allowed
    }
    if errors:
        raise ValidationError(errors)
    for key, channel in channels.items():
        if channel == DeliveryChannel.EMAIL:
            DeliveryPreference.objects.filter(jobcenter=jobcenter, user=actor, group=key).delete()
        else:
            DeliveryPreference.objects.update_or_create(
                jobcenter=jobcenter, user=actor, group=key, defaults={"channel": channel}
            )
    activity_record(
        actor=actor, action="notifications.preferences.updated", jobcenter=jobcenter, data={"channels": channels}
    )
