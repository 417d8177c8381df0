"""A Celery worker has no tenant scope: every scheduled task chooses its own (one jobcenter's scope, or
`scopes_disabled()` with the reason), so a query on tenant data outside both raises ScopeError. The other
tests run with scopes disabled and would not notice; this one runs each beat task as the worker does."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from corps.models import Mentor, MentorStatus
from corps.tests.factories import MentorFactory
from mentorship.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_celery():
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


def test_every_beat_task_runs_without_a_tenant_scope(world, eager_celery, django_capture_on_commit_callbacks):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    paused = MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.PAUSED, paused_until=yesterday)
    app.loader.import_default_modules()
    ran = []
    with scope(), django_capture_on_commit_callbacks(execute=True):  # no jobcenter: as in a worker
        for entry in settings.CELERY_BEAT_SCHEDULE.values():
            app.tasks[entry["task"]].apply(throw=True)
            ran.append(entry["task"])
    assert len(ran) == len(settings.CELERY_BEAT_SCHEDULE) > 5
    with scopes_disabled():
        assert Mentor.objects.get(pk=paused.pk).status == MentorStatus.ACTIVE
