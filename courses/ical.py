"""iCalendar (RFC 5545/5546) files for course invitations, updates and cancellations, built with `icalendar`.

One VEVENT per course, with the course's stable UID and its SEQUENCE, so Outlook, Google and Apple
Calendar replace the earlier version when a time or place changes. A multi-day course is the first
day plus the other days: a daily RRULE when the days are consecutive with the same times (which every
client understands), otherwise RDATE periods; the description lists every day either way.
Times are written in UTC, which every client accepts without a VTIMEZONE block.
"""

import datetime
from dataclasses import dataclass
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
REQUEST = "REQUEST"
CANCEL = "CANCEL"


@dataclass(frozen=True)
class IcsFile:
    filename: str
    content: str
    mimetype: str

    def as_attachment(self) -> tuple[str, str, str]:
        return (self.filename, self.content, self.mimetype)


def _aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=COPENHAGEN).astimezone(datetime.UTC)


def organizer_of(course) -> tuple[str, str]:
    """(name, e-mail) of the organizer: the jobcenter's contact address, else the product's sender."""
    jobcenter = course.jobcenter
    email = jobcenter.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return jobcenter.name, email


def _consecutive_same_times(sessions) -> bool:
    first = sessions[0]
    return all(
        s.date == first.date + datetime.timedelta(days=i)
        and s.starts_at == first.starts_at
        and s.ends_at == first.ends_at
        for i, s in enumerate(sessions)
    )


def course_ics(
    course, sessions, *, method: str, attendee_email: str, attendee_name: str, partstat: str = "NEEDS-ACTION"
) -> IcsFile:
    """The calendar file for one recipient. `sessions` are the course's days in date order."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"Unsupported iTIP method {method!r}")
    sessions = list(sessions)
    calendar = Calendar()
    calendar.add("prodid", "-//Mentorordning//Kurser//DA")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("calscale", "GREGORIAN")

    event = Event()
    event.add("uid", f"{course.uid}@mentorordning")
    event.add("sequence", course.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("summary", course.title)
    location = ", ".join(part for part in (course.venue, course.address) if part)
    event.add("location", location)
    lines = [course.course_type.name]
    if course.theme:
        lines.append(f"Tema: {course.theme}")
    if course.provider:
        lines.append(f"Udbyder: {course.provider}")
    lines += [f"{s.date:%d.%m.%Y} kl. {s.starts_at:%H.%M}-{s.ends_at:%H.%M}" for s in sessions]
    event.add("description", "\n".join(lines))
    if sessions:
        first = sessions[0]
        event.add("dtstart", _aware(first.date, first.starts_at))
        event.add("dtend", _aware(first.date, first.ends_at))
        if len(sessions) > 1:
            if _consecutive_same_times(sessions):
                event.add("rrule", {"FREQ": "DAILY", "COUNT": len(sessions)})
            else:
                event.add(
                    "rdate",
                    [(_aware(s.date, s.starts_at), _aware(s.date, s.ends_at)) for s in sessions[1:]],
                )
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")

    organizer_name, organizer_email = organizer_of(course)
    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText(organizer_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["cn"] = vText(attendee_name or attendee_email)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText(partstat)
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)

    filename = "aflysning.ics" if method == CANCEL else "kursus.ics"
    return IcsFile(
        filename=filename,
        content=calendar.to_ical().decode("utf-8"),
        mimetype=f"text/calendar; method={method}",
    )
