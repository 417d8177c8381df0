"""The course registration's status transitions table: every declared move is made by a service (also
the bulk moves: a course cancelled, offers lapsed), and an undeclared one is refused with code
"illegal_transition" and nothing changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import ActivityLog
from courses import services
from courses.models import Registration, RegistrationStatus
from courses.tests.factories import CourseFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
RS = RegistrationStatus


def _register(course, count: int, start: int = 0) -> list[Registration]:
    return [
        services.registration_create(
            actor=None, course=course, via="coordinator", name=f"Deltager {i}", email=f"d{i}@example.dk"
        )
        for i in range(start, start + count)
    ]


def _status(registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_every_registration_transition_is_made_by_a_service(world):
    made = set()
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    first, second, third, fourth = _register(course, 4)
    assert [r.status for r in (first, second, third, fourth)] == [RS.REGISTERED, RS.WAITING, RS.WAITING, RS.WAITING]

    services.registration_cancel(actor=world.coordinator, registration=first)
    assert _status(first) == RS.CANCELLED
    made.add((RS.REGISTERED, RS.CANCELLED))
    assert _status(second) == RS.OFFERED
    made.add((RS.WAITING, RS.OFFERED))

    services.offer_decline(registration=second)
    assert _status(second) == RS.CANCELLED
    made.add((RS.OFFERED, RS.CANCELLED))

    assert _status(third) == RS.OFFERED
    assert services.offers_expire(now=timezone.now() + datetime.timedelta(days=3)) == 1
    assert _status(third) == RS.LAPSED
    made.add((RS.OFFERED, RS.LAPSED))

    assert _status(fourth) == RS.OFFERED
    services.offer_accept(registration=fourth)
    assert _status(fourth) == RS.REGISTERED
    made.add((RS.OFFERED, RS.REGISTERED))

    other = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    _seated, waiting = _register(other, 2, start=10)
    services.registration_cancel(actor=world.coordinator, registration=waiting)
    assert _status(waiting) == RS.CANCELLED
    made.add((RS.WAITING, RS.CANCELLED))

    assert made == set(Registration.STATUS_TRANSITIONS.pairs())


def test_a_cancelled_course_cancels_every_current_registration(world):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    seated, waiting = _register(course, 2)
    services.course_cancel(actor=world.coordinator, course=course, reason="For få tilmeldte")
    assert (_status(seated), _status(waiting)) == (RS.CANCELLED, RS.CANCELLED)


def _registration(world, status):
    extra = {}
    if status == RS.WAITING:
        extra["waiting_since"] = timezone.now()
    if status == RS.OFFERED:
        extra |= {"offered_at": timezone.now(), "offer_expires_at": timezone.now() + datetime.timedelta(days=1)}
    if status == RS.CANCELLED:
        extra["cancelled_at"] = timezone.now()
    return RegistrationFactory(course=CourseFactory(jobcenter=world.jobcenter), status=status, **extra)


@pytest.mark.parametrize(
    ("status", "move", "message"),
    [
        (RS.CANCELLED, "cancel", "Tilmeldingen er allerede afsluttet."),
        (RS.LAPSED, "cancel", "Tilmeldingen er allerede afsluttet."),
        (RS.CANCELLED, "accept", "Tilbuddet er udløbet, og pladsen er gået videre."),
        (RS.LAPSED, "accept", "Tilbuddet er udløbet, og pladsen er gået videre."),
        (RS.WAITING, "accept", "Tilbuddet er udløbet, og pladsen er gået videre."),
        (RS.CANCELLED, "decline", "Tilbuddet er ikke længere åbent."),
        (RS.LAPSED, "decline", "Tilbuddet er ikke længere åbent."),
    ],
)
def test_illegal_registration_transition_is_refused_and_nothing_changes(world, status, move, message):
    registration = _registration(world, status)
    before = Registration.objects.values().get(pk=registration.pk)
    logged = ActivityLog.objects.count()
    with pytest.raises(ValidationError) as error:
        if move == "cancel":
            services.registration_cancel(actor=world.coordinator, registration=registration)
        elif move == "accept":
            services.offer_accept(registration=registration)
        else:
            services.offer_decline(registration=registration)
    assert error.value.code == "illegal_transition"
    assert error.value.messages == [message]
    assert Registration.objects.values().get(pk=registration.pk) == before
    assert ActivityLog.objects.count() == logged


def test_the_table_answers_the_models_status_rules():
    for status in RS.values:
        registration = Registration(status=status)
        assert registration.can_be_cancelled == (status in (RS.REGISTERED, RS.WAITING, RS.OFFERED))
