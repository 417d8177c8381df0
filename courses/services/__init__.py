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

A package by sub-domain (course, year_plan, invitation, registration, waiting_list, reminder, attendance,
shadowing); this module re-exports every public name, so `from courses import services; services.x(...)`
works as before.
"""

from courses.services._common import settings_for
from courses.services.attendance import (
    QUALIFICATION_KIND,
    attendance_record,
    course_complete,
    evaluation_submit,
)
from courses.services.course import (
    CALENDAR_FIELDS,
    COURSE_FIELDS,
    SessionData,
    course_cancel,
    course_create,
    course_types_defaults_ensure,
    course_update,
    session_add,
    session_remove,
    session_update,
)
from courses.services.invitation import (
    Invitee,
    invitation_decline,
    invitation_open,
    invitations_send,
    invitees_for,
)
from courses.services.registration import (
    company_withdraw_problem,
    registration_cancel,
    registration_cancel_by_company,
    registration_cancel_by_link,
    registration_create,
)
from courses.services.reminder import (
    reminders_send,
)
from courses.services.shadowing import (
    shadowing_create,
)
from courses.services.waiting_list import (
    offer_accept,
    offer_decline,
    offers_expire,
)
from courses.services.year_plan import (
    YearPlan,
    nth_weekday,
    year_plan_create,
)

__all__ = [
    "CALENDAR_FIELDS",
    "COURSE_FIELDS",
    "QUALIFICATION_KIND",
    "Invitee",
    "SessionData",
    "YearPlan",
    "attendance_record",
    "company_withdraw_problem",
    "course_cancel",
    "course_complete",
    "course_create",
    "course_types_defaults_ensure",
    "course_update",
    "evaluation_submit",
    "invitation_decline",
    "invitation_open",
    "invitations_send",
    "invitees_for",
    "nth_weekday",
    "offer_accept",
    "offer_decline",
    "offers_expire",
    "registration_cancel",
    "registration_cancel_by_company",
    "registration_cancel_by_link",
    "registration_create",
    "reminders_send",
    "session_add",
    "session_remove",
    "session_update",
    "settings_for",
    "shadowing_create",
    "year_plan_create",
]
