"""Every write on citizens, mentor agreements, placements, goals, progress cards and follow-up.

Each service is atomic, validates with Danish messages (ValidationError keyed by form field), and
writes an activity-log entry in the same transaction. The log's data never holds a CPR number or a
sensitive note: only ids and codes. State changes lock the row (select_for_update) so two people
cannot move the same agreement or placement at once; the database constraints are the backstop.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from accounts.models import Membership
from accounts.permissions import COORDINATORS
from audit.services import activity_record
from citizens import cpr
from citizens.models import (
    AgreementStatus,
    AssessorKind,
    Citizen,
    CitizenStatus,
    FirstMeeting,
    FollowUp,
    Goal,
    GoalStatus,
    HoursConfirmation,
    HoursStep,
    MentorAgreement,
    Outcome,
    Placement,
    PlacementStatus,
    PlacementType,
    ProgressAssessment,
    ProgressDimension,
    ProgressScore,
    ProgressSummary,
    RecordedAs,
    SensitiveNote,
    TargetGroup,
)
from citizens.periods import latest_agreement_end
from citizens.vocabulary import COMPLAINT_GUIDANCE, seed_for_jobcenter
from mentorship.constraints import constraint_errors

CITIZEN_FIELDS = (
    "name",
    "phone",
    "email",
    "address",
    "postcode",
    "target_group",
    "caseworker",
    "referred_on",
    "referral_reason",
    "wish_gender",
    "wish_age_band",
    "wish_language",
    "wish_text",
    "caseworker_view",
)
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
FOLLOW_UP_FIELDS = (
    "placement",
    "agreement",
    "kind",
    "occurred_on",
    "participants",
    "notes",
    "next_action",
    "next_action_on",
    "mentor_hours",
)

# Shown next to the caseworker field, by the form (narrowed choices) and by citizen_update alike.
CASEWORKER_CHANGE_DENIED = gettext_lazy("Kun en koordinator kan skifte borgerens sagsbehandler.")


def _loggable(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Sets the allowed fields that changed; returns their names (for update_fields and the audit log)."""
    changed = []
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"Field {name!r} may not be set here.")
        try:
            current = getattr(obj, name)
        except ObjectDoesNotExist:  # a required relation not set yet
            current = None
        if current != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _same_jobcenter(jobcenter, *items) -> None:
    """Forms narrow choices to the jobcenter; this guards every other caller."""
    for item in items:
        if item is None:
            continue
        owner = item.jobcenter_id if hasattr(item, "jobcenter_id") else item.company.jobcenter_id
        if owner != jobcenter.pk:
            raise ValueError(f"{type(item).__name__} {item.pk} belongs to another jobcenter.")


# --- Vocabulary ----------------------------------------------------------------------------------


@transaction.atomic
def vocabulary_defaults_ensure(*, actor, jobcenter) -> int:
    """Gives a jobcenter the default target groups, placement types and competence-card dimensions
    (only the missing ones). Call it when a jobcenter is created; seed_demo calls it."""
    added = seed_for_jobcenter(
        jobcenter=jobcenter,
        target_group_model=TargetGroup,
        placement_type_model=PlacementType,
        dimension_model=ProgressDimension,
    )
    if added:
        activity_record(actor=actor, action="citizens.vocabulary.seed", jobcenter=jobcenter, data={"added": added})
    return added


# --- Citizens ------------------------------------------------------------------------------------


def _set_cpr(citizen: Citizen, cpr_number: str | None) -> bool:
    """None leaves the CPR number alone; "" removes it; a number is validated, hashed and encrypted."""
    if cpr_number is None:
        return False
    if cpr_number == "":
        changed = bool(citizen.cpr_hash)
        citizen.cpr_hash, citizen.cpr_encrypted, citizen.birth_date = "", "", None
        return changed
    try:
        normalised, born = cpr.parse(cpr_number)
    except ValidationError as error:
        raise ValidationError({"cpr_number": error.messages}) from None
    digest = cpr.search_hash(normalised)
    if digest == citizen.cpr_hash:
        return False
    duplicate = Citizen.objects.filter(jobcenter_id=citizen.jobcenter_id, cpr_hash=digest).exclude(pk=citizen.pk)
    if duplicate.exists():
        raise ValidationError({"cpr_number": _("Der findes allerede en borger med dette CPR-nummer.")})
    citizen.cpr_hash, citizen.cpr_encrypted, citizen.birth_date = digest, cpr.encrypt(normalised), born
    return True


