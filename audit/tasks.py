"""Thin Celery tasks for privacy (see CELERY_BEAT_SCHEDULE)."""

import datetime

from celery import shared_task
from django_scopes import scope, scopes_disabled

from accounts.models import Jobcenter
from audit.retention import retention_apply


@shared_task
def retention_run(today: str | None = None) -> dict:
    """Daily: each active jobcenter's retention rules, in its own scope. Idempotent, so a missed day is
    caught up by the next run. Returns the counts per jobcenter (slug)."""
    day = datetime.date.fromisoformat(today) if today else None
    # Which jobcenters to visit; each is then worked on inside its own scope.
    with scopes_disabled():
        jobcenters = list(Jobcenter.objects.filter(is_active=True).order_by("pk"))
    results = {}
    for jobcenter in jobcenters:
        with scope(jobcenter=jobcenter):
            results[jobcenter.slug] = retention_apply(jobcenter=jobcenter, today=day).as_dict()
    return results
