"""Writes on mentor agreements (LAB kapitel 26) and their first meeting."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from citizens.models import (
    AgreementStatus,
    Citizen,
    FirstMeeting,
    MentorAgreement,
)
from citizens.periods import latest_agreement_end
from citizens.services._common import _apply, _loggable, _same_jobcenter
from citizens.services.citizen import _citizen_mark_active
from citizens.services.first_meeting import _first_meeting_plan_called_off, _first_meeting_plan_held
from citizens.vocabulary import COMPLAINT_GUIDANCE
from mentorship.constraints import constraint_errors

AGREEMENT_FIELDS = (
    "mentor",
    "company_mentor",
    "caseworker",
    "goal",
    "mentor_tasks",
    "starts_on",
    "ends_on",
    "hours_total",
    "hours_per_week",
    "complaint_guidance",
)
FIRST_MEETING_FIELDS = (
    "held_on",
    "citizen_present",
    "mentor_present",
    "caseworker_present",
    "other_participants",
    "expectations",
    "goals",
)


def _validate_agreement(agreement: MentorAgreement) -> None:
    errors: dict[str, str] = {}
    if agreement.starts_on and agreement.ends_on:
        if agreement.ends_on <= agreement.starts_on:
            errors["ends_on"] = _("Slutdatoen skal ligge efter startdatoen.")
        elif agreement.ends_on > latest_agreement_end(agreement.starts_on):
            errors["ends_on"] = _(
                "En mentoraftale kan højst gælde i 6 måneder, dvs. til og med %(date)s. "
                "Forlæng i stedet med en ny aftale efter en konkret vurdering."
            ) % {"date": latest_agreement_end(agreement.starts_on).strftime("%d.%m.%Y")}
    if agreement.mentor_id and agreement.company_mentor_id:
        errors["company_mentor"] = _("Vælg enten en mentor fra mentorkorpset eller en virksomhedsmentor.")
    if errors:
        raise ValidationError(errors)
    agreement.full_clean(exclude=["jobcenter", "citizen", "renews"])


@constraint_errors
@transaction.atomic
def agreement_create(*, actor, citizen: Citizen, data: dict) -> MentorAgreement:
    """Creates a draft agreement. The complaint guidance defaults to the standard LAB kapitel 26 text."""
    if citizen.is_ended:
        raise ValidationError(_("Borgerens forløb er afsluttet."))
    agreement = MentorAgreement(
        jobcenter_id=citizen.jobcenter_id, citizen=citizen, created_by=actor, complaint_guidance=COMPLAINT_GUIDANCE
    )
    _apply(agreement, data, AGREEMENT_FIELDS)
    if not agreement.complaint_guidance:
        agreement.complaint_guidance = COMPLAINT_GUIDANCE
    _same_jobcenter(citizen.jobcenter, agreement.mentor, agreement.company_mentor)
    _validate_agreement(agreement)
    agreement.save()
    activity_record(actor=actor, action="citizens.agreement.created", obj=agreement, data={"citizen": citizen.pk})
    return agreement


@constraint_errors
@transaction.atomic
def agreement_update(*, actor, agreement: MentorAgreement, data: dict) -> MentorAgreement:
    """Changes a draft. An active agreement is a signed document: change it by a new agreement."""
    agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.is_editable:
        raise ValidationError(_("Kun en kladde kan ændres. Lav en ny aftale for at ændre en aktiv aftale."))
    changed = _apply(agreement, data, AGREEMENT_FIELDS)
    _same_jobcenter(agreement.jobcenter, agreement.mentor, agreement.company_mentor)
    _validate_agreement(agreement)
    if changed:
        agreement.save(update_fields=changed)
    activity_record(
        actor=actor,
        action="citizens.agreement.updated",
        obj=agreement,
        data={"fields": {name: _loggable(getattr(agreement, name)) for name in changed if name != "goal"}},
    )
    return agreement


@constraint_errors
@transaction.atomic
def agreement_activate(*, actor, agreement: MentorAgreement) -> MentorAgreement:
    """Puts a draft into force. The citizen may have only one active agreement: a renewal replaces the
    agreement it renews (which becomes "renewed", and a first meeting still planned for it is called off); any
    other active agreement must be ended first."""
    Citizen.objects.select_for_update().filter(pk=agreement.citizen_id).first()  # serialise per citizen
    agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
    MentorAgreement.STATUS_TRANSITIONS.require(
        agreement.status, AgreementStatus.ACTIVE, message=_("Kun en kladde kan sættes i kraft.")
    )
    if agreement.mentor_id is None and agreement.company_mentor_id is None:
        raise ValidationError({"mentor": _("Vælg mentoren, før aftalen sættes i kraft.")})
    if agreement.renews_id:
        previous = MentorAgreement.objects.select_for_update().get(pk=agreement.renews_id)
        if previous.status == AgreementStatus.ACTIVE:
            MentorAgreement.STATUS_TRANSITIONS.require(previous.status, AgreementStatus.RENEWED)
            previous.status = AgreementStatus.RENEWED
            previous.ended_on = max(previous.starts_on, min(previous.ends_on, agreement.starts_on))
            previous.save(update_fields=["status", "ended_on"])
            activity_record(actor=actor, action="citizens.agreement.renewed", obj=previous, data={"by": agreement.pk})
            _first_meeting_plan_called_off(actor=actor, agreement=previous)
    if MentorAgreement.objects.filter(citizen_id=agreement.citizen_id, status=AgreementStatus.ACTIVE).exists():
        raise ValidationError(_("Borgeren har allerede en aktiv mentoraftale. Afslut den først."))
    agreement.status, agreement.activated_at = AgreementStatus.ACTIVE, timezone.now()
    try:
        with transaction.atomic():
            agreement.save(update_fields=["status", "activated_at"])
    except IntegrityError:
        raise ValidationError(_("Borgeren har allerede en aktiv mentoraftale. Afslut den først.")) from None
    _citizen_mark_active(agreement.citizen_id)
    activity_record(actor=actor, action="citizens.agreement.activated", obj=agreement)
    return agreement


@transaction.atomic
def agreement_end(*, actor, agreement: MentorAgreement, ended_on: date, reason: str = "") -> MentorAgreement:
    """Ends an active agreement (early or at its end date); a first meeting still planned is called off."""
    agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
    MentorAgreement.STATUS_TRANSITIONS.require(
        agreement.status, AgreementStatus.ENDED, message=_("Kun en aktiv aftale kan afsluttes.")
    )
    if ended_on < agreement.starts_on:
        raise ValidationError({"ended_on": _("Aftalen kan ikke afsluttes før den er startet.")})
    agreement.status, agreement.ended_on, agreement.end_reason = AgreementStatus.ENDED, ended_on, reason
    agreement.save(update_fields=["status", "ended_on", "end_reason"])
    activity_record(actor=actor, action="citizens.agreement.ended", obj=agreement)
    _first_meeting_plan_called_off(actor=actor, agreement=agreement)
    return agreement


@constraint_errors
@transaction.atomic
def agreement_renew(*, actor, agreement: MentorAgreement, renewal_assessment: str, data: dict) -> MentorAgreement:
    """Drafts a new agreement that extends an active or ended one. The law allows an extension only
    after a concrete assessment of the need, so the assessment is required."""
    agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.can_be_renewed:
        raise ValidationError(_("Kun en aktiv eller afsluttet aftale kan forlænges."))
    if MentorAgreement.objects.filter(renews=agreement).exists():
        raise ValidationError(_("Aftalen er allerede forlænget med en ny aftale."))
    if not renewal_assessment.strip():
        raise ValidationError({"renewal_assessment": _("Beskriv den konkrete vurdering af behovet for forlængelse.")})
    defaults = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    new = MentorAgreement(
        jobcenter_id=agreement.jobcenter_id,
        citizen_id=agreement.citizen_id,
        created_by=actor,
        renews=agreement,
        renewal_assessment=renewal_assessment,
    )
    _apply(new, {**defaults, **data}, AGREEMENT_FIELDS)
    _same_jobcenter(agreement.jobcenter, new.mentor, new.company_mentor)
    _validate_agreement(new)
    new.save()
    activity_record(actor=actor, action="citizens.agreement.created", obj=new, data={"renews": agreement.pk})
    return new


@transaction.atomic
def first_meeting_save(*, actor, agreement: MentorAgreement, data: dict) -> FirstMeeting:
    """Records (or corrects) the first meeting of citizen, mentor and caseworker; a planned one is now held."""
    meeting = FirstMeeting.objects.filter(agreement=agreement).first() or FirstMeeting(
        jobcenter_id=agreement.jobcenter_id, agreement=agreement
    )
    meeting.recorded_by = actor
    changed = _apply(meeting, data, FIRST_MEETING_FIELDS)
    meeting.full_clean(exclude=["jobcenter", "agreement", "recorded_by"])
    meeting.save()
    _first_meeting_plan_held(agreement)
    activity_record(actor=actor, action="citizens.first_meeting.saved", obj=agreement, data={"fields": changed})
    return meeting
