"""Company leaders: single-use invitations, their acceptance, and removing a leader."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from accounts.services import membership_create
from audit.services import activity_record
from companies.models import Company, LeaderInvitation
from mentorship.web import link_token, link_token_hash

User = get_user_model()

INVITATION_VALID_FOR = timedelta(days=7)
INVITATION_TOKEN_PURPOSE = "companies.leader_invitation"  # noqa: S105 - a signing namespace, not a secret


# --- Leader invitations ---------------------------------------------------------------------------


class InvitationError(Exception):
    """An invitation link that cannot be used; `reason` is one of unknown, expired, used, revoked."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def leader_invite(*, actor, company: Company, email: str, full_name: str) -> LeaderInvitation:
    """Creates a single-use invitation valid for INVITATION_VALID_FOR and puts the e-mail with the link
    in the outbox (sent after commit). Only a hash of the token is stored on the invitation."""
    from notifications.services import message_enqueue

    email = email.strip().lower()
    already = Membership.objects.filter(
        jobcenter=company.jobcenter, user__email__iexact=email, role=Role.COMPANY_LEADER, company=company
    ).exists()
    if already:
        raise ValidationError({"email": _("Personen er allerede leder af virksomheden i portalen.")})
    # A signed single-use token (mentorship.web); links sent before tokens were signed are still found by hash.
    token = link_token(purpose=INVITATION_TOKEN_PURPOSE)
    now = timezone.now()
    invitation = LeaderInvitation.objects.create(
        company=company,
        email=email,
        full_name=full_name.strip(),
        token_hash=link_token_hash(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    link = settings.SITE_URL.rstrip("/") + reverse("companies:invitation_accept", kwargs={"token": token})
    message_enqueue(
        jobcenter=company.jobcenter,
        kind="companies.leader_invitation",
        recipient_email=email,
        recipient_name=invitation.full_name,
        subject_template="companies/email/leader_invitation_subject.txt",
        text_template="companies/email/leader_invitation.txt",
        html_template=None,
        context={
            "invitation": invitation,
            "company": company,
            "jobcenter": company.jobcenter,
            "link": link,
            "expires_at": invitation.expires_at,
            "invited_by": actor,
        },
        about=invitation,
        idempotency_key=f"companies.leader_invitation:{invitation.pk}",
    )
    activity_record(
        actor=actor,
        action="companies.leader_invitation.created",
        obj=invitation,
        jobcenter=company.jobcenter,
        data={"company": company.pk},
    )
    return invitation


@transaction.atomic
def leader_invitation_revoke(*, actor, invitation: LeaderInvitation) -> LeaderInvitation:
    """Withdraws an invitation that has not been used; its link then says it was withdrawn."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        activity_record(
            actor=actor,
            action="companies.leader_invitation.revoked",
            obj=invitation,
            jobcenter=invitation.company.jobcenter,
        )
    return invitation


def invitation_for_token(token: str, *, for_update: bool = False) -> LeaderInvitation:
    """The usable invitation for a raw token, or InvitationError saying plainly why not."""
    queryset = LeaderInvitation.objects.select_related("company__jobcenter")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=link_token_hash(token)).first()
    if invitation is None:
        raise InvitationError("unknown")
    if invitation.accepted_at is not None:
        raise InvitationError("used")
    if invitation.revoked_at is not None:
        raise InvitationError("revoked")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    return invitation


def existing_user_for(invitation: LeaderInvitation):
    return User.objects.filter(email__iexact=invitation.email).first()


@transaction.atomic
def leader_invitation_accept(*, token: str, password: str | None, user=None) -> tuple[LeaderInvitation, Any]:
    """Uses an invitation once: creates the leader's user with `password` (a new e-mail address) or
    takes the logged-in `user` whose e-mail matches, and gives them the leader membership.

    The invitation row is locked, so two simultaneous uses of the same link make one user, not two;
    the second sees InvitationError("used").
    """
    invitation = invitation_for_token(token, for_update=True)
    company = invitation.company
    existing = existing_user_for(invitation)
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise InvitationError("login_required")
        target = existing
    else:
        if not password:
            raise ValueError("A new leader needs a password.")
        target = User.objects.create_user(email=invitation.email, password=password, full_name=invitation.full_name)
    membership = Membership.objects.filter(user=target, jobcenter=company.jobcenter).first()
    if membership is None:
        membership_create(
            actor=target, user=target, jobcenter=company.jobcenter, role=Role.COMPANY_LEADER, company=company
        )
    elif membership.role != Role.COMPANY_LEADER or membership.company_id != company.pk:
        # One membership per user and jobcenter: a coordinator cannot also be a company's leader there.
        raise InvitationError("other_role")
    elif not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    invitation.accepted_at = timezone.now()
    invitation.user = target
    invitation.save(update_fields=["accepted_at", "user"])
    activity_record(
        actor=target, action="companies.leader_invitation.accepted", obj=invitation, jobcenter=company.jobcenter
    )
    return invitation, target


@transaction.atomic
def leader_remove(*, actor, membership: Membership) -> Membership:
    """Takes away a leader's access to the company's portal (the user itself is kept)."""
    if membership.role != Role.COMPANY_LEADER:
        raise ValueError("Not a leader membership.")
    if membership.is_active:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        activity_record(
            actor=actor,
            action="companies.leader.removed",
            obj=membership,
            jobcenter=membership.jobcenter,
            data={"company": membership.company_id},
        )
    return membership
