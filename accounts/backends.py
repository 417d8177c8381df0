"""The password backend: Django's ModelBackend, loading a request's user together with their memberships."""

from contextvars import ContextVar

from django.contrib.auth.backends import ModelBackend
from django.db.models import FilteredRelation, Q
from django_scopes import scopes_disabled

from accounts.models import Membership

# The session's verified-device id ("otp_totp.totpdevice/<pk>"), set by accounts.middleware.OTPMiddleware while
# it loads the request's user, so the one query below reads that device too. None: no device to read.
device_hint: ContextVar[str | None] = ContextVar("device_hint", default=None)
TOTP_DEVICE_PREFIX = "otp_totp.totpdevice/"
NOT_LOADED = object()


def _device_pk(persistent_id: str | None) -> int | None:
    if not persistent_id or not persistent_id.startswith(TOTP_DEVICE_PREFIX):
        return None
    pk = persistent_id.removeprefix(TOTP_DEVICE_PREFIX)
    return int(pk) if pk.isdigit() else None


class ModelWithMembershipsBackend(ModelBackend):
    """ModelBackend whose get_user (run once per request, by AuthenticationMiddleware) reads the user and
    their active memberships, with jobcenter and company, in ONE query from the membership side, and
    hands the memberships to accounts.tenancy.resolve_tenant, which would otherwise read them again.

    The same query reads what every page needs of the user besides: the TOTP device the session says verified
    them (`user.preloaded_otp_device`: (persistent id, the device if it is still theirs and confirmed, else
    None), for accounts.middleware.OTPMiddleware), and each membership's unread inbox count (`inbox_unread`,
    the rule of inbox.selectors.unread_count_annotation) for the header. Both are read fresh on every request.

    A user without an active membership (a platform superuser, a user whose jobcenter was closed) costs
    the two queries it always did. Authentication, permissions and the is_active rule are ModelBackend's.
    """

    def get_user(self, user_id):
        from inbox.selectors import unread_count_annotation

        persistent_id = device_hint.get()
        device_pk = _device_pk(persistent_id)
        # Outside any tenant scope by nature: this is how a request finds its tenant.
        with scopes_disabled():
            queryset = (
                Membership.objects.filter(user_id=user_id, is_active=True, jobcenter__is_active=True)
                .select_related("user", "jobcenter", "company")
                .annotate(inbox_unread=unread_count_annotation())
                .order_by("created_at", "id")
            )
            if device_pk is not None:
                queryset = queryset.annotate(
                    session_device=FilteredRelation(
                        "user__totpdevice",
                        condition=Q(user__totpdevice__pk=device_pk, user__totpdevice__confirmed=True),
                    )
                ).select_related("session_device")
            memberships = tuple(queryset)
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
        if device_pk is not None:
            # Not set at all when the join found no such device (None with select_related's usual nullable join).
            device = getattr(memberships[0], "session_device", None)
            if device is not None:
                device.user = user
            user.preloaded_otp_device = (persistent_id, device)
        return user
