"""Every write on courses: types, planning (one course or a year plan), invitations, registrations with a
waiting list and offers, cancellations, reminders, attendance, completion, evaluations and shadowing.

Guarantees:
- A seat is decided with the course row locked (SELECT ... FOR UPDATE) in one transaction, so the
  registered and offered never exceed capacity, however many register at the same moment; the rest
  join the waiting list in order (`waiting_since`).
- A freed seat goes to the first on the waiting list as an offer with a deadline (the jobcenter's
  `offer_hours`); an expired or declined offer passes to the next (`offers_expire`, a beat task).
- Every change participants must see (time, place, cancellation) raises the course's iCalendar
  SEQUENCE and sends everyone concerned an update or cancellation with the same UID.
- Every e-mail goes through the notifications outbox with an idempotency key, in the same
  transaction as the change; a rolled-back change sends nothing.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from audit.services import activity_record
from courses import message_kinds as mk
from courses import tokens
from courses.ical import CANCEL, REQUEST, course_ics
from courses.models import (
    SEAT_STATUSES,
    Attendance,
    Category,
    Course,
    CourseSettings,
    CourseStatus,
    CourseType,
    Evaluation,
    Invitation,
    InvitationSource,
    InvitationStatus,
    Registration,
    RegistrationStatus,
    Session,
    Shadowing,
    Via,
    company_registrations_q,
)
from courses.vocabulary import seed_course_types
from mentorship.constraints import constraint_errors
from notifications.services import message_enqueue

if TYPE_CHECKING:  # imported inside the functions that use them at run time
    from companies.models import Company, CompanyMentor
    from corps.models import Mentor

RS = RegistrationStatus

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


def settings_for(jobcenter) -> CourseSettings:
    return CourseSettings.objects.filter(jobcenter=jobcenter).first() or CourseSettings(jobcenter=jobcenter)


# --- Messages ------------------------------------------------------------------------------------


def _day_label(session: Session) -> str:
    with translation.override("da"):
        day = formats.date_format(session.date, "l j. F Y")
    return f"{day} kl. {session.starts_at:%H.%M}-{session.ends_at:%H.%M}"


def _when(value) -> str:
    with translation.override("da"):
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "j. F Y \\k\\l. H.i")
        return formats.date_format(value, "j. F Y")


def _course_context(course: Course, sessions: Sequence[Session]) -> dict:
    jobcenter = course.jobcenter
    return {
        "course": {
            "title": course.title,
            "type_name": course.course_type.name,
            "theme": course.theme,
            "venue": course.venue,
            "address": course.address,
            "provider": course.provider,
            "days": [_day_label(s) for s in sessions],
            "deadline": _when(course.registration_deadline),
        },
        "jobcenter": {"name": jobcenter.name, "email": jobcenter.email, "phone": jobcenter.phone},
    }


def _link(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"token": token})


def _send(
    kind: str,
    course: Course,
    sessions: Sequence[Session],
    *,
    email: str,
    name: str,
    about,
    key: str,
    method: str | None = REQUEST,
    partstat: str = "NEEDS-ACTION",
    **extra,
) -> None:
    attachments: tuple[tuple[str, str, str], ...] = ()
    if method is not None and sessions:
        ics = course_ics(course, sessions, method=method, attendee_email=email, attendee_name=name, partstat=partstat)
        attachments = (ics.as_attachment(),)
    message_enqueue(
        jobcenter=course.jobcenter,
        kind=kind,
        recipient_email=email,
        recipient_name=name,
        context={**_course_context(course, sessions), "recipient_name": name, **extra},
        about=about,
        idempotency_key=f"{key}:{email.strip().lower()}"[:255],
        attachments=attachments,
        **mk.templates_for(kind),
    )


def _sessions(course: Course) -> list[Session]:
    return list(Session.objects.filter(course=course).order_by("date", "starts_at"))


# --- Vocabulary ----------------------------------------------------------------------------------


@transaction.atomic
def course_types_defaults_ensure(*, actor, jobcenter) -> int:
    """Gives a jobcenter the default course types it lacks (by name). Returns how many were added."""
    added = seed_course_types(jobcenter=jobcenter, course_type_model=CourseType)
    if added:
        activity_record(actor=actor, action="courses.course_type.seed", jobcenter=jobcenter, data={"added": added})
    return added


# --- Planning ------------------------------------------------------------------------------------


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


def _lock(course: Course) -> Course:
    return Course.objects.select_for_update().select_related("jobcenter", "course_type").get(pk=course.pk)


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
    for email, (name, about, partstat) in recipients.items():
        _send(
            mk.UPDATED,
            course,
            sessions,
            email=email,
            name=name,
            about=about,
            key=f"{mk.UPDATED}:{course.pk}:{course.sequence}",
            partstat=partstat,
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
    active = list(Registration.objects.filter(course=course, status__in=[*SEAT_STATUSES, RS.WAITING]))
    for registration in active:
        recipients[registration.email.lower()] = (registration.name, registration)
    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in active]).update(status=RS.CANCELLED, cancelled_at=now)
    for email, (name, about) in recipients.items():
        _send(
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
    activity_record(actor=actor, action="courses.course.cancel", obj=course, data={"notified": len(recipients)})
    return course


# --- Year plan -----------------------------------------------------------------------------------


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The nth (1-4) weekday (0 = Monday) of a month, or the last one when nth is 5."""
    if nth >= 5:
        last = (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


@dataclass(frozen=True)
class YearPlan:
    course_type: CourseType
    year: int
    months: Sequence[int]
    weekday: int
    nth: int
    starts_at: datetime.time
    ends_at: datetime.time
    venue: str
    capacity: int
    address: str = ""
    provider: str = ""
    themes: Sequence[str] = ()
    deadline_days: int = 14
    days: int = 1

    def dates(self) -> list[list[datetime.date]]:
        result = []
        for month in sorted(set(self.months)):
            start = nth_weekday(self.year, month, self.weekday, self.nth)
            result.append([start + datetime.timedelta(days=i) for i in range(self.days)])
        return result


@constraint_errors
@transaction.atomic
def year_plan_create(*, actor, jobcenter, plan: YearPlan, job_consultants: Iterable = ()) -> list[Course]:
    """Creates a year's courses from a pattern (e.g. network meetings on the second Tuesday of March and
    September), one per month, with the themes in order. All or nothing."""
    if not plan.months:
        raise ValidationError({"months": _("Vælg mindst én måned.")})
    consultants = list(job_consultants)
    courses = []
    category_label = Category(plan.course_type.category).label
    for index, dates in enumerate(plan.dates()):
        theme = plan.themes[index].strip() if index < len(plan.themes) else ""
        with translation.override("da"):
            month_name = formats.date_format(dates[0], "F Y")
        title = f"{plan.course_type.name}, {month_name}" + (f": {theme}" if theme else "")
        courses.append(
            course_create(
                actor=actor,
                jobcenter=jobcenter,
                data={
                    "course_type": plan.course_type,
                    "title": title[:200],
                    "theme": theme,
                    "venue": plan.venue,
                    "address": plan.address,
                    "provider": plan.provider,
                    "capacity": plan.capacity,
                    "registration_deadline": dates[0] - datetime.timedelta(days=plan.deadline_days),
                },
                sessions=[SessionData(d, plan.starts_at, plan.ends_at) for d in dates],
                job_consultants=consultants,
            )
        )
    activity_record(
        actor=actor,
        action="courses.year_plan.create",
        jobcenter=jobcenter,
        data={"type": str(category_label), "year": plan.year, "courses": [c.pk for c in courses]},
    )
    return courses


# --- Invitations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    email: str
    name: str = ""
    company: "Company | None" = None
    corps_mentor: "Mentor | None" = None
    company_mentor: "CompanyMentor | None" = None


def invitees_for(*, course: Course, source: str) -> list[Invitee]:
    """Who a group invitation reaches: every company in the municipality with a contact e-mail, every
    earlier participant of the jobcenter's courses, or the active corps."""
    from companies.models import Company
    from corps.models import Mentor, MentorStatus

    jobcenter = course.jobcenter
    if source == InvitationSource.COMPANIES:
        return [
            Invitee(email=c.contact_email, name=c.contact_name or c.name, company=c)
            for c in Company.objects.filter(jobcenter=jobcenter).exclude(contact_email="").order_by("name")
        ]
    if source == InvitationSource.CORPS:
        return [
            Invitee(email=m.email, name=m.full_name, corps_mentor=m)
            for m in Mentor.objects.filter(
                jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED]
            ).order_by("full_name")
        ]
    if source == InvitationSource.FORMER:
        seen: dict[str, Invitee] = {}
        former = (
            Registration.objects.filter(course__jobcenter=jobcenter, status=RS.REGISTERED)
            .exclude(course=course)
            .filter(Q(completed_on__isnull=False) | Q(course__last_day__lt=timezone.localdate()))
            .select_related("company", "corps_mentor", "company_mentor")
            .order_by("-created_at")
        )
        for r in former:
            seen.setdefault(
                r.email.lower(),
                Invitee(
                    email=r.email,
                    name=r.name,
                    company=r.company,
                    corps_mentor=r.corps_mentor,
                    company_mentor=r.company_mentor,
                ),
            )
        return list(seen.values())
    raise ValueError(f"Unknown invitation source {source!r}")


