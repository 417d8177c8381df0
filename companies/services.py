"""Every write on companies, company mentors, leader invitations and course nominations.

Each service is atomic and leaves an activity-log entry in the same transaction. Services take the
objects they act on already resolved by a scoped selector; they re-check that related objects
(a mentor to shadow, competences, placement types) belong to the same company or jobcenter, so a
forged id in a form never links two tenants.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from accounts.services import membership_create
from audit.services import activity_record
from companies import compensation, handoffs
from companies.models import (
    ClaimStatus,
    Company,
    CompanyMentor,
    CompensationClaim,
    CourseNomination,
    LeaderInvitation,
    NominationStatus,
)
from mentorship.constraints import constraint_errors
from mentorship.web import link_token, link_token_hash

User = get_user_model()

COMPANY_FIELDS = (
    "name",
    "cvr",
    "p_number",
    "address",
    "postcode",
    "city",
    "industry",
    "size_band",
    "sector",
    "contact_name",
    "contact_email",
    "contact_phone",
    "capacity",
    "status",
    "notes",
)
# What a company leader may change in the portal: not the status, the notes or the CVR number.
LEADER_COMPANY_FIELDS = (
    "name",
    "p_number",
    "address",
    "postcode",
    "city",
    "industry",
    "size_band",
    "contact_name",
    "contact_email",
    "contact_phone",
    "capacity",
)
MENTOR_FIELDS = (
    "full_name",
    "job_title",
    "email",
    "phone",
    "years_in_company",
    "experience",
    "hourly_wage",
    "course_completed_on",
    "is_new",
    "shadowing",
    "is_active",
)

INVITATION_VALID_FOR = timedelta(days=7)
INVITATION_TOKEN_PURPOSE = "companies.leader_invitation"  # noqa: S105 - a signing namespace, not a secret


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Sets the allowed fields that changed; returns their names (for update_fields and the audit log)."""
    changed = []
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"Field {name!r} may not be set here.")
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _check_same_jobcenter(jobcenter, *, placement_types=(), competences=()) -> None:
    for item in [*placement_types, *competences]:
        if item.jobcenter_id != jobcenter.pk:
            raise ValueError("Vocabulary from another jobcenter.")


# --- Companies ------------------------------------------------------------------------------------


@constraint_errors
@transaction.atomic
def company_create(*, actor, jobcenter, data: dict, placement_types=()) -> Company:
    """Creates a company in `jobcenter`. The CVR number must be valid and unique in the jobcenter
    (validated by the model; a duplicate raises ValidationError naming the field)."""
    _check_same_jobcenter(jobcenter, placement_types=placement_types)
    company = Company(jobcenter=jobcenter)
    _apply(company, data, COMPANY_FIELDS)
    company.full_clean()
    company.save()
    company.placement_types.set(placement_types)
    activity_record(actor=actor, action="companies.company.created", obj=company, data={"cvr": company.cvr})
    return company


@constraint_errors
@transaction.atomic
def company_update(*, actor, company: Company, data: dict, placement_types=None, leader: bool = False) -> Company:
    """Updates the given fields. A leader (portal) may only change LEADER_COMPANY_FIELDS.

    Compares with the row re-read (and locked) here, never with the caller's instance, which a bound
    ModelForm may already have changed in memory (then nothing would look changed, and nothing saved)."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    allowed = LEADER_COMPANY_FIELDS if leader else COMPANY_FIELDS
    changed = _apply(company, data, allowed)
    company.full_clean()
    if changed:
        company.save(update_fields=changed)
    if placement_types is not None:
        _check_same_jobcenter(company.jobcenter, placement_types=placement_types)
        before = set(company.placement_types.values_list("pk", flat=True))
        after = {p.pk for p in placement_types}
        if before != after:
            company.placement_types.set(placement_types)
            changed.append("placement_types")
    if changed:
        activity_record(
            actor=actor,
            action="companies.company.updated",
            obj=company,
            data={"fields": changed, "by_leader": leader},
        )
    return company


# --- Company mentors ------------------------------------------------------------------------------


def _check_mentor_links(company: Company, data: dict, competences, mentor: CompanyMentor | None = None) -> None:
    shadowing = data.get("shadowing")
    if shadowing is not None:
        if shadowing.company_id != company.pk:
            raise ValueError("A mentor can only shadow a mentor of the same company.")
        if mentor is not None and shadowing.pk == mentor.pk:
            raise ValidationError({"shadowing": _("En mentor kan ikke følge sig selv.")})
    _check_same_jobcenter(company.jobcenter, competences=competences or ())


@constraint_errors
@transaction.atomic
def company_mentor_create(*, actor, company: Company, data: dict, competences=()) -> CompanyMentor:
    """Adds an employee of `company` as a company mentor, with competences of the company's jobcenter."""
    _check_mentor_links(company, data, competences)
    mentor = CompanyMentor(company=company)
    _apply(mentor, data, MENTOR_FIELDS)
    mentor.full_clean()
    mentor.save()
    mentor.competences.set(competences)
    activity_record(actor=actor, action="companies.mentor.created", obj=mentor, jobcenter=company.jobcenter)
    return mentor


