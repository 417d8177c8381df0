"""What the courses services share: the jobcenter's course settings, the course row lock, seats held,
and queuing a course e-mail (with its calendar file) in the outbox."""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from courses import message_kinds as mk
from courses.ical import REQUEST, course_ics
from courses.models import (
    SEAT_STATUSES,
    Course,
    CourseSettings,
    Registration,
    RegistrationStatus,
    Session,
)
from notifications.services import Outgoing, messages_enqueue

RS = RegistrationStatus


def settings_for(jobcenter) -> CourseSettings:
    return CourseSettings.objects.filter(jobcenter=jobcenter).first() or CourseSettings(jobcenter=jobcenter)


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
            "first_day": _when(sessions[0].date) if sessions else "",
            "deadline": _when(course.registration_deadline),
        },
        "jobcenter": {"name": jobcenter.name, "email": jobcenter.email, "phone": jobcenter.phone},
    }


def _link(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"token": token})


def _message(
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
) -> Outgoing:
    """One course e-mail to one person, with its calendar file (for `_send_all`)."""
    attachments: tuple[tuple[str, str, str], ...] = ()
    if method is not None and sessions:
        ics = course_ics(course, sessions, method=method, attendee_email=email, attendee_name=name, partstat=partstat)
        attachments = (ics.as_attachment(),)
    return Outgoing(
        kind=kind,
        recipient_email=email,
        recipient_name=name,
        context={**_course_context(course, sessions), "recipient_name": name, **extra},
        about=about,
        idempotency_key=f"{key}:{email.strip().lower()}"[:255],
        attachments=attachments,
        **mk.templates_for(kind),
    )


def _send_all(course: Course, messages: Sequence[Outgoing]) -> None:
    """Queues a course's e-mails to several people at once (one set-wise write to the outbox)."""
    messages_enqueue(jobcenter=course.jobcenter, messages=messages)


def _send(kind: str, course: Course, sessions: Sequence[Session], **arguments) -> None:
    """Queues one course e-mail (see `_message`)."""
    _send_all(course, [_message(kind, course, sessions, **arguments)])


def _sessions(course: Course) -> list[Session]:
    return list(Session.objects.filter(course=course).order_by("date", "starts_at"))


def _lock(course: Course) -> Course:
    return Course.objects.select_for_update().select_related("jobcenter", "course_type").get(pk=course.pk)


def _held_seats(course: Course) -> int:
    return Registration.objects.filter(course=course, status__in=SEAT_STATUSES).count()
