"""Tenant models and the ways out of their scope.

Tenant models use django-scopes' `ScopedManager` as `objects`: a query outside a scope raises ScopeError
and a query inside one sees one jobcenter. Leaving the scope is explicit: `scopes_disabled()` with a
comment saying why, or, for a read that must not pay for the scope's filter, a manager
`unscoped = UnscopedManager()` declared after `objects` (so `objects` stays the default manager) with a
docstring saying which reads may use it. tests/test_scope_exits.py holds every tenant model to this.
"""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class UnscopedManager(models.Manager):
    """Every jobcenter's rows. Only where the model's docstring on `unscoped` allows it: a read already
    narrowed to one jobcenter by other means (a scoped subquery), never a read that a request's scope
    should narrow."""


def scoped_objects(model: type[M]) -> models.Manager[M]:
    """`objects` of a model known only at run time (the registry of personal data, a bulk loader): its
    default manager, which on every tenant model is the scoped `objects` (tests/test_scope_exits.py).
    Not a way out of the scope; typed, where mypy knows no `objects` on `type[Model]`."""
    return model._default_manager