@constraint_errors
@transaction.atomic
def company_mentor_update(*, actor, mentor: CompanyMentor, data: dict, competences=None) -> CompanyMentor:
    """Updates a company mentor; links stay inside the mentor's company and jobcenter. Compares with
    the row re-read (and locked) here, as company_update does."""
    mentor = CompanyMentor.objects.select_for_update().get(pk=mentor.pk)
    _check_mentor_links(mentor.company, data, competences, mentor=mentor)
    changed = _apply(mentor, data, MENTOR_FIELDS)
    mentor.full_clean()
    if changed:
        mentor.save(update_fields=changed)
    if competences is not None:
        before = set(mentor.competences.values_list("pk", flat=True))
        if before != {c.pk for c in competences}:
            mentor.competences.set(competences)
            changed.append("competences")
    if changed:
        activity_record(
            actor=actor,
            action="companies.mentor.updated",
            obj=mentor,
            jobcenter=mentor.company.jobcenter,
            data={"fields": changed},
        )
    return mentor


@constraint_errors
@transaction.atomic
def course_nomination_create(*, actor, mentor: CompanyMentor, wish: str = "") -> CourseNomination:
    """Records a leader's wish that `mentor` attends a mentor course. One open nomination per mentor:
    a second one updates the wish of the open one. The coordinators are told once per nomination (outbox and
    inbox, companies.handoffs)."""
    open_ones = CourseNomination.objects.select_for_update().filter(mentor=mentor, status=NominationStatus.NEW)
    nomination = open_ones.first()
    if nomination is None:
        try:
            with transaction.atomic():
                nomination = CourseNomination.objects.create(mentor=mentor, wish=wish, nominated_by=actor)
        except IntegrityError:
            # Another request opened one a moment ago (the partial unique index waited for it): update that.
            nomination = open_ones.get()
    if nomination.wish != wish:
        nomination.wish = wish
        nomination.save(update_fields=["wish"])
    activity_record(
        actor=actor, action="companies.course_nomination.created", obj=nomination, jobcenter=mentor.company.jobcenter
    )
    handoffs.course_nomination_created(nomination=nomination)
    return nomination


@transaction.atomic
def course_nomination_handle(*, actor, nomination: CourseNomination) -> CourseNomination:
    """A coordinator marks a nomination as handled (e.g. the mentor was signed up for a course)."""
    if not nomination.is_handled:
        nomination.status = NominationStatus.HANDLED
        nomination.save(update_fields=["status"])
        activity_record(
            actor=actor,
            action="companies.course_nomination.handled",
            obj=nomination,
            jobcenter=nomination.mentor.company.jobcenter,
        )
    return nomination


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


# --- Compensation claims (frikøb) -----------------------------------------------------------------


def _claim_errors(*, placement, month: date, today: date) -> dict[str, str]:
    errors = {}
    if not placement.has_begun:
        errors["placement"] = _("Der kan kun søges frikøb for forløb, som virksomheden har sagt ja til.")
    elif placement.company_mentor_id is None:
        errors["placement"] = _("Forløbet har ingen virksomhedsmentor. Kontakt jobcentret.")
    elif placement.company_mentor.hourly_wage is None:
        errors["placement"] = _(
            "Mentoren %(name)s har ingen timeløn registreret. Skriv timelønnen på mentoren først."
        ) % {"name": placement.company_mentor.full_name}
    if month >= compensation.first_of_month(today):
        # The hours of a month are known when it is over: a claim for this month would be a guess.
        errors["month"] = _("Der kan først søges frikøb for en måned, når den er slut.")
    else:
        last_day = placement.ended_on or placement.ends_on
        if month < compensation.first_of_month(placement.starts_on) or (last_day and month > last_day):
            errors["month"] = _("Måneden ligger uden for forløbets periode (%(start)s–%(end)s).") % {
                "start": f"{placement.starts_on:%d.%m.%Y}",
                "end": f"{last_day:%d.%m.%Y}" if last_day else "",
            }
    return errors


