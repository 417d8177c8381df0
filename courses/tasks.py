"""Thin Celery tasks for courses: the periodic waiting-list and reminder ticks (see CELERY_BEAT_SCHEDULE)."""

from datetime import date, datetime

from celery import shared_task

from courses import services


@shared_task
def expire_offers(now: str | None = None) -> int:
    """Beat tick: offers past their deadline lapse and the seat goes to the next on the waiting list."""
    return services.offers_expire(now=datetime.fromisoformat(now) if now else None)


@shared_task
def send_reminders(today: str | None = None) -> int:
    """Beat tick: reminders to participants of courses starting within each jobcenter's reminder window."""
    return services.reminders_send(today=date.fromisoformat(today) if today else None)