@constraint_errors
@transaction.atomic
def invitations_send(*, actor, course: Course, source: str, invitees: Iterable[Invitee] | None = None) -> int:
    """Invites a group (or the hand-picked `invitees`) to a course: one tracked invitation and one e-mail
    with a calendar file per address. Addresses already invited are skipped. Returns how many were sent."""
    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Et aflyst kursus kan ikke få nye invitationer."))
    if course.last_day and course.last_day < timezone.localdate():
        raise ValidationError(_("Kurset er afholdt."))
    if invitees is None:
        invitees = invitees_for(course=course, source=source)
    invitees = list(invitees)
    jobcenter_id = course.jobcenter_id
    for invitee in invitees:
        for related in (invitee.company, invitee.corps_mentor):
            if related is not None and related.jobcenter_id != jobcenter_id:
                raise ValidationError(_("Vælg modtagere fra jobcentret."))
        if invitee.company_mentor is not None and invitee.company_mentor.company.jobcenter_id != jobcenter_id:
            raise ValidationError(_("Vælg modtagere fra jobcentret."))
    already = {e.lower() for e in Invitation.objects.filter(course=course).values_list("email", flat=True)}
    new = []
    for invitee in invitees:
        email = invitee.email.strip().lower()
        if not email or email in already:
            continue
        already.add(email)
        new.append(
            Invitation(
                course=course,
                source=source,
                email=email,
                name=invitee.name.strip(),
                company=invitee.company,
                corps_mentor=invitee.corps_mentor,
                company_mentor=invitee.company_mentor,
                invited_by=actor,
            )
        )
    Invitation.objects.bulk_create(new)
    created = list(Invitation.objects.filter(course=course, email__in=[i.email for i in new]))
    sessions = _sessions(course)
    for invitation in created:
        _send(
            mk.INVITATION,
            course,
            sessions,
            email=invitation.email,
            name=invitation.name or invitation.email,
            about=invitation,
            key=f"{mk.INVITATION}:{invitation.pk}",
            link=_link("courses:public_invitation", tokens.make(tokens.INVITATION, invitation.pk)),
        )
    activity_record(
        actor=actor, action="courses.invitation.send", obj=course, data={"source": source, "sent": len(created)}
    )
    return len(created)


