"""The calendar invitation to a mentor agreement's first meeting (iCalendar REQUEST, and CANCEL when it is
called off), on the shared builder in `mentorship.ical`.

One VEVENT per planned meeting with the plan's stable UID and SEQUENCE, so a moved meeting replaces the earlier
version in the mentor's and the caseworker's calendars. It names the citizen by first name only and holds no CPR
number, no health note and nothing from the agreement's text; the rest is in Mentorordning.
"""

import datetime

from mentorship.ical import CANCEL, REQUEST, Attendee, IcsFile, event_calendar, ics_file, jobcenter_organizer

__all__ = ["CANCEL", "REQUEST", "first_meeting_ics", "meeting_uid"]


def meeting_uid(plan) -> str:
    return f"opstartsmoede-{plan.uid}@mentorordning"


def first_meeting_ics(plan, *, method: str, attendees: list[Attendee], citizen_first_name: str, lines) -> IcsFile:
    """The calendar file of `plan` for its invitees (`attendees`: the mentor and the caseworker who get it)."""
    calendar, event = event_calendar(
        method=method,
        product="Opstartsmøder",
        uid=meeting_uid(plan),
        sequence=plan.sequence,
        summary=f"Opstartsmøde med {citizen_first_name}",
        location=plan.place,
        description="\n".join(lines),
        organizer=jobcenter_organizer(plan.jobcenter),
        attendees=attendees,
    )
    event.add("dtstart", plan.starts_at.astimezone(datetime.UTC))
    event.add("dtend", plan.ends_at.astimezone(datetime.UTC))
    filename = "aflysning-opstartsmoede.ics" if method == CANCEL else "opstartsmoede.ics"
    return ics_file(calendar, method=method, filename=filename)
