"""Writes on placements: proposal, the company's answer, changes, the end, and the step-up plan."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from citizens import handoffs
from citizens.models import (
    Citizen,
    HoursStep,
    Outcome,
    Placement,
    PlacementStatus,
)
from citizens.services._common import _apply, _loggable, _same_jobcenter
from citizens.services.citizen import _citizen_mark_active
from mentorship.constraints import constraint_errors

PLACEMENT_FIELDS = (
    "company",
    "company_mentor",
    "placement_type",
    "responsible",
    "starts_on",
    "ends_on",
    "tasks",
    "hours_per_week",
    "mentor_hours_per_week",
    "proposal_note",
)


def _validate_placement(placement: Placement) -> None:
    errors = {}
    if placement.starts_on and placement.ends_on and placement.ends_on <= placement.starts_on:
        errors["ends_on"] = _("Slutdatoen skal ligge efter startdatoen.")
    if (
        placement.company_id
        and placement.company_mentor is not None  # a query only when a mentor is set, as before
        and placement.company_mentor.company_id != placement.company_id
    ):
        errors["company_mentor"] = _("Virksomhedsmentoren skal være ansat i den valgte virksomhed.")
    if errors:
        raise ValidationError(errors)
    placement.full_clean(exclude=["jobcenter", "citizen", "created_by"])


@constraint_errors
@transaction.atomic
def placement_create(
    *, actor, citizen: Citizen, data: dict, accepted: bool = False, notify_company: bool = True
) -> Placement:
    """Proposes a placement to the company (the leader accepts or declines in the portal), or, when the
    company has already said yes (`accepted`), creates it active; then a company mentor is required.
    A proposal tells the company's leaders (outbox and inbox, citizens.handoffs) unless `notify_company` is
    False: a cohort tells each company once for all its placements (matching.services.cohort_commit)."""
    if citizen.is_ended:
        raise ValidationError(_("Borgerens forløb er afsluttet."))
    placement = Placement(jobcenter_id=citizen.jobcenter_id, citizen=citizen, created_by=actor)
    _apply(placement, data, PLACEMENT_FIELDS)
    _same_jobcenter(citizen.jobcenter, placement.company, placement.placement_type)
    if accepted:
        if placement.company_mentor_id is None:
            raise ValidationError({"company_mentor": _("Vælg virksomhedsmentoren, når virksomheden har sagt ja.")})
        placement.status, placement.decided_at = PlacementStatus.ACTIVE, timezone.now()
    _validate_placement(placement)
    placement.save()
    HoursStep.objects.create(
        placement=placement, starts_on=placement.starts_on, hours_per_week=placement.hours_per_week
    )
    if accepted:
        _citizen_mark_active(citizen.pk)
    activity_record(
        actor=actor,
        action="citizens.placement.created",
        obj=placement,
        data={"company": placement.company_id, "status": placement.status},
    )
    if placement.awaits_answer and notify_company:
        handoffs.placement_proposed(placement=placement)
    return placement


@constraint_errors
@transaction.atomic
def placement_update(*, actor, placement: Placement, data: dict) -> Placement:
    """Changes the work agreement (tasks, hours, dates, mentor) of a proposed or active placement."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.is_editable:
        raise ValidationError(_("Et afsluttet eller afvist forløb kan ikke ændres."))
    changed = _apply(placement, data, PLACEMENT_FIELDS)
    if "company" in changed and not placement.awaits_answer:
        raise ValidationError({"company": _("Virksomheden kan ikke skiftes i et aktivt forløb.")})
    _same_jobcenter(placement.jobcenter, placement.company, placement.placement_type)
    if placement.status == PlacementStatus.ACTIVE and placement.company_mentor_id is None:
        raise ValidationError({"company_mentor": _("Et aktivt forløb skal have en virksomhedsmentor.")})
    _validate_placement(placement)
    if changed:
        placement.save(update_fields=changed)
    activity_record(
        actor=actor,
        action="citizens.placement.updated",
        obj=placement,
        data={"fields": {name: _loggable(getattr(placement, name)) for name in changed if name != "tasks"}},
    )
    return placement