@transaction.atomic
def invitation_open(*, invitation: Invitation) -> Invitation:
    """The recipient opened the registration link (first time only)."""
    updated = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.SENT).update(
        status=InvitationStatus.OPENED, opened_at=timezone.now()
    )
    if updated:
        invitation.refresh_from_db()
        activity_record(
            actor=None, action="courses.invitation.open", obj=invitation, jobcenter=invitation.course.jobcenter
        )
    return invitation


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> Invitation:
    """The recipient declined through the link."""
    invitation = Invitation.objects.select_for_update().select_related("course__jobcenter").get(pk=invitation.pk)
    if invitation.status == InvitationStatus.REGISTERED:
        raise ValidationError(_("Du er tilmeldt. Kontakt jobcentret, hvis du vil afmelde dig."))
    now = timezone.now()
    invitation.status = InvitationStatus.DECLINED
    invitation.opened_at = invitation.opened_at or now
    invitation.responded_at = now
    invitation.save(update_fields=["status", "opened_at", "responded_at"])
    activity_record(
        actor=None, action="courses.invitation.decline", obj=invitation, jobcenter=invitation.course.jobcenter
    )
    return invitation


# --- Registrations -------------------------------------------------------------------------------


def _held_seats(course: Course) -> int:
    return Registration.objects.filter(course=course, status__in=SEAT_STATUSES).count()


