"""Helpers the citizens services share: setting allowed fields, the jobcenter guard, loggable values."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist


def _loggable(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Sets the allowed fields that changed; returns their names (for update_fields and the audit log)."""
    changed = []
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"Field {name!r} may not be set here.")
        try:
            current = getattr(obj, name)
        except ObjectDoesNotExist:  # a required relation not set yet
            current = None
        if current != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _same_jobcenter(jobcenter, *items) -> None:
    """Forms narrow choices to the jobcenter; this guards every other caller."""
    for item in items:
        if item is None:
            continue
        owner = item.jobcenter_id if hasattr(item, "jobcenter_id") else item.company.jobcenter_id
        if owner != jobcenter.pk:
            raise ValueError(f"{type(item).__name__} {item.pk} belongs to another jobcenter.")
