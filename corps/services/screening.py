"""Screening: the status machine a mentor moves through (interview, approval, activation, pause,
resignation), one locked step at a time."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from corps.models import (
    Mentor,
    MentorStatusEvent,
)
from corps.services._common import S

# The screening state machine lives on the model (Mentor.STATUS_TRANSITIONS); kept here under its old
# names for the views and tests that ask it.
TRANSITIONS: dict[str, frozenset[str]] = Mentor.STATUS_TRANSITIONS.table


def allowed_transitions(status: str) -> frozenset[str]:
    return Mentor.STATUS_TRANSITIONS.allowed(status)


def _transition(
    *,
    actor,
    mentor: Mentor,
    to: str,
    action: str,
    reason: str = "",
    until: date | None = None,
    happens_at: datetime | None = None,
) -> Mentor:
    locked = Mentor.objects.select_for_update().get(pk=mentor.pk)
    Mentor.STATUS_TRANSITIONS.require(locked.status, to)
    now = timezone.now()
    from_status = locked.status
    locked.status = to
    locked.status_changed_at = now
    locked.paused_until = until if to == S.PAUSED else None
    locked.status_reason = reason
    locked.save(update_fields=["status", "status_changed_at", "paused_until", "status_reason", "updated_at"])
    MentorStatusEvent.objects.create(
        mentor=locked,
        from_status=from_status,
        to_status=to,
        reason=reason,
        until=until,
        happens_at=happens_at,
        actor=actor,
        at=now,
    )
    activity_record(
        actor=actor,
        action=action,
        obj=locked,
        data={"from": from_status, "to": to, **({"until": until.isoformat()} if until else {})},
    )
    return locked


def _require_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


@transaction.atomic
def mentor_interview_book(*, actor, mentor: Mentor, happens_at: datetime, note: str = "") -> Mentor:
    """Applicant (or one already booked) → interview booked, at a time in the future."""
    if happens_at <= timezone.now():
        raise ValidationError({"happens_at": _("Samtalen skal ligge ude i fremtiden.")})
    return _transition(
        actor=actor,
        mentor=mentor,
        to=S.INTERVIEW,
        action="corps.mentor.interview_book",
        reason=note.strip(),
        happens_at=happens_at,
    )


@transaction.atomic
def mentor_approve(*, actor, mentor: Mentor, note: str = "") -> Mentor:
    """Applicant or interviewed → approved."""
    return _transition(actor=actor, mentor=mentor, to=S.APPROVED, action="corps.mentor.approve", reason=note.strip())


@transaction.atomic
def mentor_reject(*, actor, mentor: Mentor, reason: str) -> Mentor:
    """Applicant or interviewed → rejected. A reason is required."""
    reason = _require_reason(reason, _("Skriv en begrundelse for afslaget."))
    return _transition(actor=actor, mentor=mentor, to=S.REJECTED, action="corps.mentor.reject", reason=reason)


@transaction.atomic
def mentor_activate(*, actor, mentor: Mentor) -> Mentor:
    """Approved → active (or paused → active: resume). Sets the contract start to today if empty."""
    mentor = _transition(actor=actor, mentor=mentor, to=S.ACTIVE, action="corps.mentor.activate")
    if mentor.contract_start is None:
        mentor.contract_start = timezone.localdate()
        mentor.save(update_fields=["contract_start", "updated_at"])
    return mentor


@transaction.atomic
def mentor_pause(*, actor, mentor: Mentor, until: date, reason: str) -> Mentor:
    """Active → paused until a date (today or later), with a reason."""
    reason = _require_reason(reason, _("Skriv hvorfor mentoren holder pause."))
    if until is None or until < timezone.localdate():
        raise ValidationError({"until": _("Pausen skal vare til en dato fra i dag og frem.")})
    return _transition(actor=actor, mentor=mentor, to=S.PAUSED, action="corps.mentor.pause", reason=reason, until=until)


@transaction.atomic
def mentor_resign(*, actor, mentor: Mentor, reason: str, on: date | None = None) -> Mentor:
    """Approved, active or paused → resigned, with a reason; ends the contract (today unless given)."""
    reason = _require_reason(reason, _("Skriv en begrundelse for fratrædelsen."))
    mentor = _transition(actor=actor, mentor=mentor, to=S.RESIGNED, action="corps.mentor.resign", reason=reason)
    end = on or timezone.localdate()
    if mentor.contract_start and end < mentor.contract_start:
        raise ValidationError({"on": _("Fratrædelsen kan ikke ligge før kontraktstart.")})
    mentor.contract_end = end
    mentor.save(update_fields=["contract_end", "updated_at"])
    return mentor


@transaction.atomic
def mentors_resume_due(*, actor=None, jobcenter, today: date | None = None) -> int:
    """Paused mentors whose pause ended before today become active again. Returns how many."""
    today = today or timezone.localdate()
    due = Mentor.objects.filter(jobcenter=jobcenter, status=S.PAUSED, paused_until__lt=today).values_list(
        "pk", flat=True
    )
    count = 0
    for pk in list(due):
        _transition(actor=actor, mentor=Mentor(pk=pk), to=S.ACTIVE, action="corps.mentor.resume_due")
        count += 1
    return count