@constraint_errors
@transaction.atomic
def registration_create(
    *,
    actor,
    course: Course,
    via: str,
    corps_mentor=None,
    company_mentor=None,
    company=None,
    name: str = "",
    email: str = "",
    invitation: Invitation | None = None,
    nomination=None,
) -> Registration:
    """Registers a participant (a corps mentor, a company mentor, or a named person) for a course, or puts
    them on the waiting list when it is full. The course row is locked while the seat is decided, so
    capacity is never exceeded. An open course nomination of the company mentor is linked and handled.
    Coordinators may register after the deadline; the portal and the invitation link may not."""
    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Kurset er aflyst."))
    today = timezone.localdate()
    if course.first_day and course.first_day < today:
        raise ValidationError(_("Kurset er begyndt, så der kan ikke tilmeldes flere."))
    if via != Via.COORDINATOR and course.registration_deadline < today:
        raise ValidationError(_("Tilmeldingsfristen er overskredet. Kontakt jobcentret."))
    if corps_mentor is not None and company_mentor is not None:
        raise ValueError("A registration names one mentor.")
    jobcenter_id = course.jobcenter_id
    if corps_mentor is not None:
        if corps_mentor.jobcenter_id != jobcenter_id:
            raise ValidationError({"corps_mentor": _("Vælg en mentor fra jobcentret.")})
        name, email = corps_mentor.full_name, corps_mentor.email
    if company_mentor is not None:
        if company_mentor.company.jobcenter_id != jobcenter_id:
            raise ValidationError({"company_mentor": _("Vælg en virksomhedsmentor fra jobcentret.")})
        if not company_mentor.email:
            raise ValidationError(
                {"company_mentor": _("Mentoren har ingen e-mailadresse. Tilføj den først, så invitationen kan sendes.")}
            )
        name, email, company = company_mentor.full_name, company_mentor.email, company_mentor.company
    if company is not None and company.jobcenter_id != jobcenter_id:
        raise ValidationError({"company": _("Vælg en virksomhed fra jobcentret.")})
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name:
        raise ValidationError({"name": _("Skriv deltagerens navn.")})
    if not email:
        raise ValidationError({"email": _("Skriv deltagerens e-mailadresse.")})
    if Registration.objects.filter(
        course=course, email__iexact=email, status__in=[*SEAT_STATUSES, RS.WAITING]
    ).exists():
        raise ValidationError({"email": _("%(name)s er allerede tilmeldt eller på ventelisten.") % {"name": name}})
    required = course.course_type.requires
    if required is not None and (corps_mentor or company_mentor):
        done = Registration.objects.filter(
            course__course_type=required, completed_on__isnull=False, email__iexact=email
        ).exists() or _has_external_qualification(corps_mentor, company_mentor, required)
        if not done:
            raise ValidationError(
                _("%(name)s skal først have gennemført %(required)s.") % {"name": name, "required": required.name}
            )
    if nomination is None and company_mentor is not None:
        nomination = company_mentor.course_nominations.filter(status="new").first()
    if nomination is not None and (company_mentor is None or nomination.mentor_id != company_mentor.pk):
        raise ValueError("A nomination belongs to the company mentor it names.")

    now = timezone.now()
    full = _held_seats(course) >= course.capacity
    registration = Registration(
        course=course,
        corps_mentor=corps_mentor,
        company_mentor=company_mentor,
        company=company,
        name=name,
        email=email,
        status=RS.WAITING if full else RS.REGISTERED,
        waiting_since=now if full else None,
        via=via,
        invitation=invitation,
        nomination=nomination,
        created_at=now,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise ValidationError(
            {"email": _("%(name)s er allerede tilmeldt eller på ventelisten.") % {"name": name}}
        ) from error
    if invitation is not None:
        Invitation.objects.filter(pk=invitation.pk).update(
            status=InvitationStatus.REGISTERED, responded_at=now, opened_at=invitation.opened_at or now
        )
    if nomination is not None and not nomination.is_handled:
        from companies.services import course_nomination_handle

        course_nomination_handle(actor=actor, nomination=nomination)
    sessions = _sessions(course)
    if full:
        _send(
            mk.WAITING,
            course,
            sessions,
            email=email,
            name=name,
            about=registration,
            key=f"{mk.WAITING}:{registration.pk}",
            method=None,
        )
    else:
        _send(
            mk.REGISTERED,
            course,
            sessions,
            email=email,
            name=name,
            about=registration,
            key=f"{mk.REGISTERED}:{registration.pk}:{course.sequence}",
            partstat="ACCEPTED",
        )
    activity_record(
        actor=actor,
        action="courses.registration.create",
        obj=registration,
        jobcenter=course.jobcenter,
        data={"course_id": course.pk, "status": registration.status, "via": via},
    )
    return registration


def _has_external_qualification(corps_mentor, company_mentor, required: CourseType) -> bool:
    """A base course taken before the product (or elsewhere) counts: the corps mentor's qualification
    record or the company mentor's course date."""
    if required.category != Category.BASE_COURSE:
        return False
    if company_mentor is not None:
        return company_mentor.course_completed_on is not None
    if corps_mentor is not None:
        return corps_mentor.qualifications.filter(kind="course").exists()
    return False


def _fill_free_seats(course: Course, *, now: datetime.datetime | None = None) -> list[Registration]:
    """Offers every free seat to the next on the waiting list. Call with the course row locked."""
    if course.is_cancelled:
        return []
    free = course.capacity - _held_seats(course)
    if free <= 0:
        return []
    now = now or timezone.now()
    deadline = now + datetime.timedelta(hours=settings_for(course.jobcenter).offer_hours)
    sessions = _sessions(course)
    if sessions:
        start = datetime.datetime.combine(
            sessions[0].date, sessions[0].starts_at, tzinfo=timezone.get_current_timezone()
        )
        if start <= now:
            return []
        deadline = min(deadline, start)
    offered = list(Registration.objects.filter(course=course, status=RS.WAITING).order_by("waiting_since", "pk")[:free])
    for registration in offered:
        registration.status = RS.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _send(
            mk.OFFER,
            course,
            sessions,
            email=registration.email,
            name=registration.name,
            about=registration,
            key=f"{mk.OFFER}:{registration.pk}:{now.isoformat()}",
            link=_link("courses:public_offer", tokens.make(tokens.OFFER, registration.pk)),
            expires_at=_when(deadline),
        )
        activity_record(actor=None, action="courses.registration.offer", obj=registration, jobcenter=course.jobcenter)
    return offered


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancels a registration (or a waiting-list place). A freed seat is offered to the next in line."""
    course = _lock(registration.course)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, course=course)
    if not registration.is_current:
        raise ValidationError(_("Tilmeldingen er allerede afsluttet."))
    if registration.completed_on:
        raise ValidationError(_("Deltageren har gennemført kurset."))
    held_seat = registration.holds_seat
    registration.status = RS.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if registration.invitation_id:
        # However it was cancelled, the invitation counts as declined: no more course updates to the
        # person, and the same link can register them again.
        invitation = Invitation.objects.select_for_update().get(pk=registration.invitation_id)
        if not invitation.is_declined:
            invitation.status = InvitationStatus.DECLINED
            invitation.responded_at = registration.cancelled_at
            invitation.save(update_fields=["status", "responded_at"])
    if held_seat:
        _send(
            mk.REGISTRATION_CANCELLED,
            course,
            _sessions(course),
            email=registration.email,
            name=registration.name,
            about=registration,
            key=f"{mk.REGISTRATION_CANCELLED}:{registration.pk}",
            method=CANCEL,
        )
        _fill_free_seats(course)
    activity_record(actor=actor, action="courses.registration.cancel", obj=registration, jobcenter=course.jobcenter)
    return registration


def company_withdraw_problem(registration: Registration, *, today: datetime.date | None = None) -> str | None:
    """Why a company leader cannot withdraw this registration in the portal (a Danish sentence), or None:
    only a registration that holds, is offered or waits for a seat, and only until the course begins."""
    today = today or timezone.localdate()
    if not registration.can_be_cancelled:
        return _("Tilmeldingen er allerede afsluttet.")
    first_day = registration.course.first_day
    if first_day is not None and first_day <= today:
        return _("Kurset er begyndt. Kontakt jobcentret, hvis deltageren ikke kan komme.")
    return None


@transaction.atomic
def registration_cancel_by_company(*, actor, company, registration: Registration) -> Registration:
    """A company leader withdraws one of the company's registrations in the portal (company_withdraw_problem
    says when): the seat, a seat offered or the waiting-list place is given up and a freed seat goes to the
    next in line (registration_cancel). After that only the jobcenter can change it."""
    own = (
        Registration.objects.filter(company_registrations_q(company), pk=registration.pk)
        .select_related("course")
        .first()
    )
    if own is None:
        raise ValidationError(_("Tilmeldingen hører ikke til jeres virksomhed."))
    problem = company_withdraw_problem(own)
    if problem:
        raise ValidationError(problem)
    return registration_cancel(actor=actor, registration=own)


@transaction.atomic
def registration_cancel_by_link(*, invitation: Invitation) -> Registration:
    """The invited person withdraws through their invitation link (no login), until the course begins. Their
    seat, a seat offered to them or their waiting-list place is given up, a freed seat goes to the next in line
    (registration_cancel), and the invitation counts as declined, so the same link can register them again."""
    invitation = Invitation.objects.select_for_update().select_related("course").get(pk=invitation.pk)
    course = invitation.course
    registration = (
        Registration.objects.filter(invitation=invitation, status__in=[*SEAT_STATUSES, RS.WAITING])
        .order_by("-pk")
        .first()
    )
    if registration is None:
        raise ValidationError(_("Du er ikke tilmeldt kurset."))
    if course.first_day and course.first_day <= timezone.localdate():
        raise ValidationError(_("Kurset er begyndt. Kontakt jobcentret, hvis du ikke kan deltage."))
    return registration_cancel(actor=None, registration=registration)


@transaction.atomic
def offer_accept(*, registration: Registration) -> Registration:
    """The first on the waiting list takes the seat offered to them, before the deadline."""
    course = _lock(registration.course)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, course=course)
    if registration.status == RS.REGISTERED:
        return registration
    expires_at = registration.offer_expires_at  # set whenever offered (a check constraint)
    if not registration.is_offered or expires_at is None or expires_at <= timezone.now():
        raise ValidationError(_("Tilbuddet er udløbet, og pladsen er gået videre."))
    registration.status = RS.REGISTERED
    registration.save(update_fields=["status"])
    _send(
        mk.REGISTERED,
        course,
        _sessions(course),
        email=registration.email,
        name=registration.name,
        about=registration,
        key=f"{mk.REGISTERED}:{registration.pk}:{course.sequence}",
        partstat="ACCEPTED",
    )
    activity_record(
        actor=None, action="courses.registration.accept_offer", obj=registration, jobcenter=course.jobcenter
    )
    return registration


@transaction.atomic
def offer_decline(*, registration: Registration) -> Registration:
    """The offered seat is declined: the registration ends and the seat goes to the next in line."""
    course = _lock(registration.course)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, course=course)
    if not registration.is_offered:
        raise ValidationError(_("Tilbuddet er ikke længere åbent."))
    registration.status = RS.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _fill_free_seats(course)
    activity_record(
        actor=None, action="courses.registration.decline_offer", obj=registration, jobcenter=course.jobcenter
    )
    return registration


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Periodic: offers past their deadline lapse and their seats go to the next in line. Set-based (one
    query finds the courses concerned); idempotent (a lapsed offer is not lapsed again, and an offer
    e-mail's key names the offer time). Returns how many offers lapsed."""
    now = now or timezone.now()
    lapsed = 0
    with scopes_disabled():
        course_ids = list(
            Registration.objects.filter(status=RS.OFFERED, offer_expires_at__lte=now)
            .values_list("course_id", flat=True)
            .distinct()
        )
        for course_id in course_ids:
            with transaction.atomic():
                course = _lock(Course(pk=course_id))
                expired = Registration.objects.filter(course=course, status=RS.OFFERED, offer_expires_at__lte=now)
                ids = list(expired.values_list("pk", flat=True))
                Registration.objects.filter(pk__in=ids).update(status=RS.LAPSED)
                if ids:
                    activity_record(
                        actor=None, action="courses.registration.offer_lapsed", obj=course, data={"registrations": ids}
                    )
                lapsed += len(ids)
                _fill_free_seats(course, now=now)
    return lapsed


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Periodic: participants of courses starting within the jobcenter's `reminder_days` get one reminder.
    Set-based: one query per jobcenter setting finds every due registration; idempotent through
    `reminded_at` and the message's idempotency key. Returns how many reminders were queued."""
    today = today or timezone.localdate()
    sent = 0
    with scopes_disabled():
        default_days = CourseSettings._meta.get_field("reminder_days").default
        custom = dict(CourseSettings.objects.values_list("jobcenter_id", "reminder_days"))
        windows = {days: [jc for jc, d in custom.items() if d == days] for days in set(custom.values())}
        conditions = Q()
        for days, jobcenters in windows.items():
            conditions |= Q(
                course__jobcenter_id__in=jobcenters, course__first_day__lte=today + datetime.timedelta(days=days)
            )
        conditions |= ~Q(course__jobcenter_id__in=list(custom)) & Q(
            course__first_day__lte=today + datetime.timedelta(days=default_days)
        )
        due = (
            Registration.objects.filter(
                status=RS.REGISTERED,
                reminded_at__isnull=True,
                course__status=CourseStatus.PLANNED,
                course__first_day__gte=today,
            )
            .filter(conditions)
            .select_related("course__jobcenter", "course__course_type")
            .order_by("course_id", "pk")
        )
        by_course: dict[int, list[Registration]] = {}
        for registration in due:
            by_course.setdefault(registration.course_id, []).append(registration)
        for registrations in by_course.values():
            with transaction.atomic():
                course = registrations[0].course
                sessions = _sessions(course)
                now = timezone.now()
                for registration in registrations:
                    _send(
                        mk.REMINDER,
                        course,
                        sessions,
                        email=registration.email,
                        name=registration.name,
                        about=registration,
                        key=f"{mk.REMINDER}:{registration.pk}",
                        partstat="ACCEPTED",
                    )
                Registration.objects.filter(pk__in=[r.pk for r in registrations], reminded_at__isnull=True).update(
                    reminded_at=now
                )
                sent += len(registrations)
    return sent