def _save_citizen(citizen: Citizen, update_fields: list[str] | None = None) -> None:
    citizen.full_clean(exclude=["jobcenter", "needs", "languages"])
    try:
        with transaction.atomic():
            citizen.save(update_fields=update_fields)
    except IntegrityError:
        # Two referrals of the same CPR number at once: the unique constraint decides.
        raise ValidationError({"cpr_number": _("Der findes allerede en borger med dette CPR-nummer.")}) from None


def _is_coordinator_of(actor, jobcenter_id: int) -> bool:
    user_id = getattr(actor, "pk", None)
    if user_id is None:  # no user, no membership
        return False
    return Membership.objects.filter(
        user_id=user_id, jobcenter_id=jobcenter_id, role__in=COORDINATORS, is_active=True
    ).exists()


@constraint_errors
@transaction.atomic
def citizen_create(
    *, actor, jobcenter, data: dict, cpr_number: str = "", needs: Iterable = (), languages: Iterable = ()
) -> Citizen:
    """Registers a referred citizen. The CPR number (optional) is stored only as hash and token."""
    needs, languages = list(needs), list(languages)
    citizen = Citizen(jobcenter=jobcenter, created_by=actor if getattr(actor, "pk", None) else None)
    _apply(citizen, data, CITIZEN_FIELDS)
    _same_jobcenter(jobcenter, citizen.target_group if citizen.target_group_id else None, *needs)
    _set_cpr(citizen, cpr_number)
    _save_citizen(citizen)
    citizen.needs.set(needs)
    citizen.languages.set(languages)
    activity_record(
        actor=actor,
        action="citizens.citizen.created",
        obj=citizen,
        data={"target_group": citizen.target_group_id, "with_cpr": citizen.has_cpr},
    )
    return citizen


@constraint_errors
@transaction.atomic
def citizen_update(
    *,
    actor,
    citizen: Citizen,
    data: dict,
    cpr_number: str | None = None,
    needs: Iterable | None = None,
    languages: Iterable | None = None,
) -> Citizen:
    """Updates the citizen's record and saves every field in `data` that differs from the stored row.
    cpr_number None keeps the stored number, "" removes it. Only a coordinator (or jobcenter admin) may
    change the citizen's caseworker, since the caseworker reads the citizen's sensitive notes.

    The row is re-read (and locked) here: the caller's instance may already hold the new values (a
    bound ModelForm writes them into its instance), and comparing with it would find nothing to save."""
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    changed = _apply(citizen, data, CITIZEN_FIELDS)
    if "caseworker" in changed and not _is_coordinator_of(actor, citizen.jobcenter_id):
        raise ValidationError({"caseworker": CASEWORKER_CHANGE_DENIED})
    _same_jobcenter(citizen.jobcenter, citizen.target_group, *(needs or ()))
    if _set_cpr(citizen, cpr_number):
        changed += ["cpr_hash", "cpr_encrypted", "birth_date"]
    if changed:
        _save_citizen(citizen, update_fields=[*changed, "updated_at"])
    if needs is not None:
        citizen.needs.set(list(needs))
    if languages is not None:
        citizen.languages.set(list(languages))
    # Field names only: values may be personal data.
    activity_record(actor=actor, action="citizens.citizen.updated", obj=citizen, data={"fields": changed})
    return citizen


