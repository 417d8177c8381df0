"""The password backend: Django's ModelBackend, loading a request's user together with their memberships."""

from contextvars import ContextVar

from django.contrib.auth.backends import ModelBackend
from django.db import DEFAULT_DB_ALIAS
from django.db.models import FilteredRelation, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, User
from companies.models import Company
from mentorship.prepared import PreparedQuery

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
        persistent_id = device_hint.get()
        device_pk = _device_pk(persistent_id)
        # Outside any tenant scope by nature: this is how a request finds its tenant.
        with scopes_disabled():
            rows = MEMBERSHIPS(user_id=User._meta.pk.to_python(user_id), device_pk=device_pk)
        if not rows:
            user = super().get_user(user_id)
            if user is not None:
                user.active_memberships = ()
            return user
        user = _instance(User, "user__", rows[0])
        if not self.user_can_authenticate(user):
            return None
        memberships = []
        for row in rows:
            membership = _instance(Membership, "", row)
            membership.user = user  # one instance for all, as select_related would give each its own
            membership.jobcenter = _instance(Jobcenter, "jobcenter__", row)
            membership.company = _instance(Company, "company__", row) if row["company__id"] is not None else None
            membership.inbox_unread = row["inbox_unread"]
            memberships.append(membership)
        user.active_memberships = tuple(memberships)
        if device_pk is not None:
            # None when the join found no such device (not theirs, not confirmed, deleted).
            device = (
                _instance(TOTPDevice, "session_device__", rows[0])
                if rows[0]["session_device__id"] is not None
                else None
            )
            if device is not None:
                device.user = user
            user.preloaded_otp_device = (persistent_id, device)
        return user


_RELATED = (("", Membership), ("user__", User), ("jobcenter__", Jobcenter), ("company__", Company))


def _columns(related) -> list[str]:
    return [prefix + f.attname for prefix, model in related for f in model._meta.concrete_fields]


def _instance(model, prefix: str, row: dict):
    """The model instance select_related would build from the row's `prefix` columns (every concrete field)."""
    fields = model._meta.concrete_fields
    return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], [row[prefix + f.attname] for f in fields])


def _memberships(*, user_id: int, device_pk: int | None) -> QuerySet:
    """The user's active memberships in active jobcenters, oldest first, each with its user, jobcenter, company
    and inbox count; with the session's TOTP device when `device_pk` names one (only if it is the user's and
    confirmed)."""
    from inbox.selectors import unread_count_annotation

    queryset = (
        Membership.objects.filter(user_id=user_id, is_active=True, jobcenter__is_active=True)
        .annotate(inbox_unread=unread_count_annotation())
        .order_by("created_at", "id")
    )
    related = _RELATED
    if device_pk is not None:
        queryset = queryset.annotate(
            session_device=FilteredRelation(
                "user__totpdevice",
                condition=Q(user__totpdevice__pk=device_pk, user__totpdevice__confirmed=True),
            )
        )
        related = (*_RELATED, ("session_device__", TOTPDevice))
    return queryset.values(*_columns(related), "inbox_unread")


# Every request reads it, so its SQL is compiled once per process (mentorship.prepared).
MEMBERSHIPS = PreparedQuery(_memberships, scope=None)
