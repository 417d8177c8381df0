"""The waiting list: a freed seat is offered to the next in line, who accepts or declines before the
deadline; lapsed offers pass on (a beat task)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from audit.services import activity_record
from courses import message_kinds as mk
from courses import tokens
from courses.models import (
    Course,
    Registration,
)
from courses.services._common import (
    RS,
    _held_seats,
    _link,
    _lock,
    _message,
    _send,
    _send_all,
    _sessions,
    _when,
    settings_for,
)


def _fill_free_seats(course: Course, *, now: datetime.datetime | None = None) -> list[Registration]:
    """Offers every free seat to the next on the waiting list. Call with the course row locked."""
    if course.is_cancelled:
        return []
    free = course.capacity - _held_seats(course)
    if free <= 0:
        return []
    now = now or timezone.now()
    deadline = now + datetime.timedelta(hours=settings_for(course.jobcenter).offer_hours)
    sessions = _sessions(course)
    if sessions:
        start = datetime.datetime.combine(
            sessions[0].date, sessions[0].starts_at, tzinfo=timezone.get_current_timezone()
        )
        if start <= now:
            return []
        deadline = min(deadline, start)
    offered = list(
        Registration.objects.select_for_update()
        .filter(course=course, status=RS.WAITING)
        .order_by("waiting_since", "pk")[:free]
    )
    messages = []
    for registration in offered:
        Registration.STATUS_TRANSITIONS.require(registration.status, RS.OFFERED)
        registration.status = RS.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        messages.append(
            _message(
                mk.OFFER,
                course,
                sessions,
                email=registration.email,
                name=registration.name,
                about=registration,
                key=f"{mk.OFFER}:{registration.pk}:{now.isoformat()}",
                link=_link("courses:public_offer", tokens.make(tokens.OFFER, registration.pk)),
                expires_at=_when(deadline),
            )
        )
        activity_record(actor=None, action="courses.registration.offer", obj=registration, jobcenter=course.jobcenter)
    _send_all(course, messages)
    return offered


@transaction.atomic
def offer_accept(*, registration: Registration) -> Registration:
    """The first on the waiting list takes the seat offered to them, before the deadline."""
    course = _lock(registration.course)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, course=course)
    if registration.status == RS.REGISTERED:
        return registration
    Registration.STATUS_TRANSITIONS.require(
        registration.status, RS.REGISTERED, message=_("Tilbuddet er udløbet, og pladsen er gået videre.")
    )
    expires_at = registration.offer_expires_at  # set whenever offered (a check constraint)
    if not registration.is_offered or expires_at is None or expires_at <= timezone.now():
        raise ValidationError(_("Tilbuddet er udløbet, og pladsen er gået videre."))
    registration.status = RS.REGISTERED
    registration.save(update_fields=["status"])
    _send(
        mk.REGISTERED,
        course,
        _sessions(course),
        email=registration.email,
        name=registration.name,
        about=registration,
        key=f"{mk.REGISTERED}:{registration.pk}:{course.sequence}",
        partstat="ACCEPTED",
    )
    activity_record(
        actor=None, action="courses.registration.accept_offer", obj=registration, jobcenter=course.jobcenter
    )
    return registration


@transaction.atomic
def offer_decline(*, registration: Registration) -> Registration:
    """The offered seat is declined: the registration ends and the seat goes to the next in line."""
    course = _lock(registration.course)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, course=course)
    Registration.STATUS_TRANSITIONS.require(
        registration.status, RS.CANCELLED, message=_("Tilbuddet er ikke længere åbent.")
    )
    if not registration.is_offered:  # a registration or a waiting place is cancelled by registration_cancel
        raise ValidationError(_("Tilbuddet er ikke længere åbent."))
    registration.status = RS.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _fill_free_seats(course)
    activity_record(
        actor=None, action="courses.registration.decline_offer", obj=registration, jobcenter=course.jobcenter
    )
    return registration


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Periodic: offers past their deadline lapse and their seats go to the next in line. Set-based (one
    query finds the courses concerned); idempotent (a lapsed offer is not lapsed again, and an offer
    e-mail's key names the offer time). Returns how many offers lapsed."""
    now = now or timezone.now()
    lapsed = 0
    with scopes_disabled():
        course_ids = list(
            Registration.objects.filter(status=RS.OFFERED, offer_expires_at__lte=now)
            .values_list("course_id", flat=True)
            .distinct()
        )
        for course_id in course_ids:
            with transaction.atomic():
                course = _lock(Course(pk=course_id))
                expired = Registration.objects.filter(course=course, status=RS.OFFERED, offer_expires_at__lte=now)
                ids = list(expired.values_list("pk", flat=True))
                Registration.STATUS_TRANSITIONS.require(RS.OFFERED, RS.LAPSED)
                Registration.objects.filter(pk__in=ids, status=RS.OFFERED).update(status=RS.LAPSED)
                if ids:
                    activity_record(
                        actor=None, action="courses.registration.offer_lapsed", obj=course, data={"registrations": ids}
                    )
                lapsed += len(ids)
                _fill_free_seats(course, now=now)
    return lapsed
