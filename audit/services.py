"""Writing to the audit logs. Every service that changes data calls activity_record; every view that
reads personal data calls access_record."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from audit import actions
from audit.models import AccessAction, AccessLog, ActivityLog
from mentorship.web import without_control_characters


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return str(actor)[:200]


def _target(obj: models.Model | None) -> dict[str, Any]:
    if obj is None:
        return {}
    return {
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
        "object_repr": str(obj)[:200],
    }


def access_record(
    *,
    request: HttpRequest,
    action: AccessAction,
    purpose: str,
    obj: models.Model | None = None,
    criterion: str = "",
    jobcenter=None,
) -> AccessLog:
    """Append one access-log entry for the request's user and jobcenter. Never updates an entry.

    `jobcenter` is the read person's jobcenter where the request has none of its own (the platform
    superuser in Django admin), so the read still shows on that person's "who has seen" page.
    """
    actor = request.user if request.user.is_authenticated else None
    return AccessLog.objects.create(
        jobcenter=jobcenter if jobcenter is not None else getattr(request, "jobcenter", None),
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        # A control character from a client (a NUL pasted into a search) must not cost the entry: PostgreSQL
        # refuses NUL in text.
        criterion=without_control_characters(criterion),
        purpose=without_control_characters(str(purpose))[:200],
        path=without_control_characters(request.get_full_path())[:500],
        **_target(obj),
    )


def activity_record(*, actor, action: str, obj: models.Model | None = None, jobcenter=None, data=None) -> ActivityLog:
    """Append one activity-log entry. Call inside the service's transaction so both commit together.

    `action` must be registered in its app's `activity.py` (audit.actions); anything else raises ValueError."""
    if not actions.is_registered(action):
        raise ValueError(f"Unregistered activity action {action!r}: declare it in its app's activity.py.")
    if jobcenter is None and obj is not None:
        jobcenter = getattr(obj, "jobcenter", None)
    return ActivityLog.objects.create(
        jobcenter=jobcenter,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        action=action,
        data=data or {},
        **_target(obj),
    )


def retention_defaults_ensure(*, jobcenter, actor=None) -> None:
    """Gives the jobcenter the default retention periods it lacks (settings.JOBCENTER_DEFAULTS)."""
    from audit.models import RETENTION_DEFAULTS, RetentionRule

    existing = set(RetentionRule.objects.filter(jobcenter=jobcenter).values_list("kind", flat=True))
    RetentionRule.objects.bulk_create(
        [
            RetentionRule(jobcenter=jobcenter, kind=kind, months=months)
            for kind, months in RETENTION_DEFAULTS.items()
            if kind not in existing
        ]
    )


@transaction.atomic
def retention_rule_update(*, actor, rule, months: int):
    """Sets how many months one kind of record is kept; the next daily run applies it. Compares with the
    row re-read (and locked) here, not with the caller's instance, which may already hold the new value."""
    from audit.models import RetentionRule

    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
    before = rule.months
    if before == months:
        return rule
    rule.months = months
    rule.save(update_fields=["months", "updated_at"])
    activity_record(actor=actor, action="audit.retention_rule.updated", obj=rule, data={"from": before, "to": months})
    return rule


@transaction.atomic
def archive_hold_set(*, actor, citizen, reason: str):
    """Marks the citizen's case as kept for the municipal archive: the retention job leaves it alone."""
    from audit.models import ArchiveHold

    hold, _created = ArchiveHold.objects.update_or_create(
        citizen=citizen,
        defaults={"jobcenter_id": citizen.jobcenter_id, "reason": reason, "set_by": actor, "set_at": timezone.now()},
    )
    activity_record(actor=actor, action="audit.archive_hold.set", obj=citizen, jobcenter=citizen.jobcenter)
    return hold


@transaction.atomic
def archive_hold_clear(*, actor, citizen) -> None:
    """Removes the archive mark; the case then follows the retention rules again."""
    from audit.models import ArchiveHold

    for hold in ArchiveHold.objects.filter(citizen=citizen):
        hold.delete()
    activity_record(actor=actor, action="audit.archive_hold.cleared", obj=citizen, jobcenter=citizen.jobcenter)