# --- Attendance, completion, evaluation ------------------------------------------------------------


@transaction.atomic
def attendance_record(*, actor, course: Course, present: set[tuple[int, int]]) -> int:
    """Saves the attendance register: `present` holds (registration id, session id) pairs; every other
    pair of a registered participant and a session day is recorded as absent. Returns the rows written."""
    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Kurset er aflyst."))
    sessions = _sessions(course)
    today = timezone.localdate()
    registrations = list(Registration.objects.filter(course=course, status=RS.REGISTERED).values_list("pk", flat=True))
    existing = {(a.registration_id, a.session_id): a for a in Attendance.objects.filter(session__course=course)}
    now = timezone.now()
    create, update = [], []
    for session in sessions:
        if session.date > today:
            continue
        for registration_id in registrations:
            value = (registration_id, session.pk) in present
            row = existing.get((registration_id, session.pk))
            if row is None:
                create.append(
                    Attendance(
                        registration_id=registration_id,
                        session=session,
                        present=value,
                        recorded_by=actor,
                        recorded_at=now,
                    )
                )
            elif row.present != value:
                row.present, row.recorded_by, row.recorded_at = value, actor, now
                update.append(row)
    Attendance.objects.bulk_create(create)
    Attendance.objects.bulk_update(update, ["present", "recorded_by", "recorded_at"])
    activity_record(
        actor=actor, action="courses.attendance.record", obj=course, data={"rows": len(create) + len(update)}
    )
    return len(create) + len(update)


