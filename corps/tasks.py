"""Thin Celery tasks for the corps (see CELERY_BEAT_SCHEDULE)."""

from datetime import date

from celery import shared_task
from django_scopes import scope, scopes_disabled

from accounts.models import Jobcenter
from corps import services


@shared_task
def mentors_resume_due(today: str | None = None) -> int:
    """Beat tick: mentors whose pause has ended (the day after "på pause til og med") are active again.
    Each jobcenter in its own scope and transaction; idempotent, so an hourly tick catches up after
    a missed one. Returns how many mentors were resumed."""
    day = date.fromisoformat(today) if today else None
    # Which jobcenters to visit; each is then worked on inside its own scope.
    with scopes_disabled():
        jobcenters = list(Jobcenter.objects.filter(mentors__status="paused").distinct())
    resumed = 0
    for jobcenter in jobcenters:
        with scope(jobcenter=jobcenter):
            resumed += services.mentors_resume_due(jobcenter=jobcenter, today=day)
    return resumed