@constraint_errors
@transaction.atomic
def placement_accept(*, actor, placement: Placement, company_mentor) -> Placement:
    """The company leader accepts a proposed placement and names the company mentor (one of the
    company's own active mentors). The caller has resolved `placement` from the leader's company. The
    placement's job consultant is told (citizens.handoffs)."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    Placement.STATUS_TRANSITIONS.require(
        placement.status, PlacementStatus.ACTIVE, message=_("Forløbet er allerede besvaret.")
    )
    if company_mentor is None or company_mentor.company_id != placement.company_id:
        raise ValidationError({"company_mentor": _("Vælg en af virksomhedens egne mentorer.")})
    if not company_mentor.is_active:
        raise ValidationError({"company_mentor": _("Mentoren er ikke aktiv.")})
    placement.status, placement.company_mentor, placement.decided_at = (
        PlacementStatus.ACTIVE,
        company_mentor,
        timezone.now(),
    )
    placement.save(update_fields=["status", "company_mentor", "decided_at"])
    _citizen_mark_active(placement.citizen_id)
    activity_record(
        actor=actor, action="citizens.placement.accepted", obj=placement, data={"company_mentor": company_mentor.pk}
    )
    handoffs.placement_answered(placement=placement)
    return placement


@transaction.atomic
def placement_decline(*, actor, placement: Placement, reason: str) -> Placement:
    """The company leader declines a proposed placement, with a reason for the job consultant, who is told
    (citizens.handoffs)."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    Placement.STATUS_TRANSITIONS.require(
        placement.status, PlacementStatus.DECLINED, message=_("Forløbet er allerede besvaret.")
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv kort, hvorfor virksomheden siger nej.")})
    placement.status, placement.decline_reason, placement.decided_at = PlacementStatus.DECLINED, reason, timezone.now()
    placement.save(update_fields=["status", "decline_reason", "decided_at"])
    activity_record(actor=actor, action="citizens.placement.declined", obj=placement)
    handoffs.placement_answered(placement=placement)
    return placement


@transaction.atomic
def placement_end(*, actor, placement: Placement, outcome: str, ended_on: date) -> Placement:
    """Ends an active placement with an outcome."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    Placement.STATUS_TRANSITIONS.require(
        placement.status, PlacementStatus.ENDED, message=_("Kun et aktivt forløb kan afsluttes.")
    )
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Vælg et resultat fra listen.")})
    if ended_on < placement.starts_on:
        raise ValidationError({"ended_on": _("Forløbet kan ikke afsluttes før det er startet.")})
    placement.status, placement.outcome, placement.ended_on = PlacementStatus.ENDED, outcome, ended_on
    placement.save(update_fields=["status", "outcome", "ended_on"])
    activity_record(actor=actor, action="citizens.placement.ended", obj=placement, data={"outcome": outcome})
    return placement


@constraint_errors
@transaction.atomic
def hours_step_add(
    *, actor, placement: Placement, starts_on: date, hours_per_week: Decimal, note: str = ""
) -> HoursStep:
    """Adds a step to the step-up plan (e.g. 1 hour a week, then 3, then 8)."""
    errors = {}
    if starts_on < placement.starts_on or starts_on > placement.ends_on:
        errors["starts_on"] = _("Trinnet skal ligge inden for forløbets periode.")
    if hours_per_week < 0:
        errors["hours_per_week"] = _("Timetallet kan ikke være negativt.")
    if HoursStep.objects.filter(placement=placement, starts_on=starts_on).exists():
        errors["starts_on"] = _("Der er allerede et trin fra den dato.")
    if errors:
        raise ValidationError(errors)
    step = HoursStep.objects.create(placement=placement, starts_on=starts_on, hours_per_week=hours_per_week, note=note)
    activity_record(
        actor=actor,
        action="citizens.hours_step.added",
        obj=placement,
        data={"from": starts_on.isoformat(), "hours": str(hours_per_week)},
    )
    return step
