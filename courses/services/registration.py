"""Registrations: registering (or joining the waiting list) and cancelling, by the jobcenter, the company
leader in the portal or the invited person's link."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from courses import message_kinds as mk
from courses.ical import CANCEL
from courses.models import (
    SEAT_STATUSES,
    Category,
    Course,
    CourseType,
    Invitation,
    InvitationStatus,
    Registration,
    Via,
    company_registrations_q,
)
from courses.services._common import RS, _held_seats, _lock, _send, _sessions
from courses.services.waiting_list import _fill_free_seats
from mentorship.constraints import constraint_errors


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


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancels a registration (or a waiting-list place). A freed seat is offered to the next in line."""
    course = _lock(registration.course)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, course=course)
    Registration.STATUS_TRANSITIONS.require(
        registration.status, RS.CANCELLED, message=_("Tilmeldingen er allerede afsluttet.")
    )
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
