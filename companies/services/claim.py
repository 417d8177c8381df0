"""Compensation claims (frikøb): submitting, approving and rejecting a month's claim."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from companies import compensation, handoffs
from companies.models import ClaimStatus, Company, CompensationClaim
from mentorship.constraints import constraint_errors

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
