"""A database constraint that fires on a save becomes the form's Danish error, never a 500.

Services validate with `full_clean()` before they save, which catches a duplicate that is already
committed; two requests at the same moment both pass that check, and the database's constraint stops
the second with an IntegrityError. `@constraint_errors` (above `@transaction.atomic` on a service, so
the failed transaction is rolled back first) turns that into the ValidationError `full_clean()` would
have raised: the constraint's `violation_error_message`, next to the field the constraint is about.

The constraint is found by the name PostgreSQL reports, among every model's `Meta.constraints`. A
unique violation without a known name (a `unique=True` column) gets a general Danish message; any
other integrity error (a missing foreign key, say) is a bug and is raised as it is.
"""

from contextlib import contextmanager
from functools import cache, wraps

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models
from django.db.models import F
from django.db.models.constraints import BaseConstraint
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

UNIQUE_VIOLATION = "23505"
CHECK_VIOLATION = "23514"
DUPLICATE_MESSAGE = gettext_lazy("Det findes allerede, så det kan ikke gemmes to gange. Opdatér siden og se efter.")


@cache
def _constraints() -> dict[str, tuple[type[models.Model], BaseConstraint]]:
    found = {}
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            found[constraint.name] = (model, constraint)
    return found


def _field_names(constraint: BaseConstraint) -> list[str]:
    if getattr(constraint, "fields", None):
        return list(constraint.fields)
    names = []
    for expression in getattr(constraint, "expressions", ()):
        # A plain F() is its own field; a function (Lower("email")) holds F()s among its source expressions.
        parts = expression.flatten() if hasattr(expression, "flatten") else [expression]
        names.extend(part.name for part in parts if isinstance(part, F))
    return names


def _own_fields(model, constraint: BaseConstraint) -> list:
    """The constraint's fields a person fills in: not the parent it is scoped to (jobcenter, company)."""
    fields = []
    for name in _field_names(constraint):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.is_relation:
            fields.append(field)
    return fields


def _message(model, constraint: BaseConstraint, fields: list) -> str:
    if constraint.violation_error_message != constraint.default_violation_error_message:
        return constraint.get_violation_error_message()
    if isinstance(constraint, models.UniqueConstraint) and fields:
        # Django's own wording for a duplicate (with its Danish translation), as full_clean() says it.
        return _("%(model_name)s with this %(field_labels)s already exists.") % {
            "model_name": capfirst(model._meta.verbose_name),
            "field_labels": get_text_list([capfirst(field.verbose_name) for field in fields], _("and")),
        }
    return str(DUPLICATE_MESSAGE)


def validation_error_for(error: IntegrityError) -> ValidationError | None:
    """The ValidationError that stands for `error`, or None when it is not a constraint a person can fix."""
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)
    known = _constraints().get(name) if name else None
    if known is not None and sqlstate in (UNIQUE_VIOLATION, CHECK_VIOLATION):
        model, constraint = known
        fields = _own_fields(model, constraint)
        message = _message(model, constraint, fields)
        return ValidationError({fields[-1].name if fields else NON_FIELD_ERRORS: [message]})
    if sqlstate == UNIQUE_VIOLATION or (sqlstate is None and "UNIQUE constraint failed" in str(error)):
        return ValidationError(str(DUPLICATE_MESSAGE))
    return None


@contextmanager
def integrity_as_validation():
    """Raises the ValidationError for a constraint that fires inside the block (see the module)."""
    try:
        yield
    except IntegrityError as error:
        converted = validation_error_for(error)
        if converted is None:
            raise
        raise converted from error


def constraint_errors(service):
    """Service decorator, placed above `@transaction.atomic`: a constraint violation becomes a ValidationError."""

    @wraps(service)
    def wrapper(*args, **kwargs):
        with integrity_as_validation():
            return service(*args, **kwargs)

    return wrapper
