"""Roles are data (Membership.role) and are checked here, in one place.

Too little role inside your own jobcenter answers 403; another tenant's object answers 404 (the
selectors never find it).
"""

from collections.abc import Iterable
from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.models import Role

COORDINATORS = (Role.COORDINATOR, Role.JOBCENTER_ADMIN)
STAFF = (Role.COORDINATOR, Role.JOBCENTER_ADMIN, Role.CASEWORKER)
LEADERS = (Role.COMPANY_LEADER,)
ADMINS = (Role.JOBCENTER_ADMIN,)


def has_role(request, roles: Iterable[str]) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role in roles


def role_required(*roles: str):
    """Function-view decorator: the request's membership must have one of `roles`, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
