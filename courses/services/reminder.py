"""Reminders to the participants of courses that start soon (a beat task)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from courses import message_kinds as mk
from courses.models import (
    CourseSettings,
    CourseStatus,
    Registration,
)
from courses.services._common import RS, _message, _send_all, _sessions


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Periodic: participants of courses starting within the jobcenter's `reminder_days` get one reminder.
    Set-based: one query per jobcenter setting finds every due registration; idempotent through
    `reminded_at` and the message's idempotency key. Returns how many reminders were queued."""
    today = today or timezone.localdate()
    sent = 0
    with scopes_disabled():
        default_days = CourseSettings._meta.get_field("reminder_days").default
        custom = dict(CourseSettings.objects.values_list("jobcenter_id", "reminder_days"))
        windows = {days: [jc for jc, d in custom.items() if d == days] for days in set(custom.values())}
        conditions = Q()
        for days, jobcenters in windows.items():
            conditions |= Q(
                course__jobcenter_id__in=jobcenters, course__first_day__lte=today + datetime.timedelta(days=days)
            )
        conditions |= ~Q(course__jobcenter_id__in=list(custom)) & Q(
            course__first_day__lte=today + datetime.timedelta(days=default_days)
        )
        due = (
            Registration.objects.filter(
                status=RS.REGISTERED,
                reminded_at__isnull=True,
                course__status=CourseStatus.PLANNED,
                course__first_day__gte=today,
            )
            .filter(conditions)
            .select_related("course__jobcenter", "course__course_type")
            .order_by("course_id", "pk")
        )
        by_course: dict[int, list[Registration]] = {}
        for registration in due:
            by_course.setdefault(registration.course_id, []).append(registration)
        for registrations in by_course.values():
            with transaction.atomic():
                course = registrations[0].course
                sessions = _sessions(course)
                now = timezone.now()
                _send_all(
                    course,
                    [
                        _message(
                            mk.REMINDER,
                            course,
                            sessions,
                            email=registration.email,
                            name=registration.name,
                            about=registration,
                            key=f"{mk.REMINDER}:{registration.pk}",
                            partstat="ACCEPTED",
                        )
                        for registration in registrations
                    ],
                )
                Registration.objects.filter(pk__in=[r.pk for r in registrations], reminded_at__isnull=True).update(
                    reminded_at=now
                )
                sent += len(registrations)
    return sent
