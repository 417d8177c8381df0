"""iCalendar (RFC 5545/5546) files for course invitations, updates and cancellations, on the shared builder in
`mentorship.ical`.

One VEVENT per course, with the course's stable UID and its SEQUENCE, so Outlook, Google and Apple
Calendar replace the earlier version when a time or place changes. A multi-day course is the first
day plus the other days: a daily RRULE when the days are consecutive with the same times, also in UTC (which
every client understands), otherwise RDATE periods; the description lists every day either way.
"""

import datetime

from mentorship.ical import (
    CANCEL,
    COPENHAGEN,
    REQUEST,
    Attendee,
    IcsFile,
    aware,
    event_calendar,
    ics_file,
    jobcenter_organizer,
)

__all__ = ["CANCEL", "COPENHAGEN", "REQUEST", "IcsFile", "course_ics", "organizer_of"]


def organizer_of(course) -> tuple[str, str]:
    """(name, e-mail) of the organizer: the jobcenter's contact address, else the product's sender."""
    return jobcenter_organizer(course.jobcenter)


def _consecutive_same_times(sessions) -> bool:
    """Consecutive days at the same times, also in UTC: a daily rule on a UTC start repeats the UTC time, so
    days on both sides of a daylight-saving change are written as RDATE periods instead."""
    first = sessions[0]
    starts, ends = aware(first.date, first.starts_at), aware(first.date, first.ends_at)
    return all(
        s.date == first.date + datetime.timedelta(days=i)
        and aware(s.date, s.starts_at) == starts + datetime.timedelta(days=i)
        and aware(s.date, s.ends_at) == ends + datetime.timedelta(days=i)
        for i, s in enumerate(sessions)
    )


def course_ics(
    course, sessions, *, method: str, attendee_email: str, attendee_name: str, partstat: str = "NEEDS-ACTION"
) -> IcsFile:
    """The calendar file for one recipient. `sessions` are the course's days in date order."""
    sessions = list(sessions)
    lines = [course.course_type.name]
    if course.theme:
        lines.append(f"Tema: {course.theme}")
    if course.provider:
        lines.append(f"Udbyder: {course.provider}")
    lines += [f"{s.date:%d.%m.%Y} kl. {s.starts_at:%H.%M}-{s.ends_at:%H.%M}" for s in sessions]
    calendar, event = event_calendar(
        method=method,
        product="Kurser",
        uid=f"{course.uid}@mentorordning",
        sequence=course.sequence,
        summary=course.title,
        location=", ".join(part for part in (course.venue, course.address) if part),
        description="\n".join(lines),
        organizer=organizer_of(course),
        attendees=[Attendee(attendee_email, attendee_name, partstat)],
    )
    if sessions:
        first = sessions[0]
        event.add("dtstart", aware(first.date, first.starts_at))
        event.add("dtend", aware(first.date, first.ends_at))
        if len(sessions) > 1:
            if _consecutive_same_times(sessions):
                event.add("rrule", {"FREQ": "DAILY", "COUNT": len(sessions)})
            else:
                event.add(
                    "rdate",
                    [(aware(s.date, s.starts_at), aware(s.date, s.ends_at)) for s in sessions[1:]],
                )
    return ics_file(calendar, method=method, filename="aflysning.ics" if method == CANCEL else "kursus.ics")
