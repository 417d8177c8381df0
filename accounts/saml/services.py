"""Writes of the staff sign-in through KOMBIT's Context Handler. Each is atomic and leaves activity-log entries.

`federated_sign_in` is the just-in-time provisioning: the assertion's privileges are the truth about a person's
staff roles in every jobcenter that has a CVR number (the ones federation serves). It refuses (FederationRefused)
before it writes anything, so a refused assertion creates nothing but its audit entry (`refusal_record`).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from accounts.models import STAFF_ROLES, Jobcenter, Membership, Role, User
from accounts.saml.models import FederatedIdentity, FederatedSession, SeenAssertion
from accounts.saml.privileges import Grant, widest_role_per_cvr
from audit.services import activity_record


class Refusal:
    """Why a sign-in was refused; each has its Danish page (templates/accounts/saml/refused.html)."""

    INVALID = "invalid"
    SIGNATURE = "signature"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    AUDIENCE = "audience"
    UNSOLICITED = "unsolicited"
    REPLAYED = "replayed"
    IDP_STATUS = "idp_status"
    LOA_TOO_LOW = "loa_too_low"
    NO_PRIVILEGE = "no_privilege"
    BAD_PRIVILEGES = "bad_privileges"
    OTHER_MUNICIPALITY = "other_municipality"
    NO_EMAIL = "no_email"
    EMAIL_TAKEN = "email_taken"
    USER_INACTIVE = "user_inactive"


class FederationRefused(Exception):
    def __init__(self, reason: str, detail: str = "", **data):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
        self.data = data


@dataclass(frozen=True)
class Assertion:
    """What the view took from an assertion pysaml2 has verified."""

    issuer: str
    assertion_id: str
    expires_at: datetime
    name_id: str
    email: str
    full_name: str
    grants: tuple[Grant, ...]


def refusal_record(*, reason: str, issuer: str = "", detail: str = "", data: dict | None = None) -> None:
    """The audit entry of a refused sign-in (no actor: nobody was signed in). Committed on its own."""
    with transaction.atomic():
        activity_record(
            actor=None,
            action="accounts.federation.refused",
            data={"reason": reason, "issuer": issuer[:500], "detail": detail[:500], **(data or {})},
        )


def _served_jobcenters(grants) -> dict[str, Jobcenter]:
    cvrs = {grant.cvr for grant in grants}
    return {jc.cvr: jc for jc in Jobcenter.objects.filter(cvr__in=cvrs, is_active=True) if jc.cvr}


def _user_for(assertion: Assertion, jobcenters: dict[str, Jobcenter]) -> tuple[User, FederatedIdentity | None]:
    """The user bound to the identity; else an existing user with the e-mail, when the assertion vouches for all
    that user is (staff of the jobcenters it grants, never a superuser); else a new user (None: not yet bound)."""
    identity = (
        FederatedIdentity.objects.select_related("user")
        .filter(issuer=assertion.issuer, subject=assertion.name_id)
        .first()
    )
    if identity is not None:
        return identity.user, identity
    existing = User.objects.filter(email__iexact=assertion.email).first()
    if existing is None:
        return User(email=assertion.email.lower(), full_name=assertion.full_name), None
    with scopes_disabled():  # the person's memberships in every jobcenter, to judge whether the IdP vouches
        memberships = list(Membership.objects.filter(user=existing, is_active=True))
    granted = {jc.pk for jc in jobcenters.values()}
    vouched = all(m.role in STAFF_ROLES and m.jobcenter_id in granted for m in memberships)
    if existing.is_superuser or not vouched or existing.federated_identities.filter(issuer=assertion.issuer).exists():
        raise FederationRefused(Refusal.EMAIL_TAKEN, "the e-mail belongs to a user the assertion does not vouch for")
    return existing, None


@transaction.atomic
def federated_sign_in(*, assertion: Assertion) -> User:
    """Signs a member of staff in from a verified assertion, creating or updating them just in time.

    Guarantees: the assertion ID has not signed anyone in before (kept until it expires); every privilege is for
    a jobcenter this installation serves (by CVR), else nothing is written; afterwards the user's staff
    memberships in the jobcenters that have a CVR number are exactly the granted ones (widest role per
    jobcenter), those no longer granted deactivated; memberships elsewhere and company-leader ones are left as
    they are. Each change is in the activity log."""
    if SeenAssertion.objects.filter(assertion_id=assertion.assertion_id).exists():
        raise FederationRefused(Refusal.REPLAYED)
    if not assertion.grants:
        raise FederationRefused(Refusal.NO_PRIVILEGE)
    widest = widest_role_per_cvr(list(assertion.grants))
    jobcenters = _served_jobcenters(assertion.grants)
    unserved = sorted(set(widest) - set(jobcenters))
    if unserved:
        raise FederationRefused(Refusal.OTHER_MUNICIPALITY, cvrs=unserved)
    if not assertion.email:
        raise FederationRefused(Refusal.NO_EMAIL)
    user, identity = _user_for(assertion, jobcenters)
    if user.pk is not None and not user.is_active:
        raise FederationRefused(Refusal.USER_INACTIVE)

    now = timezone.now()
    try:
        with transaction.atomic():
            SeenAssertion.objects.create(
                assertion_id=assertion.assertion_id, issuer=assertion.issuer, expires_at=assertion.expires_at
            )
    except IntegrityError:
        raise FederationRefused(Refusal.REPLAYED) from None
    SeenAssertion.objects.filter(expires_at__lt=now).delete()

    if user.pk is None:
        user.set_unusable_password()
        user.save()
        activity_record(actor=user, action="accounts.federation.user_created", obj=user)
    elif assertion.full_name and user.full_name != assertion.full_name:
        user.full_name = assertion.full_name
        user.save(update_fields=["full_name"])
    if identity is None:
        identity = FederatedIdentity.objects.create(user=user, issuer=assertion.issuer, subject=assertion.name_id)
        activity_record(actor=user, action="accounts.federation.user_linked", obj=user)
    identity.last_login_at = now
    identity.save(update_fields=["last_login_at"])
    _memberships_sync(user=user, widest=widest, jobcenters=jobcenters)
    activity_record(actor=user, action="accounts.federation.signed_in", obj=user, data={"issuer": assertion.issuer})
    return user


def _memberships_sync(*, user: User, widest: dict, jobcenters: dict[str, Jobcenter]) -> None:
    with scopes_disabled():  # the person's memberships across every jobcenter federation serves
        current = {m.jobcenter_id: m for m in Membership.objects.filter(user=user, jobcenter__cvr__isnull=False)}
        for cvr, role in widest.items():
            jobcenter = jobcenters[cvr]
            membership = current.pop(jobcenter.pk, None)
            if membership is None:
                membership = Membership.objects.create(user=user, jobcenter=jobcenter, role=role)
                activity_record(
                    actor=user, action="accounts.federation.role_granted", obj=membership, data={"role": role}
                )
            elif membership.role == Role.COMPANY_LEADER:
                continue  # a company leader's membership is MitID Erhverv's, not the Context Handler's
            elif membership.role != role or not membership.is_active:
                previous = membership.role
                membership.role, membership.is_active = role, True
                membership.save(update_fields=["role", "is_active"])
                activity_record(
                    actor=user,
                    action="accounts.federation.role_changed",
                    obj=membership,
                    data={"role": role, "previous": previous},
                )
        for membership in current.values():
            if membership.role in STAFF_ROLES and membership.is_active:
                membership.is_active = False
                membership.save(update_fields=["is_active"])
                activity_record(
                    actor=user,
                    action="accounts.federation.role_removed",
                    obj=membership,
                    data={"role": membership.role},
                )
        admin_somewhere = Membership.objects.filter(user=user, is_active=True, role=Role.JOBCENTER_ADMIN).exists()
    if user.is_staff != admin_somewhere and not user.is_superuser:
        user.is_staff = admin_somewhere  # a jobcenter admin works in Django admin too
        user.save(update_fields=["is_staff"])


@transaction.atomic
def federated_session_remember(*, user: User, session_key: str, issuer: str, name_id: str, session_index: str) -> None:
    """Remembers which Django session the IdP's session (name ID, session index) opened, for its logout."""
    FederatedSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "issuer": issuer, "name_id": name_id, "session_index": session_index},
    )


