import pytest
from django.conf import settings

from mentorship.celery import app


def test_tasks_survive_worker_crashes_and_are_fetched_one_at_a_time():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.timezone == "Europe/Copenhagen"


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule, "the beat schedule is empty"
    missing = {name: entry["task"] for name, entry in schedule.items() if entry["task"] not in app.tasks}
    assert not missing, f"beat entries naming unknown tasks: {missing}"


@pytest.mark.django_db
def test_clear_expired_sessions_removes_only_expired_rows(client, world):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from accounts.tasks import clear_expired_sessions
    from conftest import login_verified

    login_verified(client, world.caseworker)
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(minutes=1))
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == [client.session.session_key]


def test_embedded_broker_without_redis():
    if settings.REDIS_URL:
        assert app.conf.broker_url == settings.REDIS_URL
    else:
        assert app.conf.broker_url == "filesystem://"
        options = app.conf.broker_transport_options
        assert options["data_folder_in"] == options["data_folder_out"]
