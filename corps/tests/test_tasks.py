import datetime

import pytest
from django.conf import settings

from audit.models import ActivityLog
from corps.models import MentorStatus, MentorStatusEvent
from corps.tasks import mentors_resume_due
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db

S = MentorStatus


def test_resume_due_wakes_ended_pauses_in_every_jobcenter(world):
    today = datetime.date(2026, 3, 10)
    ended_here = MentorFactory(jobcenter=world.jobcenter, status=S.PAUSED, paused_until=datetime.date(2026, 3, 9))
    ended_there = MentorFactory(
        jobcenter=world.other_jobcenter, status=S.PAUSED, paused_until=datetime.date(2026, 2, 1)
    )
    last_day_today = MentorFactory(jobcenter=world.jobcenter, status=S.PAUSED, paused_until=today)
    active = MentorFactory(jobcenter=world.jobcenter, status=S.ACTIVE)

    assert mentors_resume_due(today.isoformat()) == 2

    for mentor in (ended_here, ended_there, last_day_today, active):
        mentor.refresh_from_db()
    assert (ended_here.status, ended_there.status) == (S.ACTIVE, S.ACTIVE)
    assert (ended_here.paused_until, ended_there.paused_until) == (None, None)
    assert last_day_today.status == S.PAUSED  # "til og med": paused through its last day
    assert MentorStatusEvent.objects.filter(from_status=S.PAUSED, to_status=S.ACTIVE).count() == 2
    entries = ActivityLog.objects.filter(action="corps.mentor.resume_due")
    assert {entry.jobcenter_id for entry in entries} == {world.jobcenter.pk, world.other_jobcenter.pk}
    # Idempotent: the next tick finds nothing more to do.
    assert mentors_resume_due(today.isoformat()) == 0


def test_resume_due_is_on_the_beat_schedule():
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == mentors_resume_due.name]
    assert len(entries) == 1
