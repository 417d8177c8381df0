"""The registry of activity actions: what services may write to the activity log, each with a Danish description.

Each app declares its actions in `<app>/activity.py`, as pretix registers log entry types and Zulip keeps its
audit-log enum: one `TextChoices` class decorated with `@register`, whose values are the codes stored in
`ActivityLog.action` (`<app>.<thing>.<verb>`) and whose labels are what the citizen's timeline and Django admin
show. `AuditConfig.ready()` imports every app's `activity` module (as Django admin does with `admin` modules),
and `activity_record` refuses a code nobody registered, so a typo or an undescribed action fails the first test
that reaches it instead of leaving a raw code in the log.

Codes already in the log keep their names, tense included: the log is append-only (a PostgreSQL trigger
refuses UPDATE), and renaming a code would mean rewriting that evidence. New codes use the past participle
(`citizens.citizen.updated`).
"""

import re
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models

# <app>.<thing>.<verb>, lower case: the shape every stored code has.
CODE = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")

_registry: dict[str, models.TextChoices] = {}

Actions = TypeVar("Actions", bound=type[models.TextChoices])


def register(choices: Actions) -> Actions:
    """Class decorator: registers every member of an app's action enum. A code must have the shape
    `<app>.<thing>.<verb>` with the declaring app's label first, and belongs to one enum only (Django's
    choices already refuse a code repeated within one)."""
    app_label = choices.__module__.split(".")[0]
    for member in choices:
        code = member.value
        if not CODE.fullmatch(code) or not code.startswith(f"{app_label}."):
            raise ImproperlyConfigured(
                f"{choices.__qualname__}.{member.name}: activity code {code!r} must read '{app_label}.<thing>.<verb>'."
            )
        registered = _registry.get(code)
        if registered is not None and type(registered) is not choices:
            raise ImproperlyConfigured(f"Activity code {code!r} is registered twice ({type(registered).__qualname__}).")
    # Only a class that passed every check is added: a refused one leaves the registry as it was.
    _registry.update({member.value: member for member in choices})
    return choices


def is_registered(code: str) -> bool:
    return code in _registry


def description(code: str) -> str:
    """The Danish description of a code, in the active language. A code nobody registers any more (an old row)
    shows as itself rather than vanishing from the log."""
    member = _registry.get(code)
    return str(member.label) if member is not None else code


def registered() -> dict[str, str]:
    """{code: description} of every registered action, sorted by description (for filters and menus)."""
    return dict(sorted(((code, str(member.label)) for code, member in _registry.items()), key=lambda item: item[1]))
