"""A login ends SESSION_ABSOLUTE_LIFETIME_HOURS after it began, however active the user is (issue 18)."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.tests.test_authentication import log_in_with_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("home")


def _active_until(client, start, end, step=timedelta(minutes=20)):
    """A request every 20 minutes (inside the idle timeout) from `start` until `end`; the last response."""
    moment, response = start + step, None
    while moment <= end:
        with time_machine.travel(moment, tick=False):
            response = client.get(HOME)
        moment += step
    return response


def test_an_active_session_ends_after_the_absolute_lifetime(client, world):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in_with_code(client, world.caseworker)
        assert client.get(HOME).status_code == 200
    lifetime = timedelta(hours=settings.SESSION_ABSOLUTE_LIFETIME_HOURS)

    response = _active_until(client, start, start + lifetime - timedelta(minutes=1))
    assert response.status_code == 200  # used every 20 minutes: the idle timeout never struck

    with time_machine.travel(start + lifetime + timedelta(minutes=1), tick=False):
        response = client.get(reverse("citizens:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert client.get(HOME).status_code == 302  # logged out, not only turned away once
        # Logging in again starts a new lifetime.
        log_in_with_code(client, world.caseworker)
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + lifetime + timedelta(minutes=30), tick=False):
        assert client.get(HOME).status_code == 200


@override_settings(SESSION_ABSOLUTE_LIFETIME_HOURS=2)
def test_the_lifetime_is_a_setting(client, world):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in_with_code(client, world.caseworker)
    assert _active_until(client, start, start + timedelta(minutes=119)).status_code == 200
    with time_machine.travel(start + timedelta(minutes=121), tick=False):
        assert client.get(HOME).status_code == 302