QUALIFICATION_KIND: dict[str, str] = {
    Category.BASE_COURSE: "course",
    Category.MODULE: "module",
    Category.NETWORK_MEETING: "network_meeting",
    Category.AFTER_WORK: "other",
}


@transaction.atomic
def course_complete(*, actor, course: Course) -> int:
    """After the last day: every registered participant present on every day has completed the course. It
    goes on the mentor's qualification record (corps: a Qualification; company mentor: the course date),
    and each gets an evaluation link. Running it again completes only the newly qualified. Returns how many."""
    from companies.services import company_mentor_update
    from corps.services import qualification_add

    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Kurset er aflyst."))
    if course.last_day is None or course.last_day > timezone.localdate():
        raise ValidationError(_("Kurset kan først afsluttes efter sidste kursusdag."))
    sessions = _sessions(course)
    days = len(sessions)
    registrations = list(
        Registration.objects.filter(course=course, status=RS.REGISTERED, completed_on__isnull=True).select_related(
            "corps_mentor", "company_mentor__company"
        )
    )
    present_days: dict[int, int] = {}
    for registration_id in Attendance.objects.filter(session__course=course, present=True).values_list(
        "registration_id", flat=True
    ):
        present_days[registration_id] = present_days.get(registration_id, 0) + 1
    completed = [r for r in registrations if present_days.get(r.pk, 0) >= days]
    kind = QUALIFICATION_KIND[course.course_type.category]
    for registration in completed:
        registration.completed_on = course.last_day
        registration.save(update_fields=["completed_on"])
        if registration.corps_mentor is not None:
            qualification_add(
                actor=actor,
                mentor=registration.corps_mentor,
                title=course.title,
                kind=kind,
                completed_on=course.last_day,
                source="courses",
                source_reference=f"registration:{registration.pk}",
            )
        mentor = registration.company_mentor
        newer = mentor is not None and (
            mentor.course_completed_on is None or mentor.course_completed_on < course.last_day
        )
        if newer and course.course_type.category == Category.BASE_COURSE:
            company_mentor_update(actor=actor, mentor=mentor, data={"course_completed_on": course.last_day})
        _send(
            mk.EVALUATION,
            course,
            sessions,
            email=registration.email,
            name=registration.name,
            about=registration,
            key=f"{mk.EVALUATION}:{registration.pk}",
            method=None,
            link=_link("courses:public_evaluation", tokens.make(tokens.EVALUATION, registration.pk)),
        )
    if course.completed_at is None:
        course.completed_at = timezone.now()
        course.save(update_fields=["completed_at", "updated_at"])
    activity_record(actor=actor, action="courses.course.complete", obj=course, data={"completed": len(completed)})
    return len(completed)


