"""Mentor hours and pay: recording hours per week and the coordinator's decision on them."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from corps.models import (
    HoursEntry,
    HoursStatus,
    Mentor,
)
from corps.selectors import mentor_citizens
from mentorship.constraints import constraint_errors


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def agreed_weekly_hours(*, mentor: Mentor, citizen) -> Decimal | None:
    """The weekly hours agreed for this mentor and citizen in their active mentor agreement, if any."""
    if citizen is None:
        return None
    agreement = apps.get_model("citizens", "MentorAgreement")
    return (
        agreement.objects.filter(mentor=mentor, citizen=citizen, status="active")
        .values_list("hours_per_week", flat=True)
        .first()
    )


@constraint_errors
@transaction.atomic
def hours_record(
    *,
    actor,
    mentor: Mentor,
    week: date,
    hours: Decimal,
    citizen=None,
    mentee_reference: str = "",
    agreed_hours: Decimal | None = None,
    note: str = "",
) -> HoursEntry:
    """Records the hours a mentor spent with one citizen in one week (the week is its Monday).

    The agreed hours default to the active mentor agreement's weekly hours; the mentor's hourly rate
    is frozen on the entry so a later rate change does not rewrite months already paid."""
    if not mentor.can_log_hours:
        raise ValidationError(_("Der kan kun registreres timer for mentorer, der er eller har været aktive."))
    if week != week_start(week):
        raise ValidationError({"week": _("Vælg ugens mandag.")})
    if week > timezone.localdate():
        raise ValidationError({"week": _("Der kan ikke registreres timer for en uge, der ikke er begyndt.")})
    if mentor.contract_end and week > mentor.contract_end:
        raise ValidationError({"week": _("Ugen ligger efter mentorens kontraktophør.")})
    if citizen is not None:
        if citizen.jobcenter_id != mentor.jobcenter_id:
            raise ValidationError({"citizen": _("Vælg en borger fra jobcentret.")})
        if not mentor_citizens(jobcenter=mentor.jobcenter_id, mentor_id=mentor.pk).filter(pk=citizen.pk).exists():
            raise ValidationError(
                {"citizen": _("Borgeren har ingen indgået mentoraftale med mentoren. Vælg en af mentorens borgere.")}
            )
        # Survives the citizen's deletion (SET_NULL) and says nothing about the person outside the product.
        mentee_reference = _("Borger nr. %(id)s") % {"id": citizen.pk}
        if agreed_hours is None:
            agreed_hours = agreed_weekly_hours(mentor=mentor, citizen=citizen)
    entry = HoursEntry(
        mentor=mentor,
        week=week,
        citizen=citizen,
        mentee_reference=mentee_reference.strip(),
        hours=hours,
        agreed_hours=agreed_hours,
        note=note.strip(),
        hourly_rate=mentor.hourly_rate,
        entered_by=actor,
    )
    try:
        entry.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError({"mentee_reference": error.message_dict["__all__"]}) from error
        raise
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise ValidationError(
            {"mentee_reference": _("Der er allerede registreret timer for denne borger i denne uge.")}
        ) from error
    activity_record(
        actor=actor,
        action="corps.hours.record",
        obj=mentor,
        data={"entry_id": entry.pk, "week": week.isoformat(), "hours": str(hours)},
    )
    return entry


@transaction.atomic
def hours_decide(*, actor, entries: Iterable[HoursEntry], approve: bool) -> int:
    """Approves (or rejects) submitted entries; entries already decided are left alone. Returns how many."""
    ids = [entry.pk for entry in entries]
    locked = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("mentor__jobcenter")
        .filter(pk__in=ids, status=HoursStatus.SUBMITTED)
    )
    now = timezone.now()
    status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    for entry in locked:
        entry.status = status
        entry.decided_by = actor
        entry.decided_at = now
    HoursEntry.objects.bulk_update(locked, ["status", "decided_by", "decided_at"])
    for entry in locked:
        activity_record(
            actor=actor,
            action=f"corps.hours.{'approve' if approve else 'reject'}",
            obj=entry.mentor,
            jobcenter=entry.mentor.jobcenter,
            data={"entry_id": entry.pk},
        )
    return len(locked)
