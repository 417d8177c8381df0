"""The password backend: Django's ModelBackend, loading a request's user together with their memberships."""

from django.contrib.auth.backends import ModelBackend
from django_scopes import scopes_disabled

from accounts.models import Membership


class ModelWithMembershipsBackend(ModelBackend):
    """ModelBackend whose get_user (run once per request, by AuthenticationMiddleware) reads the user and
    their active memberships, with jobcenter and company, in ONE query from the membership side, and
    hands the memberships to accounts.tenancy.resolve_tenant, which would otherwise read them again.

    A user without an active membership (a platform superuser, a user whose jobcenter was closed) costs
    the two queries it always did. Authentication, permissions and the is_active rule are ModelBackend's.
    """

    def get_user(self, user_id):
        # Outside any tenant scope by nature: this is how a request finds its tenant.
        with scopes_disabled():
            memberships = tuple(
                Membership.objects.filter(user_id=user_id, is_active=True, jobcenter__is_active=True)
                .select_related("user", "jobcenter", "company")
                .order_by("created_at", "id")
            )
        if not memberships:
            user = super().get_user(user_id)
            if user is not None:
                user.active_memberships = ()
            return user
        user = memberships[0].user
        if not self.user_can_authenticate(user):
            return None
        for membership in memberships:
            membership.user = user  # one instance, as a fresh query would give each its own
        user.active_memberships = memberships
        return user
