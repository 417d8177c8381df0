"""What every iCalendar (RFC 5545/5546) invitation of the product shares, built with `icalendar`: the iTIP
methods, the calendar with its METHOD, one VEVENT with a stable UID and its SEQUENCE (so Outlook, Google and
Apple Calendar replace the earlier version when a time or place changes, and remove it on CANCEL), the
jobcenter as organizer, the attendees, and the file as an outbox attachment.

Times are written in UTC, which every client accepts without a VTIMEZONE block. The callers (course
invitations in `courses.ical`, the first meeting of a mentor agreement in `citizens.ical`) add what their
event says; none of them puts a CPR number or a health note in it.
"""

import datetime
from collections.abc import Iterable
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


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    partstat: str = "NEEDS-ACTION"


def aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    """A Copenhagen wall-clock time on `day`, in UTC."""
    return datetime.datetime.combine(day, at, tzinfo=COPENHAGEN).astimezone(datetime.UTC)


def jobcenter_organizer(jobcenter) -> tuple[str, str]:
    """(name, e-mail) of the organizer: the jobcenter's contact address, else the product's sender."""
    email = jobcenter.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return jobcenter.name, email


def event_calendar(
    *,
    method: str,
    product: str,
    uid: str,
    sequence: int,
    summary: str,
    location: str,
    description: str,
    organizer: tuple[str, str],
    attendees: Iterable[Attendee],
) -> tuple[Calendar, Event]:
    """A calendar with METHOD `method` and one VEVENT with everything but its times, which the caller adds
    (`dtstart`, `dtend`, and a recurrence if any) before `ics_file`. STATUS is CANCELLED for a CANCEL."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"Unsupported iTIP method {method!r}")
    calendar = Calendar()
    calendar.add("prodid", f"-//Mentorordning//{product}//DA")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("calscale", "GREGORIAN")

    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")

    organizer_name, organizer_email = organizer
    address = vCalAddress(f"mailto:{organizer_email}")
    address.params["cn"] = vText(organizer_name)
    event.add("organizer", address)
    for person in attendees:
        address = vCalAddress(f"mailto:{person.email}")
        address.params["cn"] = vText(person.name or person.email)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText(person.partstat)
        address.params["rsvp"] = vText("FALSE")
        event.add("attendee", address)
    calendar.add_component(event)
    return calendar, event


def ics_file(calendar: Calendar, *, method: str, filename: str) -> IcsFile:
    return IcsFile(
        filename=filename,
        content=calendar.to_ical().decode("utf-8"),
        mimetype=f"text/calendar; method={method}",
    )
