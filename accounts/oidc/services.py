"""MitID Erhverv sign-in: the binding at the first sign-in through an invitation, and later sign-ins.

Both are atomic: a refusal (Refusal) raised inside them rolls back everything they did, so a refused sign-in
creates no user, membership or binding and uses no invitation. The caller then records the refusal with
`refusal_record`, outside that transaction, so the audit entry is kept.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.federation import level_counts_as_second_factor
from accounts.models import Membership, User
from accounts.oidc.config import MitIDErhvervSettings
from accounts.oidc.models import ProfessionalBinding
from audit.services import activity_record

CVR = re.compile(r"^[0-9]{8}$")


class Refusal(Exception):
    """A sign-in that must not go through. `reason` is a key of accounts.oidc.views.REFUSALS."""

    def __init__(self, reason: str, *, jobcenter=None, **data: Any):
        super().__init__(reason)
        self.reason = reason
        self.jobcenter = jobcenter
        self.data = data


@dataclass(frozen=True)
class Identity:
    """What a verified ID token says about the person, read through the configured claim names."""

    persistent_id: str
    cvr: str
    name: str = ""
    email: str = ""
    level: str = ""
    org_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if isinstance(value, list):  # a multi-valued attribute (NemLog-in may send several e-mails): the first
        value = value[0] if value else ""
    return str(value).strip() if value is not None else ""


def identity_from_claims(claims: dict[str, Any], *, config: MitIDErhvervSettings) -> Identity:
    """The person in a verified ID token, or Refusal when it is not a professional sign-in at NSIS Substantial
    or higher: no persistent professional ID, no (or a malformed) CVR number, or a lower level of assurance."""
    persistent_id = _text(claims, config.claim("persistent_id"))
    cvr = _text(claims, config.claim("cvr"))
    level = _text(claims, config.claim("loa"))
    data = {"cvr": cvr[:20], "persistent_id": persistent_id[:200], "level": level[:40]}
    if not persistent_id:
        raise Refusal("not_professional", **data)
    if not CVR.fullmatch(cvr):
        raise Refusal("no_cvr", **data)
    if not level_counts_as_second_factor(level):
        raise Refusal("level", **data)
    return Identity(
        persistent_id=persistent_id,
        cvr=cvr,
        name=_text(claims, config.claim("name"))[:200],
        email=_text(claims, config.claim("email"))[:254],
        level=level,
        org_name=_text(claims, config.claim("org_name"))[:200],
    )


def _check_user(user: User, *, jobcenter=None, **data: Any) -> None:
    if not user.is_active:
        raise Refusal("inactive", jobcenter=jobcenter, **data)
    if user.is_staff or user.is_superuser:
        # Administration is reached with the password and the authenticator app (or KOMBIT for staff), never
        # through a company's MitID Erhverv.
        raise Refusal("administrator", jobcenter=jobcenter, **data)


def _bindings(persistent_id: str, *, for_update: bool = False) -> list[ProfessionalBinding]:
    queryset = ProfessionalBinding.unscoped.select_related(
        "membership__user", "membership__company", "membership__jobcenter"
    ).filter(persistent_id=persistent_id)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return list(queryset.order_by("bound_at", "id"))


@transaction.atomic
def binding_sign_in(*, identity: Identity, token: str, current_user=None) -> Membership:
    """The first MitID Erhverv sign-in through a leader invitation (the link's `token`).

    Guarantees: the sign-in's CVR number equals the invited company's; the invitation is usable and is used
    (companies.services.leader_invitation_accept, locked, once); the leader's user is the one with the invited
    e-mail (created without a password when there is none; an existing one only when it is the user already
    logged in here or already bound to this MitID Erhverv ID); and the membership is bound to the persistent
    professional ID. Raises Refusal for anything else, with nothing saved."""
    from companies.services import InvitationError, existing_user_for, invitation_for_token, leader_invitation_accept

    data: dict[str, Any] = {"cvr": identity.cvr, "persistent_id": identity.persistent_id}
    try:
        invitation = invitation_for_token(token, for_update=True)
    except InvitationError as problem:
        raise Refusal(f"invitation_{problem.reason}", **data) from None
    company = invitation.company
    jobcenter = company.jobcenter
    data["invitation"] = invitation.pk
    if identity.cvr != company.cvr:
        raise Refusal("wrong_cvr", jobcenter=jobcenter, company_cvr=company.cvr, **data)
    bound_users = {binding.membership.user_id for binding in _bindings(identity.persistent_id, for_update=True)}
    existing = existing_user_for(invitation)
    if existing is not None:
        known = existing.pk in bound_users or (current_user is not None and current_user.pk == existing.pk)
        if not known:
            raise Refusal("login_required", jobcenter=jobcenter, **data)
        target = existing
    else:
        if bound_users:
            # This MitID Erhverv identity already belongs to a user with another e-mail address.
            raise Refusal("bound_elsewhere", jobcenter=jobcenter, **data)
        target = User.objects.create_user(
            email=invitation.email, password=None, full_name=identity.name or invitation.full_name
        )
    _check_user(target, jobcenter=jobcenter, **data)
    if bound_users - {target.pk}:
        raise Refusal("bound_elsewhere", jobcenter=jobcenter, **data)
    try:
        leader_invitation_accept(token=token, password=None, user=target)
    except InvitationError as problem:
        raise Refusal(f"invitation_{problem.reason}", jobcenter=jobcenter, **data) from None
    membership = Membership.objects.select_related("jobcenter", "company").get(user=target, jobcenter=jobcenter)
    now = timezone.now()
    binding = ProfessionalBinding.unscoped.select_for_update().filter(membership=membership).first()
    if binding is not None and binding.persistent_id != identity.persistent_id:
        raise Refusal("membership_bound_elsewhere", jobcenter=jobcenter, **data)
    if binding is None:
        binding = ProfessionalBinding.unscoped.create(
            membership=membership,
            persistent_id=identity.persistent_id,
            cvr=identity.cvr,
            claimed_name=identity.name,
            claimed_email=identity.email,
            bound_at=now,
            last_sign_in_at=now,
        )
    else:
        binding.cvr, binding.last_sign_in_at = identity.cvr, now
        binding.save(update_fields=["cvr", "last_sign_in_at"])
    activity_record(
        actor=target,
        action="accounts.mitid_erhverv.bound",
        obj=membership,
        jobcenter=jobcenter,
        data={"company": company.pk, "cvr": identity.cvr, "persistent_id": identity.persistent_id},
    )
    return membership


@transaction.atomic
def persistent_id_sign_in(*, identity: Identity) -> Membership:
    """A later MitID Erhverv sign-in: the person is found by the persistent professional ID alone, and only a
    membership bound to it whose company has the sign-in's CVR number lets them in.

    Raises Refusal when the ID is bound to no membership ("unknown"), when the sign-in's CVR is no bound
    company's ("wrong_cvr": signed in for another organisation, or MitID Erhverv no longer reports the
    company), or when the matching membership was taken away ("revoked": the jobcenter or the company removed
    the leader). The binding's last sign-in is the only thing written."""
    data = {"cvr": identity.cvr, "persistent_id": identity.persistent_id}
    bindings = _bindings(identity.persistent_id, for_update=True)
    if not bindings:
        raise Refusal("unknown", **data)
    # Bindings are made only for leader memberships, which always name their company (a constraint).
    matching = [b for b in bindings if b.membership.company is not None and b.membership.company.cvr == identity.cvr]
    if not matching:
        raise Refusal(
            "wrong_cvr",
            jobcenter=bindings[0].jobcenter,
            bound_cvrs=sorted({b.membership.company.cvr for b in bindings if b.membership.company is not None}),
            **data,
        )
    usable = [b for b in matching if b.membership.is_active and b.membership.jobcenter.is_active]
    if not usable:
        raise Refusal("revoked", jobcenter=matching[0].jobcenter, membership=matching[0].membership_id, **data)
    binding = usable[0]
    membership = binding.membership
    _check_user(membership.user, jobcenter=membership.jobcenter, **data)
    binding.last_sign_in_at = timezone.now()
    binding.save(update_fields=["last_sign_in_at"])
    activity_record(
        actor=membership.user,
        action="accounts.mitid_erhverv.signed_in",
        obj=membership,
        jobcenter=membership.jobcenter,
        data={"company": membership.company_id, "cvr": identity.cvr},
    )
    return membership


@transaction.atomic
def refusal_record(*, reason: str, jobcenter=None, data: dict[str, Any] | None = None) -> None:
    """The audit entry of a refused sign-in: why, and what the provider said (CVR, persistent ID), never a
    token. Written in its own transaction after the sign-in's was rolled back."""
    activity_record(
        actor=None,
        action="accounts.mitid_erhverv.refused",
        jobcenter=jobcenter,
        data={"reason": reason, **(data or {})},
    )
