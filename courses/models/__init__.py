"""Mentor courses, special modules and network meetings: types, courses and their session days,
invitations, registrations with a waiting list, attendance, evaluations and shadowing periods.

Vocabulary: CourseType is per jobcenter (admins edit their own list in Django admin); every jobcenter
gets the default types from a data migration (existing jobcenters) or `course_types_defaults_ensure`
(new ones; seed_demo calls it).

A package by sub-domain (vocabulary, course, invitation, registration, attendance); this module
re-exports every public name, so `from courses.models import Course` and the app label `courses` stay as
they were.
"""

from courses.models.attendance import (
    SCORE_VALIDATORS,
    Attendance,
    Evaluation,
    Shadowing,
)
from courses.models.course import (
    Course,
    CourseStatus,
    Session,
)
from courses.models.invitation import (
    Invitation,
    InvitationSource,
    InvitationStatus,
)
from courses.models.registration import (
    ACTIVE_STATUSES,
    REGISTRATION_TRANSITIONS,
    SEAT_STATUSES,
    Registration,
    RegistrationStatus,
    Via,
    company_registrations_q,
)
from courses.models.vocabulary import (
    ALL_AUDIENCES,
    AUDIENCES,
    Category,
    CourseSettings,
    CourseType,
)

__all__ = [
    "ACTIVE_STATUSES",
    "ALL_AUDIENCES",
    "AUDIENCES",
    "REGISTRATION_TRANSITIONS",
    "SCORE_VALIDATORS",
    "SEAT_STATUSES",
    "Attendance",
    "Category",
    "Course",
    "CourseSettings",
    "CourseStatus",
    "CourseType",
    "Evaluation",
    "Invitation",
    "InvitationSource",
    "InvitationStatus",
    "Registration",
    "RegistrationStatus",
    "Session",
    "Shadowing",
    "Via",
    "company_registrations_q",
]