@transaction.atomic
def citizen_end(*, actor, citizen: Citizen, outcome: str, outcome_on: date) -> Citizen:
    """Ends the citizen's course with an outcome (counted in cohort statistics). Active agreements and
    placements must be ended first, so nothing is left running without anyone noticing."""
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if citizen.is_ended:
        raise ValidationError(_("Borgerens forløb er allerede afsluttet."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Vælg et resultat fra listen.")})
    if citizen.agreements.filter(status=AgreementStatus.ACTIVE).exists():
        raise ValidationError(_("Afslut først borgerens aktive mentoraftale."))
    if citizen.placements.filter(status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED]).exists():
        raise ValidationError(_("Afslut først borgerens aktive eller foreslåede forløb."))
    if outcome_on < citizen.referred_on:
        raise ValidationError({"outcome_on": _("Datoen kan ikke ligge før henvisningen.")})
    citizen.status, citizen.outcome, citizen.outcome_on = CitizenStatus.ENDED, outcome, outcome_on
    citizen.save(update_fields=["status", "outcome", "outcome_on", "updated_at"])
    activity_record(actor=actor, action="citizens.citizen.ended", obj=citizen, data={"outcome": outcome})
    return citizen


def _citizen_mark_active(citizen_id: int) -> None:
    Citizen.objects.filter(pk=citizen_id, status=CitizenStatus.REFERRED).update(
        status=CitizenStatus.ACTIVE, updated_at=timezone.now()
    )


@transaction.atomic
def sensitive_note_create(*, actor, citizen: Citizen, kind: str, text: str) -> SensitiveNote:
    """Adds a sensitive note. The activity log records that a note was written, never its text."""
    note = SensitiveNote(jobcenter_id=citizen.jobcenter_id, citizen=citizen, kind=kind, text=text, author=actor)
    note.full_clean(exclude=["jobcenter", "citizen", "author"])
    note.save()
    activity_record(
        actor=actor, action="citizens.sensitive_note.created", obj=citizen, data={"note": note.pk, "kind": kind}
    )
    return note


# --- Mentor agreements ---------------------------------------------------------------------------


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
    agreement it renews (which becomes "renewed"); any other active agreement must be ended first."""
    Citizen.objects.select_for_update().filter(pk=agreement.citizen_id).first()  # serialise per citizen
    agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.can_be_activated:
        raise ValidationError(_("Kun en kladde kan sættes i kraft."))
    if agreement.mentor_id is None and agreement.company_mentor_id is None:
        raise ValidationError({"mentor": _("Vælg mentoren, før aftalen sættes i kraft.")})
    if agreement.renews_id:
        previous = MentorAgreement.objects.select_for_update().get(pk=agreement.renews_id)
        if previous.status == AgreementStatus.ACTIVE:
            previous.status = AgreementStatus.RENEWED
            previous.ended_on = max(previous.starts_on, min(previous.ends_on, agreement.starts_on))
            previous.save(update_fields=["status", "ended_on"])
            activity_record(actor=actor, action="citizens.agreement.renewed", obj=previous, data={"by": agreement.pk})
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
    """Ends an active agreement (early or at its end date)."""
    agreement = MentorAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.can_be_ended:
        raise ValidationError(_("Kun en aktiv aftale kan afsluttes."))
    if ended_on < agreement.starts_on:
        raise ValidationError({"ended_on": _("Aftalen kan ikke afsluttes før den er startet.")})
    agreement.status, agreement.ended_on, agreement.end_reason = AgreementStatus.ENDED, ended_on, reason
    agreement.save(update_fields=["status", "ended_on", "end_reason"])
    activity_record(actor=actor, action="citizens.agreement.ended", obj=agreement)
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
    """Records (or corrects) the first meeting of citizen, mentor and caseworker."""
    meeting = FirstMeeting.objects.filter(agreement=agreement).first() or FirstMeeting(
        jobcenter_id=agreement.jobcenter_id, agreement=agreement
    )
    meeting.recorded_by = actor
    changed = _apply(meeting, data, FIRST_MEETING_FIELDS)
    meeting.full_clean(exclude=["jobcenter", "agreement", "recorded_by"])
    meeting.save()
    activity_record(actor=actor, action="citizens.first_meeting.saved", obj=agreement, data={"fields": changed})
    return meeting


# --- Placements ----------------------------------------------------------------------------------


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
def placement_create(*, actor, citizen: Citizen, data: dict, accepted: bool = False) -> Placement:
    """Proposes a placement to the company (the leader accepts or declines in the portal), or, when the
    company has already said yes (`accepted`), creates it active; then a company mentor is required."""
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
    company's own active mentors). The caller has resolved `placement` from the leader's company."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.awaits_answer:
        raise ValidationError(_("Forløbet er allerede besvaret."))
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
    return placement


@transaction.atomic
def placement_decline(*, actor, placement: Placement, reason: str) -> Placement:
    """The company leader declines a proposed placement, with a reason for the job consultant."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.awaits_answer:
        raise ValidationError(_("Forløbet er allerede besvaret."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv kort, hvorfor virksomheden siger nej.")})
    placement.status, placement.decline_reason, placement.decided_at = PlacementStatus.DECLINED, reason, timezone.now()
    placement.save(update_fields=["status", "decline_reason", "decided_at"])
    activity_record(actor=actor, action="citizens.placement.declined", obj=placement)
    return placement


@transaction.atomic
def placement_end(*, actor, placement: Placement, outcome: str, ended_on: date) -> Placement:
    """Ends an active placement with an outcome."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.can_be_ended:
        raise ValidationError(_("Kun et aktivt forløb kan afsluttes."))
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


@constraint_errors
@transaction.atomic
def goal_create(
    *, actor, placement: Placement, title: str, target_date: date | None = None, parent: Goal | None = None
) -> Goal:
    """Adds a goal to the work agreement, or a sub-goal under `parent` (one level deep)."""
    if parent is not None and (parent.placement_id != placement.pk or parent.parent_id is not None):
        raise ValidationError({"parent": _("Et delmål skal høre under et af forløbets hovedmål.")})
    goal = Goal(placement=placement, parent=parent, title=title, target_date=target_date)
    goal.position = Goal.objects.filter(placement=placement, parent=parent).count()
    goal.full_clean(exclude=["placement", "parent"])
    goal.save()
    activity_record(actor=actor, action="citizens.goal.created", obj=placement, data={"goal": goal.pk})
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, status: str, target_date: date | None) -> Goal:
    """Moves a goal's status (ikke påbegyndt, i gang, nået, opgivet) and target date."""
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Vælg en status fra listen.")})
    goal.status, goal.target_date = status, target_date
    goal.save(update_fields=["status", "target_date", "updated_at"])
    activity_record(
        actor=actor, action="citizens.goal.updated", obj=goal.placement, data={"goal": goal.pk, "status": status}
    )
    return goal


@dataclass(frozen=True)
class ScoreInput:
    dimension: ProgressDimension
    score: int
    comment: str = ""


@constraint_errors
@transaction.atomic
def progress_assessment_record(
    *,
    actor,
    placement: Placement,
    assessed_on: date,
    scores: Iterable[ScoreInput],
    assessor_kind: str = AssessorKind.JOBCENTER,
    company_mentor=None,
) -> ProgressAssessment:
    """Records one filling-in of the competence cards: a score 1-5 (and a comment) per dimension, by
    the company (its mentor, entered by the leader) or the jobcenter, at any date."""
    scores = list(scores)
    if not scores:
        raise ValidationError(_("Giv mindst én score."))
    if not placement.can_be_assessed:
        raise ValidationError(_("Der kan kun vurderes i et forløb, virksomheden har sagt ja til."))
    if assessed_on < placement.starts_on:
        raise ValidationError({"assessed_on": _("Datoen ligger før forløbets start.")})
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("Datoen kan ikke ligge i fremtiden.")})
    if company_mentor is not None and company_mentor.company_id != placement.company_id:
        raise ValidationError({"company_mentor": _("Vælg en af virksomhedens egne mentorer.")})
    for item in scores:
        if item.dimension.jobcenter_id != placement.jobcenter_id:
            raise ValueError("Dimension of another jobcenter.")
        if not 1 <= int(item.score) <= 5:
            raise ValidationError({f"score_{item.dimension.pk}": _("Scoren skal være mellem 1 og 5.")})
    # One assessment of a placement at a time: the summary below is recomputed from the scores the
    # transaction sees, so a concurrent one must have committed first. (NO KEY: other rows' foreign
    # keys to the placement, such as a follow-up, are not held up.) A placement outside the active tenant
    # scope is not found here, before anything is written.
    Placement.objects.select_for_update(no_key=True).values_list("pk").get(pk=placement.pk)
    assessment = ProgressAssessment.objects.create(
        jobcenter_id=placement.jobcenter_id,
        placement=placement,
        assessed_on=assessed_on,
        assessor_kind=assessor_kind,
        company_mentor=company_mentor or (placement.company_mentor if assessor_kind == AssessorKind.COMPANY else None),
        recorded_by=actor,
    )
    ProgressScore.objects.bulk_create(
        ProgressScore(assessment=assessment, dimension=item.dimension, score=int(item.score), comment=item.comment)
        for item in scores
    )
    progress_summary_refresh(placement=placement, dimension_ids=[item.dimension.pk for item in scores])
    activity_record(
        actor=actor,
        action="citizens.assessment.recorded",
        obj=placement,
        data={"assessment": assessment.pk, "by": assessor_kind},
    )
    return assessment


def progress_summary_refresh(*, placement: Placement, dimension_ids: Iterable[int] | None = None) -> None:
    """Recomputes the placement's ProgressSummary rows (for the dimensions given, or all) from its
    scores: the first and the latest score in assessment order (date, then id) and how many there are.

    Every write that adds, changes or removes a placement's scores calls it, in the same transaction,
    after writing them. Deleting the placement deletes its summaries (CASCADE); a citizen's erasure
    deletes them through the registry (citizens.personal_data)."""
    scores = ProgressScore.objects.filter(assessment__placement_id=placement.pk)
    summaries = ProgressSummary.objects.filter(placement_id=placement.pk)
    if dimension_ids is not None:
        dimension_ids = list(dimension_ids)
        scores = scores.filter(dimension_id__in=dimension_ids)
        summaries = summaries.filter(dimension_id__in=dimension_ids)
    found: dict[int, list[int]] = {}
    ordered = scores.order_by("dimension_id", "assessment__assessed_on", "assessment_id")
    for dimension_id, score in ordered.values_list("dimension_id", "score"):
        found.setdefault(dimension_id, []).append(score)
    summaries.delete()
    ProgressSummary.objects.bulk_create(
        ProgressSummary(
            jobcenter_id=placement.jobcenter_id,
            placement_id=placement.pk,
            dimension_id=dimension_id,
            assessments=len(values),
            first_score=values[0],
            latest_score=values[-1],
        )
        for dimension_id, values in found.items()
    )


# The same summary for every placement at once, from a window over the scores in assessment order.
PROGRESS_SUMMARIES_SQL = """
INSERT INTO {summary} (jobcenter_id, placement_id, dimension_id, assessments, first_score, latest_score)
SELECT jobcenter_id, placement_id, dimension_id, assessments, first_score, latest_score
FROM (
    SELECT p.jobcenter_id, a.placement_id, s.dimension_id,
           COUNT(*) OVER w AS assessments,
           FIRST_VALUE(s.score) OVER w AS first_score,
           LAST_VALUE(s.score) OVER w AS latest_score,
           ROW_NUMBER() OVER w AS position
    FROM {score} s
    JOIN {assessment} a ON a.id = s.assessment_id
    JOIN {placement} p ON p.id = a.placement_id
    {where}
    WINDOW w AS (
        PARTITION BY a.placement_id, s.dimension_id ORDER BY a.assessed_on, a.id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
) ranked
WHERE position = 1
"""


@transaction.atomic
def progress_summaries_rebuild(*, jobcenter_id: int | None = None) -> int:
    """Replaces the ProgressSummary rows of every placement (or one jobcenter's) with ones computed
    set-wise from the scores, exactly as progress_summary_refresh computes them one placement at a time.
    For loads that write scores without the service (manage.py seed_scale). Returns the rows written."""
    # Every jobcenter's rows at once (or the one named by id), like the SQL below: not one tenant's work.
    with scopes_disabled():
        summaries = ProgressSummary.objects.all()
        if jobcenter_id is not None:
            summaries = summaries.filter(jobcenter_id=jobcenter_id)
        summaries.delete()
    quote = connection.ops.quote_name
    sql = PROGRESS_SUMMARIES_SQL.format(
        summary=quote(ProgressSummary._meta.db_table),
        score=quote(ProgressScore._meta.db_table),
        assessment=quote(ProgressAssessment._meta.db_table),
        placement=quote(Placement._meta.db_table),
        where="" if jobcenter_id is None else "WHERE p.jobcenter_id = %s",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [] if jobcenter_id is None else [jobcenter_id])
        return cursor.rowcount


# --- Follow-up -----------------------------------------------------------------------------------


@constraint_errors
@transaction.atomic
def follow_up_create(
    *,
    actor,
    citizen: Citizen,
    data: dict,
    hours_confirmed_by_citizen: bool = False,
    recorded_as: str = RecordedAs.JOBCENTER,
) -> FollowUp:
    """Logs a follow-up (visit, call, meeting, e-mail). Mentor hours may be confirmed by the citizen at
    the follow-up; otherwise they stay unconfirmed until a coordinator confirms them. The placement's
    "last follow-up" date moves forward, which feeds the list of placements without follow-up."""
    follow_up = FollowUp(jobcenter_id=citizen.jobcenter_id, citizen=citizen, author=actor, recorded_as=recorded_as)
    _apply(follow_up, data, FOLLOW_UP_FIELDS)
    errors = {}
    if follow_up.placement is not None and follow_up.placement.citizen_id != citizen.pk:
        errors["placement"] = _("Forløbet hører til en anden borger.")
    if follow_up.agreement is not None and follow_up.agreement.citizen_id != citizen.pk:
        errors["agreement"] = _("Aftalen hører til en anden borger.")
    if follow_up.occurred_on and follow_up.occurred_on > timezone.localdate():
        errors["occurred_on"] = _("Datoen kan ikke ligge i fremtiden.")
    if follow_up.next_action_on and follow_up.occurred_on and follow_up.next_action_on < follow_up.occurred_on:
        errors["next_action_on"] = _("Næste skridt kan ikke ligge før opfølgningen.")
    if errors:
        raise ValidationError(errors)
    if hours_confirmed_by_citizen and follow_up.mentor_hours > 0:
        follow_up.hours_confirmed_by, follow_up.hours_confirmed_at = HoursConfirmation.CITIZEN, timezone.now()
    follow_up.full_clean(exclude=["jobcenter", "citizen", "author", "placement", "agreement"])
    follow_up.save()
    if follow_up.placement_id:
        placement = Placement.objects.select_for_update().get(pk=follow_up.placement_id)
        if placement.last_follow_up_on is None or placement.last_follow_up_on < follow_up.occurred_on:
            placement.last_follow_up_on = follow_up.occurred_on
            placement.save(update_fields=["last_follow_up_on"])
    activity_record(
        actor=actor,
        action="citizens.follow_up.created",
        obj=citizen,
        data={"follow_up": follow_up.pk, "kind": follow_up.kind, "placement": follow_up.placement_id},
    )
    return follow_up


@transaction.atomic
def follow_up_confirm_hours(*, actor, follow_up: FollowUp) -> FollowUp:
    """A coordinator confirms the mentor hours recorded at a follow-up."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.mentor_hours <= 0:
        raise ValidationError(_("Der er ingen timer at bekræfte."))
    if follow_up.hours_confirmed_by:
        raise ValidationError(_("Timerne er allerede bekræftet."))
    follow_up.hours_confirmed_by, follow_up.hours_confirmed_at = HoursConfirmation.COORDINATOR, timezone.now()
    follow_up.save(update_fields=["hours_confirmed_by", "hours_confirmed_at"])
    activity_record(
        actor=actor,
        action="citizens.follow_up.hours_confirmed",
        obj=follow_up.citizen,
        data={"follow_up": follow_up.pk, "hours": str(follow_up.mentor_hours)},
    )
    return follow_up
