"""Attendance, completion (with the qualification it gives) and the participants' evaluations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from courses import message_kinds as mk
from courses import tokens
from courses.models import (
    Attendance,
    Category,
    Course,
    Evaluation,
    Registration,
)
from courses.services._common import RS, _link, _lock, _message, _send_all, _sessions


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
    messages = []
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
        messages.append(
            _message(
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
        )
    _send_all(course, messages)
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