@transaction.atomic
def evaluation_submit(
    *, registration: Registration, overall: int, relevance: int, usefulness: int, comments: str = ""
) -> Evaluation:
    """A participant's evaluation, once, after completing the course."""
    registration = Registration.objects.select_for_update().select_related("course__jobcenter").get(pk=registration.pk)
    if registration.completed_on is None:
        raise ValidationError(_("Evalueringen åbner, når kurset er gennemført."))
    if Evaluation.objects.filter(registration=registration).exists():
        raise ValidationError(_("Du har allerede evalueret kurset. Tak!"))
    evaluation = Evaluation(
        registration=registration,
        overall=overall,
        relevance=relevance,
        usefulness=usefulness,
        comments=(comments or "").strip(),
    )
    evaluation.full_clean()
    evaluation.save()
    activity_record(
        actor=None, action="courses.evaluation.submit", obj=registration, jobcenter=registration.course.jobcenter
    )
    return evaluation


# --- Shadowing -----------------------------------------------------------------------------------


@constraint_errors
@transaction.atomic
def shadowing_create(
    *, actor, jobcenter, new, experienced, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> Shadowing:
    """A new mentor follows an experienced one (both corps mentors, or both mentors of the same company)
    for a start-up period. For company mentors it is also set on the mentor (companies' own field)."""
    from companies.models import CompanyMentor
    from companies.services import company_mentor_update
    from corps.models import Mentor

    if new.pk == experienced.pk and type(new) is type(experienced):
        raise ValidationError({"experienced": _("En mentor kan ikke følge sig selv.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Perioden skal slutte efter, den begynder.")})
    shadowing = Shadowing(
        jobcenter=jobcenter, starts_on=starts_on, ends_on=ends_on, note=(note or "").strip(), created_by=actor
    )
    if isinstance(new, Mentor) and isinstance(experienced, Mentor):
        if new.jobcenter_id != jobcenter.pk or experienced.jobcenter_id != jobcenter.pk:
            raise ValidationError({"experienced": _("Vælg mentorer fra jobcentret.")})
        shadowing.new_corps_mentor, shadowing.experienced_corps_mentor = new, experienced
    elif isinstance(new, CompanyMentor) and isinstance(experienced, CompanyMentor):
        if new.company.jobcenter_id != jobcenter.pk:
            raise ValidationError({"new": _("Vælg mentorer fra jobcentret.")})
        if new.company_id != experienced.company_id:
            raise ValidationError({"experienced": _("Den erfarne mentor skal være fra samme virksomhed.")})
        shadowing.new_company_mentor, shadowing.experienced_company_mentor = new, experienced
    else:
        raise ValidationError(
            {"experienced": _("Begge mentorer skal være fra mentorkorpset eller fra samme virksomhed.")}
        )
    shadowing.full_clean(exclude=["jobcenter"])
    shadowing.save()
    if shadowing.new_company_mentor is not None:
        company_mentor_update(actor=actor, mentor=new, data={"shadowing": experienced, "is_new": True})
    activity_record(actor=actor, action="courses.shadowing.create", obj=shadowing, jobcenter=jobcenter)
    return shadowing
