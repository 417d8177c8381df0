"""The one place that decides which jobcenter (and, for leaders, which company) a request acts for."""

from dataclasses import dataclass

from django.http import HttpRequest
from django_scopes import scopes_disabled

from accounts.models import TWO_FACTOR_ROLES, Membership, Role

SESSION_KEY = "active_membership_id"


@dataclass(frozen=True)
class Tenant:
    membership: Membership | None
    memberships: tuple[Membership, ...]

    @property
    def jobcenter(self):
        return self.membership.jobcenter if self.membership else None

    @property
    def company(self):
        if self.membership and self.membership.role == Role.COMPANY_LEADER:
            return self.membership.company
        return None

    @property
    def can_switch(self) -> bool:
        """True for a user with more than one active membership (the header then offers the switch)."""
        return len(self.memberships) > 1

    def membership_by_id(self, pk) -> Membership | None:
        """One of the user's own active memberships, or None: the only memberships a user may switch to."""
        return next((m for m in self.memberships if m.pk == pk), None)


def resolve_tenant(request: HttpRequest) -> Tenant:
    """The user's active membership: the one chosen in the session if still valid, else the oldest.

    Never taken from a URL or form value, so a user cannot act for a tenant they do not belong to.
    """
    user = request.user
    if not user.is_authenticated:
        return Tenant(None, ())
    # Loaded with the user by accounts.backends.ModelWithMembershipsBackend (the same filter and order) when
    # the request's user came from the session; read here otherwise.
    memberships = getattr(user, "active_memberships", None)
    if memberships is None:
        with scopes_disabled():
            memberships = tuple(
                Membership.objects.filter(user=user, is_active=True, jobcenter__is_active=True)
                .select_related("jobcenter", "company")
                .order_by("created_at", "id")
            )
    chosen = request.session.get(SESSION_KEY)
    active = next((m for m in memberships if m.pk == chosen), memberships[0] if memberships else None)
    return Tenant(active, memberships)


def requires_two_factor(user, tenant: Tenant) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(m.role in TWO_FACTOR_ROLES for m in tenant.memberships)


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """Lockout key for django-axes: the e-mail in lower case, so changing case does not reset the count."""
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if value else None
