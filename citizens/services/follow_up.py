"""Writes on follow-ups: logging one and confirming its mentor hours."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from citizens import handoffs
from citizens.models import (
    Citizen,
    FollowUp,
    HoursConfirmation,
    Placement,
    RecordedAs,
)
from citizens.services._common import _apply
from mentorship.constraints import constraint_errors

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
    "last follow-up" date moves forward, which feeds the list of placements without follow-up. A follow-up
    the company writes tells the placement's job consultant (citizens.handoffs)."""
    follow_up = FollowUp(jobcenter_id=citizen.jobcenter_id, citizen=citizen, author=actor, recorded_as=recorded_as)
    _apply(follow_up, data, FOLLOW_UP_FIELDS)
    errors = {}
    if follow_up.placement is not None and follow_up.placement.citizen_id != citizen.pk:
        errors["placement"] = _("Forløbet hører til en anden borger.")
    if follow_up.agreement is not None and follow_up.agreement.citizen_id != citizen.pk:
        errors["agreement"] = _("Aftalen hører til en anden borger.")
    if follow_up.occurred_on and follow_up.occurred_on > timezone.localdate():
        errors["occurred_on"] = _("Datoen kan ikke ligge i fremtiden.")
    if (
        follow_up.placement is not None
        and follow_up.occurred_on
        and follow_up.occurred_on < follow_up.placement.starts_on
    ):
        errors["occurred_on"] = _("Opfølgningen kan ikke ligge før forløbet starter (%(date)s).") % {
            "date": f"{follow_up.placement.starts_on:%d.%m.%Y}"
        }
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
    if follow_up.placement_id and recorded_as == RecordedAs.COMPANY:
        handoffs.follow_up_by_company(follow_up=follow_up, placement=follow_up.placement)
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
