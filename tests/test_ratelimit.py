"""The public pages' rate limit against a real Redis that the test starts, stops and starts again: while
the cache is down, nobody's application or answer is lost, and the outage is logged once."""

import datetime
import logging
import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from corps.models import Mentor
from corps.tests.test_views import application
from courses import tokens
from courses.models import Evaluation, Invitation, InvitationStatus, RegistrationStatus
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory
from mentorship import ratelimit
from notifications.tests.realparts import RedisServer

LOGGER = "mentorship.ratelimit"


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("needs the redis-server binary (CI is set, so this fails instead of skipping)")
        pytest.skip("needs the redis-server binary")
    server = RedisServer()
    server.start()
    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": settings.CACHES["default"].get("OPTIONS", {}),
        }
    }
    ratelimit._outage.clear()
    with override_settings(CACHES=cache_settings):
        yield server
    server.close()
    ratelimit._outage.clear()


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


def test_application_goes_through_while_redis_is_down(client, world, redis_server, caplog):
    url = reverse("corps_public:apply", kwargs={"jobcenter_slug": world.jobcenter.slug})
    for i in range(5):
        assert client.post(url, application(email=f"a{i}@example.dk")).status_code == 302
    # The limit works while Redis is up.
    assert client.post(url, application(email="a5@example.dk")).status_code == 429
    assert Mentor.objects.count() == 5

    redis_server.stop()
    caplog.set_level(logging.INFO, logger=LOGGER)
    for i in range(6, 9):
        response = client.post(url, application(email=f"a{i}@example.dk"))
        assert response.status_code == 302
    assert set(Mentor.objects.values_list("email", flat=True)) >= {"a6@example.dk", "a7@example.dk", "a8@example.dk"}
    assert _warnings(caplog) == ["Rate limit skipped: the cache cannot be reached."]  # once, not per request

    # Redis is back: the limiter says so and counts again.
    redis_server.start()
    cache.clear()
    assert client.post(url, application(email="a9@example.dk")).status_code == 302
    assert any(r.name == LOGGER and "answers again" in r.getMessage() for r in caplog.records)
    for i in range(10, 14):
        assert client.post(url, application(email=f"a{i}@example.dk")).status_code == 302
    assert client.post(url, application(email="a14@example.dk")).status_code == 429
    assert Mentor.objects.count() == 13


def test_course_links_answer_while_redis_is_down(client, world, redis_server, caplog):
    course = CourseFactory(jobcenter=world.jobcenter)
    invitation = InvitationFactory(course=course)
    offered = RegistrationFactory(
        course=course,
        status=RegistrationStatus.OFFERED,
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + datetime.timedelta(days=2),
    )
    past = CourseFactory(jobcenter=world.jobcenter, days_ahead=-5)
    completed = RegistrationFactory(course=past, completed_on=past.last_day)
    redis_server.stop()
    caplog.set_level(logging.WARNING, logger=LOGGER)

    response = client.post(
        reverse("courses:public_invitation", kwargs={"token": tokens.make(tokens.INVITATION, invitation.pk)}),
        {"answer": "decline"},
    )
    assert response.status_code == 200
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.DECLINED

    response = client.post(
        reverse("courses:public_offer", kwargs={"token": tokens.make(tokens.OFFER, offered.pk)}), {"answer": "decline"}
    )
    assert response.status_code == 200
    offered.refresh_from_db()
    assert offered.status == RegistrationStatus.CANCELLED

    response = client.post(
        reverse("courses:public_evaluation", kwargs={"token": tokens.make(tokens.EVALUATION, completed.pk)}),
        {"overall": 5, "relevance": 4, "usefulness": 3},
    )
    assert response.status_code == 200
    assert Evaluation.objects.get(registration=completed).overall == 5
    assert len(_warnings(caplog)) == 1
