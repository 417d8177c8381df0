"""A status enum's transitions table: which status may follow which.

The table lives on the model next to its status rules (``MentorAgreement.STATUS_TRANSITIONS``); every
service that changes the status asks it under the row lock with ``require`` and so refuses an illegal
move with one error code, "illegal_transition", whatever the entity.
"""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # django-stubs-ext is a development requirement: the type only, not the import, at run time
    from django_stubs_ext import StrOrPromise


class Transitions:
    """From-status -> the statuses it may move to. Every status of the enum must be declared (an end
    state with no successors as an empty set), so a new status cannot be forgotten."""

    def __init__(
        self,
        enum: type[models.TextChoices],
        table: Mapping[str, Iterable[str]],
        *,
        message: "StrOrPromise | None" = None,
    ) -> None:
        undeclared = set(enum.values) - set(table)
        unknown = {str(status) for targets in table.values() for status in targets} - set(enum.values)
        if undeclared or unknown:
            raise ValueError(f"{enum.__name__} transitions: undeclared {sorted(undeclared)}, unknown {sorted(unknown)}")
        self.enum = enum
        self.table: dict[str, frozenset[str]] = {str(k): frozenset(str(v) for v in vs) for k, vs in table.items()}
        self.message = message or _("Status “%(current)s” kan ikke ændres til “%(target)s”.")

    def allowed(self, current: str) -> frozenset[str]:
        return self.table.get(str(current), frozenset())

    def can(self, current: str, to: str) -> bool:
        return str(to) in self.allowed(current)

    def pairs(self) -> list[tuple[str, str]]:
        """Every declared move, for tests and documentation."""
        return sorted((current, to) for current, targets in self.table.items() for to in targets)

    def require(self, current: str, to: str, *, message: "StrOrPromise | None" = None) -> None:
        """Raises a Danish ValidationError (code "illegal_transition") unless ``current`` may become ``to``.
        ``message`` replaces the generic text where the service has a more precise one."""
        if self.can(current, to):
            return
        text = message or self.message
        raise ValidationError(
            str(text) % {"current": self.enum(current).label, "target": self.enum(to).label}
            if "%(" in str(text)
            else str(text),
            code="illegal_transition",
        )
