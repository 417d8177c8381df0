"""Writes on accounts. Each service is atomic and leaves an activity-log entry."""

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Jobcenter, Membership, Role, User
from audit.services import activity_record


@transaction.atomic
def jobcenter_defaults_ensure(*, actor, jobcenter: Jobcenter) -> None:
    """Gives a jobcenter every app's default vocabulary (competences, weights, ...), adding only what is
    missing. The apps' functions are listed in settings.JOBCENTER_DEFAULTS, so accounts needs no imports
    of the apps that build on it."""
    for path in settings.JOBCENTER_DEFAULTS:
        import_string(path)(actor=actor, jobcenter=jobcenter)


@transaction.atomic
def two_factor_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first use; confirmed devices are never handed out."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Godkendelsesapp", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice) -> TOTPDevice:
    """Confirms a device whose token the user has just proved, and removes other unconfirmed ones."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    activity_record(actor=user, action="accounts.two_factor.confirmed", obj=user)
    return device


@transaction.atomic
def two_factor_reset(*, actor, user: User, jobcenter: Jobcenter | None) -> int:
    """Removes the user's authenticators (a lost phone, or one that wrong codes have made wait too long).

    The user's sessions stop counting as verified at once (django-otp finds the device gone), and the next
    login sets up a new authenticator. Returns how many devices were removed; the activity log names the
    user and who reset them."""
    removed, _counts = TOTPDevice.objects.filter(user=user).delete()
    activity_record(actor=actor, action="accounts.two_factor.reset", obj=user, jobcenter=jobcenter)
    return removed


@transaction.atomic
def membership_create(*, actor, user: User, jobcenter: Jobcenter, role: Role, company=None) -> Membership:
    """Gives `user` a role in `jobcenter`. A company leader's membership must name a company in it."""
    if role == Role.COMPANY_LEADER and (company is None or company.jobcenter_id != jobcenter.pk):
        raise ValueError("A company leader's membership needs a company in the same jobcenter.")
    membership = Membership.objects.create(user=user, jobcenter=jobcenter, role=role, company=company)
    activity_record(
        actor=actor, action="accounts.membership.created", obj=membership, jobcenter=jobcenter, data={"role": role}
    )
    return membership


@transaction.atomic
def membership_switch(*, actor: User, membership: Membership, previous: Membership | None) -> Membership:
    """Logs that `actor` now works as `membership` (a shared service centre, a consultant who covers two
    municipalities). The entry belongs to the jobcenter switched into and names the one left, so each
    jobcenter's log shows who came in and from where. The caller has checked that the membership is the
    actor's own and active (accounts.tenancy) and keeps the choice in the session."""
    if membership.user_id != actor.pk:
        raise ValueError("A user can switch only to a membership of their own.")
    activity_record(
        actor=actor,
        action="accounts.membership.switched",
        obj=membership,
        jobcenter=membership.jobcenter,
        data={
            "role": membership.role,
            "from_membership": previous.pk if previous else None,
            "from_jobcenter": str(previous.jobcenter) if previous else None,
        },
    )
    return membership
