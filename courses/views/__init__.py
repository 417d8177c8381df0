"""Courses pages: the coordinator app (plan, invite, register, attendance) and the public pages reached from
e-mail links (the company leader's course pages are in portal/views.py). Thin: permission, selector, form,
service, response.

A package by sub-domain (course, registration, attendance, public); this module re-exports every view, so
`courses.urls` and `from courses import views` work as before."""

from courses.views.attendance import (
    attendance,
    certificate,
    evaluations,
    shadowing_create,
    shadowing_list,
)
from courses.views.course import (
    course_calendar,
    course_cancel,
    course_create,
    course_detail,
    course_ics,
    course_list,
    course_update,
    session_add,
    session_edit,
    year_plan,
)
from courses.views.public import (
    PUBLIC_RATE_LIMIT,
    PUBLIC_RATE_WINDOW,
    public_evaluation,
    public_invitation,
    public_offer,
)
from courses.views.registration import (
    invitation_list,
    invite,
    register,
    registration_cancel,
)

__all__ = [
    "PUBLIC_RATE_LIMIT",
    "PUBLIC_RATE_WINDOW",
    "attendance",
    "certificate",
    "course_calendar",
    "course_cancel",
    "course_create",
    "course_detail",
    "course_ics",
    "course_list",
    "course_update",
    "evaluations",
    "invitation_list",
    "invite",
    "public_evaluation",
    "public_invitation",
    "public_offer",
    "register",
    "registration_cancel",
    "session_add",
    "session_edit",
    "shadowing_create",
    "shadowing_list",
    "year_plan",
]