@constraint_errors
@transaction.atomic
def claim_submit(
    *, actor, company: Company, placement, month: date, hours: Decimal, note: str = ""
) -> CompensationClaim:
    """Submits the company's claim for one placement and month, priced with the mentor's actual hourly
    wage and the jobcenter's rates for that month. A rejected claim for the same placement and month is
    corrected and submitted again; an open or approved one cannot be submitted twice.

    Raises ValidationError (with Danish messages per field) and writes nothing when the claim is not
    allowed: the placement is not the company's or not accepted, the month is outside it or in the future.
    Each submission tells the coordinators (outbox and inbox, in this transaction; companies.handoffs).
    """
    from companies.selectors import compensation_rates_for

    if placement.company_id != company.pk or placement.jobcenter_id != company.jobcenter_id:
        raise ValueError("The placement is not the company's.")
    month = compensation.first_of_month(month)
    errors = _claim_errors(placement=placement, month=month, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    mentor = placement.company_mentor
    rates = compensation_rates_for(jobcenter=company.jobcenter, month=month)
    amounts = compensation.calculate(
        hours=hours,
        hourly_wage=mentor.hourly_wage,
        holiday_pay_pct=rates.holiday_pay_pct,
        pension_pct=rates.pension_pct,
        employer_contribution_pct=rates.employer_contribution_pct,
    )
    values = {
        "jobcenter": company.jobcenter,
        "company": company,
        "company_mentor": mentor,
        "hours": hours,
        "hourly_wage": mentor.hourly_wage,
        "holiday_pay_pct": rates.holiday_pay_pct,
        "pension_pct": rates.pension_pct,
        "employer_contribution_pct": rates.employer_contribution_pct,
        "wage_amount": amounts.wage,
        "holiday_pay_amount": amounts.holiday_pay,
        "pension_amount": amounts.pension,
        "employer_contribution_amount": amounts.employer_contribution,
        "total_amount": amounts.total,
        "note": note,
        "status": ClaimStatus.SUBMITTED,
        "submitted_by": actor,
        "submitted_at": timezone.now(),
        "decided_by": None,
        "decided_at": None,
        "rejection_reason": "",
    }
    claim = CompensationClaim.objects.select_for_update().filter(placement=placement, month=month).first()
    if claim is not None:
        if not CompensationClaim.STATUS_TRANSITIONS.can(claim.status, ClaimStatus.SUBMITTED):
            message = _("Der er allerede en anmodning for dette forløb i den måned.")
            raise ValidationError({"month": ValidationError(message, code="illegal_transition")})
        for name, value in values.items():
            setattr(claim, name, value)
        claim.save(update_fields=[name for name in values if name not in ("jobcenter", "company")])
        action = "companies.claim.resubmitted"
    else:
        claim = CompensationClaim.objects.create(placement=placement, month=month, **values)
        action = "companies.claim.submitted"
    activity_record(
        actor=actor,
        action=action,
        obj=claim,
        data={"hours": str(hours), "total": str(amounts.total), "month": month.isoformat()},
    )
    handoffs.claim_submitted(claim=claim)
    return claim


def _decide(*, actor, claim: CompensationClaim, status: str, reason: str = "") -> CompensationClaim:
    locked = CompensationClaim.objects.select_for_update().get(pk=claim.pk)
    CompensationClaim.STATUS_TRANSITIONS.require(locked.status, status, message=_("Anmodningen er allerede behandlet."))
    locked.status = status
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.rejection_reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason"])
    activity_record(
        actor=actor, action=f"companies.claim.{status}", obj=locked, data={"reason": reason} if reason else {}
    )
    handoffs.claim_decided(claim=locked)
    return locked


@transaction.atomic
def claim_approve(*, actor, claim: CompensationClaim) -> CompensationClaim:
    """Approves a submitted claim for payment. A claim is decided once (the row is locked); the leader who
    submitted it is told (companies.handoffs)."""
    return _decide(actor=actor, claim=claim, status=ClaimStatus.APPROVED)


@transaction.atomic
def claim_reject(*, actor, claim: CompensationClaim, reason: str) -> CompensationClaim:
    """Rejects a submitted claim with a reason the company sees; the company may correct and resubmit. The
    leader who submitted it is told, with the reason (companies.handoffs)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrundelse, som virksomheden kan se.")})
    return _decide(actor=actor, claim=claim, status=ClaimStatus.REJECTED, reason=reason.strip())
