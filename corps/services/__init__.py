"""Every write to the corps: applications, screening, profiles, notes, qualifications, hours, import.

Each service is atomic and writes an activity-log entry in the same transaction. Screening steps
lock the mentor row (select_for_update), so two coordinators cannot move the same mentor at once,
and refuse illegal steps with a ValidationError carrying a Danish message.

A package by sub-domain (mentor, screening, notes, hours, mentor_import); this module re-exports every
public name, so `from corps import services; services.x(...)` works as before.
"""

from corps.services.hours import (
    agreed_weekly_hours,
    hours_decide,
    hours_record,
    week_start,
)
from corps.services.mentor import (
    APPLICATION_FIELDS,
    PROFILE_FIELDS,
    ApplicationResult,
    competences_defaults_ensure,
    mentor_apply,
    mentor_create,
    mentor_update,
)
from corps.services.mentor_import import (
    mentors_import,
)
from corps.services.notes import (
    mentor_note_add,
    qualification_add,
)
from corps.services.screening import (
    TRANSITIONS,
    allowed_transitions,
    mentor_activate,
    mentor_approve,
    mentor_interview_book,
    mentor_pause,
    mentor_reject,
    mentor_resign,
    mentors_resume_due,
)

__all__ = [
    "APPLICATION_FIELDS",
    "PROFILE_FIELDS",
    "TRANSITIONS",
    "ApplicationResult",
    "agreed_weekly_hours",
    "allowed_transitions",
    "competences_defaults_ensure",
    "hours_decide",
    "hours_record",
    "mentor_activate",
    "mentor_apply",
    "mentor_approve",
    "mentor_create",
    "mentor_interview_book",
    "mentor_note_add",
    "mentor_pause",
    "mentor_reject",
    "mentor_resign",
    "mentor_update",
    "mentors_import",
    "mentors_resume_due",
    "qualification_add",
    "week_start",
]
