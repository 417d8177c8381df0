"""Course types and planning one course: create, change (participants are told), its days, cancel."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from courses import message_kinds as mk
from courses.ical import CANCEL
from courses.models import (
    SEAT_STATUSES,
    Attendance,
    Course,
    CourseStatus,
    CourseType,
    Invitation,
    InvitationStatus,
    Registration,
    Session,
)
from courses.services._common import RS, _lock, _message, _send_all, _sessions
from courses.services.waiting_list import _fill_free_seats
from courses.vocabulary import seed_course_types
from mentorship.constraints import constraint_errors

# Course fields whose change participants must be told about (with a new calendar SEQUENCE).
CALENDAR_FIELDS = ("title", "venue", "address")
COURSE_FIELDS = (
    "course_type",
    "title",
    "theme",
    "description",
    "venue",
    "address",
    "provider",
    "capacity",
    "registration_deadline",
)


# --- Vocabulary ----------------------------------------------------------------------------------


@transaction.atomic
def course_types_defaults_ensure(*, actor, jobcenter) -> int:
    """Gives a jobcenter the default course types it lacks (by name). Returns how many were added."""
    added = seed_course_types(jobcenter=jobcenter, course_type_model=CourseType)
    if added:
        activity_record(actor=actor, action="courses.course_type.seed", jobcenter=jobcenter, data={"added": added})
    return added


@dataclass(frozen=True)
class SessionData:
    date: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time


def _check_sessions(sessions: Sequence[SessionData]) -> None:
    if not sessions:
        raise ValidationError({"sessions": _("Et kursus skal have mindst én dag.")})
    dates = [s.date for s in sessions]
    if len(set(dates)) != len(dates):
        raise ValidationError({"sessions": _("To kursusdage kan ikke ligge på samme dato.")})
    for session in sessions:
        if session.ends_at <= session.starts_at:
            raise ValidationError({"sessions": _("Sluttidspunktet skal ligge efter starttidspunktet.")})


def _refresh_days(course: Course) -> None:
    days = list(Session.objects.filter(course=course).order_by("date").values_list("date", flat=True))
    course.first_day = days[0] if days else None
    course.last_day = days[-1] if days else None
    if course.first_day and course.registration_deadline > course.first_day:
        raise ValidationError({"registration_deadline": _("Tilmeldingsfristen skal ligge senest på første kursusdag.")})
    course.save(update_fields=["first_day", "last_day", "updated_at"])


def _check_consultants(jobcenter, consultants) -> list:
    consultants = list(consultants)
    from accounts.models import Membership
    from accounts.permissions import STAFF

    allowed = set(
        Membership.objects.filter(
            jobcenter=jobcenter, role__in=STAFF, is_active=True, user__in=consultants
        ).values_list("user_id", flat=True)
    )
    if any(user.pk not in allowed for user in consultants):
        raise ValidationError({"job_consultants": _("Vælg jobkonsulenter fra jobcentret.")})
    return consultants


@constraint_errors
@transaction.atomic
def course_create(
    *, actor, jobcenter, data: dict, sessions: Sequence[SessionData], job_consultants: Iterable = ()
) -> Course:
    """Plans one course or meeting with its days. Nothing is saved if a day or field is invalid."""
    course_type = data.get("course_type")
    if course_type is None or course_type.jobcenter_id != jobcenter.pk:
        raise ValidationError({"course_type": _("Vælg en kursustype fra jobcentrets egen liste.")})
    _check_sessions(sessions)
    course = Course(jobcenter=jobcenter, created_by=actor, **{f: data[f] for f in COURSE_FIELDS if f in data})
    course.full_clean(exclude=["jobcenter", "course_type"])
    if course.registration_deadline > min(s.date for s in sessions):
        raise ValidationError({"registration_deadline": _("Tilmeldingsfristen skal ligge senest på første kursusdag.")})
    course.save()
    Session.objects.bulk_create(
        [Session(course=course, date=s.date, starts_at=s.starts_at, ends_at=s.ends_at) for s in sessions]
    )
    _refresh_days(course)
    course.job_consultants.set(_check_consultants(jobcenter, job_consultants))
    activity_record(actor=actor, action="courses.course.create", obj=course)
    return course


def _announce_change(course: Course) -> int:
    """Raises the SEQUENCE and sends the new version to everyone holding a seat or an open invitation."""
    course.sequence += 1
    course.save(update_fields=["sequence", "updated_at"])
    sessions = _sessions(course)
    recipients: dict[str, tuple[str, object, str]] = {}
    for invitation in Invitation.objects.filter(course=course).exclude(status=InvitationStatus.DECLINED):
        recipients[invitation.email.lower()] = (invitation.name, invitation, "NEEDS-ACTION")
    for registration in Registration.objects.filter(course=course, status__in=[*SEAT_STATUSES, RS.WAITING]):
        partstat = "ACCEPTED" if registration.status == RS.REGISTERED else "NEEDS-ACTION"
        recipients[registration.email.lower()] = (registration.name, registration, partstat)
    _send_all(
        course,
        [
            _message(
                mk.UPDATED,
                course,
                sessions,
                email=email,
                name=name,
                about=about,
                key=f"{mk.UPDATED}:{course.pk}:{course.sequence}",
                partstat=partstat,
            )
            for email, (name, about, partstat) in recipients.items()
        ],
    )
    return len(recipients)


@constraint_errors
@transaction.atomic
def course_update(*, actor, course: Course, data: dict, job_consultants: Iterable | None = None) -> Course:
    """Changes a course. A change of title or place raises the SEQUENCE and sends updates."""
    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Et aflyst kursus kan ikke ændres."))
    if "course_type" in data and data["course_type"].jobcenter_id != course.jobcenter_id:
        raise ValidationError({"course_type": _("Vælg en kursustype fra jobcentrets egen liste.")})
    changed = []
    for field in COURSE_FIELDS:
        if field in data and getattr(course, field) != data[field]:
            setattr(course, field, data[field])
            changed.append(field)
    course.full_clean(exclude=["jobcenter", "course_type"])
    if "capacity" in changed:
        held = Registration.objects.filter(course=course, status__in=SEAT_STATUSES).count()
        if course.capacity < held:
            raise ValidationError(
                {"capacity": _("Der er allerede %(count)s tilmeldte. Afmeld nogen først.") % {"count": held}}
            )
    if changed:
        course.save(update_fields=[*changed, "updated_at"])
    if job_consultants is not None:
        consultants = _check_consultants(course.jobcenter, job_consultants)
        if {u.pk for u in consultants} != set(course.job_consultants.values_list("pk", flat=True)):
            course.job_consultants.set(consultants)
            changed.append("job_consultants")
    if set(changed) & set(CALENDAR_FIELDS):
        _announce_change(course)
    if "capacity" in changed:
        _fill_free_seats(course)
    if changed:
        activity_record(actor=actor, action="courses.course.update", obj=course, data={"fields": changed})
    return course


@constraint_errors
@transaction.atomic
def session_add(*, actor, course: Course, day: SessionData) -> Session:
    """Adds a day to a course; participants get an update."""
    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Et aflyst kursus kan ikke ændres."))
    if day.ends_at <= day.starts_at:
        raise ValidationError({"ends_at": _("Sluttidspunktet skal ligge efter starttidspunktet.")})
    if Session.objects.filter(course=course, date=day.date).exists():
        raise ValidationError({"date": _("Kurset har allerede en dag på den dato.")})
    session = Session.objects.create(course=course, date=day.date, starts_at=day.starts_at, ends_at=day.ends_at)
    _refresh_days(course)
    _announce_change(course)
    activity_record(actor=actor, action="courses.session.add", obj=course, data={"date": day.date.isoformat()})
    return session


@constraint_errors
@transaction.atomic
def session_update(*, actor, session: Session, day: SessionData) -> Session:
    """Moves a day (date or times); participants get an update."""
    course = _lock(session.course)
    if course.is_cancelled:
        raise ValidationError(_("Et aflyst kursus kan ikke ændres."))
    session = Session.objects.get(pk=session.pk, course=course)
    if day.ends_at <= day.starts_at:
        raise ValidationError({"ends_at": _("Sluttidspunktet skal ligge efter starttidspunktet.")})
    if Session.objects.filter(course=course, date=day.date).exclude(pk=session.pk).exists():
        raise ValidationError({"date": _("Kurset har allerede en dag på den dato.")})
    if (session.date, session.starts_at, session.ends_at) == (day.date, day.starts_at, day.ends_at):
        return session
    session.date, session.starts_at, session.ends_at = day.date, day.starts_at, day.ends_at
    session.save(update_fields=["date", "starts_at", "ends_at"])
    _refresh_days(course)
    _announce_change(course)
    activity_record(actor=actor, action="courses.session.update", obj=course, data={"session_id": session.pk})
    return session


@transaction.atomic
def session_remove(*, actor, session: Session) -> None:
    """Removes a day (never the last one); participants get an update."""
    course = _lock(session.course)
    if Session.objects.filter(course=course).count() <= 1:
        raise ValidationError(_("Kurset skal have mindst én dag. Aflys kurset i stedet."))
    if Attendance.objects.filter(session=session).exists():
        raise ValidationError(_("Der er registreret fremmøde for dagen, så den kan ikke fjernes."))
    Session.objects.filter(pk=session.pk, course=course).delete()
    _refresh_days(course)
    _announce_change(course)
    activity_record(actor=actor, action="courses.session.remove", obj=course, data={"date": session.date.isoformat()})


@transaction.atomic
def course_cancel(*, actor, course: Course, reason: str) -> Course:
    """Cancels a course: every registration ends, and every participant, waiting person and open
    invitation gets a METHOD:CANCEL calendar file with the same UID and a higher SEQUENCE."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor kurset aflyses.")})
    course = _lock(course)
    if course.is_cancelled:
        return course
    course.status = CourseStatus.CANCELLED
    course.cancel_reason = reason
    course.sequence += 1
    course.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    sessions = _sessions(course)
    recipients: dict[str, tuple[str, object]] = {}
    for invitation in Invitation.objects.filter(course=course).exclude(status=InvitationStatus.DECLINED):
        recipients[invitation.email.lower()] = (invitation.name, invitation)
    active = list(
        Registration.objects.select_for_update().filter(course=course, status__in=[*SEAT_STATUSES, RS.WAITING])
    )
    for status in {registration.status for registration in active}:
        Registration.STATUS_TRANSITIONS.require(status, RS.CANCELLED)
    for registration in active:
        recipients[registration.email.lower()] = (registration.name, registration)
    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in active]).update(status=RS.CANCELLED, cancelled_at=now)
    _send_all(
        course,
        [
            _message(
                mk.CANCELLED,
                course,
                sessions,
                email=email,
                name=name,
                about=about,
                key=f"{mk.CANCELLED}:{course.pk}",
                method=CANCEL,
                reason=reason,
            )
            for email, (name, about) in recipients.items()
        ],
    )
    activity_record(actor=actor, action="courses.course.cancel", obj=course, data={"notified": len(recipients)})
    return course
