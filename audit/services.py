"""Writing to the audit logs. Every service that changes data calls activity_record; every view that
reads personal data calls access_record (directly or through audit.mixins)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from audit.models import AccessAction, AccessLog, ActivityLog


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
) -> AccessLog:
    """Append one access-log entry for the request's user and jobcenter. Never updates an entry."""
    actor = request.user if request.user.is_authenticated else None
    return AccessLog.objects.create(
        jobcenter=getattr(request, "jobcenter", None),
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        criterion=criterion,
        purpose=str(purpose)[:200],
        path=request.get_full_path()[:500],
        **_target(obj),
    )


def activity_record(*, actor, action: str, obj: models.Model | None = None, jobcenter=None, data=None) -> ActivityLog:
    """Append one activity-log entry. Call inside the service's transaction so both commit together."""
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
