"""50 people register for 20 seats at the same moment: the course row lock lets exactly 20 in."""

import threading

import pytest
from django.db import close_old_connections, connection
from django_scopes import scopes_disabled

from courses import services
from courses.models import Registration
from courses.tests.factories import CourseFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_for_twenty_seats(world):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=20)
    start = threading.Barrier(50)
    errors = []

    def register(i):
        try:
            with scopes_disabled():
                start.wait(timeout=30)
                services.registration_create(
                    actor=None, course=course, via="invitation", name=f"Deltager {i}", email=f"d{i}@example.dk"
                )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    statuses = list(Registration.objects.filter(course=course).values_list("status", flat=True))
    assert statuses.count("registered") == 20
    assert statuses.count("waiting") == 30
    waiting = list(Registration.objects.filter(course=course, status="waiting").order_by("waiting_since", "pk"))
    assert len({r.waiting_since for r in waiting}) == 30  # a strict order
