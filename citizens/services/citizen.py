"""Writes on the citizen's record: vocabulary defaults, referral, update, end, sensitive notes."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from accounts.permissions import COORDINATORS
from audit.services import activity_record
from citizens import cpr, handoffs
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    Outcome,
    PlacementStatus,
    PlacementType,
    ProgressDimension,
    SensitiveNote,
    TargetGroup,
)
from citizens.services._common import _apply, _same_jobcenter
from citizens.vocabulary import seed_for_jobcenter
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

# Shown next to the caseworker field, by the form (narrowed choices) and by citizen_update alike.
CASEWORKER_CHANGE_DENIED = gettext_lazy("Kun en koordinator kan skifte borgerens sagsbehandler.")


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
    """Registers a referred citizen. The CPR number (optional) is stored only as hash and token. The
    coordinators are told of the referral (citizens.handoffs), the referrer not of their own step."""
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
    handoffs.citizen_referred(citizen=citizen, actor=actor)
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