@transaction.atomic
def federated_sessions_end(
    *, issuer: str, name_id: str, session_indexes: list[str], session_store: type[SessionBase]
) -> list[str]:
    """Ends every Django session the IdP's logout request names (all of the person's, when it names no session
    index). Returns the ended session keys; the activity log names the user."""
    rows = FederatedSession.objects.select_for_update().filter(issuer=issuer, name_id=name_id)
    if session_indexes:
        rows = rows.filter(session_index__in=session_indexes)
    ended = []
    for row in rows.select_related("user"):
        session_store(session_key=row.session_key).delete()
        ended.append(row.session_key)
        activity_record(actor=row.user, action="accounts.federation.logged_out_by_idp", obj=row.user)
    FederatedSession.objects.filter(session_key__in=ended).delete()
    return ended


def federated_session_forget(*, session_key: str | None) -> None:
    if session_key:
        FederatedSession.objects.filter(session_key=session_key).delete()


def password_sign_in_allowed(user: User) -> bool:
    """False for a member of staff of a jobcenter whose admin has switched local passwords off: they sign in
    through the Context Handler. The platform operator always keeps the password."""
    if user.is_superuser:
        return True
    with scopes_disabled():  # across the user's jobcenters, before any tenant is chosen
        return not Membership.objects.filter(
            user=user, is_active=True, role__in=STAFF_ROLES, jobcenter__local_passwords_disabled=True
        ).exists()


PASSWORDS_OFF_MESSAGE = _(
    "Dit jobcenter logger ind via Fælleskommunal adgangsstyring. Vælg „Log ind som medarbejder i kommunen“."
)


@transaction.atomic
def local_passwords_set(*, actor: User, jobcenter: Jobcenter, disabled: bool) -> Jobcenter:
    """Switches local passwords off (or on again) for the jobcenter's staff. The caller has checked that
    federation is configured, the jobcenter has a CVR number and the actor signed in through it, so nobody is
    locked out by the switch."""
    if disabled and not jobcenter.cvr:
        raise ValueError("A jobcenter without a CVR number cannot sign in through the Context Handler.")
    jobcenter.local_passwords_disabled = disabled
    jobcenter.save(update_fields=["local_passwords_disabled"])
    activity_record(
        actor=actor,
        action="accounts.federation.passwords_disabled" if disabled else "accounts.federation.passwords_enabled",
        obj=jobcenter,
        jobcenter=jobcenter,
    )
    return jobcenter
