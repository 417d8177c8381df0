"""The one named way out of a tenant model's scope, besides `scopes_disabled()` with a comment.

Tenant models use django-scopes' `ScopedManager` as `objects`: a query outside a scope raises ScopeError
and a query inside one sees one jobcenter. A model that has a read which must not pay for that filter
declares `unscoped = UnscopedManager()` after `objects` (so `objects` stays the default manager), with a
docstring saying which reads may use it. tests/test_scope_exits.py holds every tenant model to this.
"""

from django.db import models


class UnscopedManager(models.Manager):
    """Every jobcenter's rows. Only where the model's docstring on `unscoped` allows it: a read already
    narrowed to one jobcenter by other means (a scoped subquery), never a read that a request's scope
    should narrow."""
