"""Thin Celery tasks: they take ids (or an id range), call a service, and retry on transient errors.

acks_late + reject_on_worker_lost (settings): a worker killed mid-batch leaves its task on the broker, so it
is delivered again; the rows it had claimed were rolled back and are claimed afresh.
"""

from celery import shared_task

from notifications import services


@shared_task(bind=True, max_retries=None)
def send_messages(self, ids: list[int] | None = None, id_range: list[int] | None = None) -> dict:
    outcome = services.messages_send(ids=ids, id_range=tuple(id_range) if id_range else None)
    if outcome.retry_in is not None:
        # The rows already carry their next attempt time; the retry claims only what is due then.
        raise self.retry(kwargs={"ids": ids, "id_range": id_range}, countdown=outcome.retry_in.total_seconds())
    return {"sent": outcome.sent, "failed": outcome.failed}


@shared_task
def sweep_outbox() -> int:
    return services.outbox_sweep()


@shared_task
def weekly_followup_reminders(now: str | None = None) -> int:
    """Beat tick (every 15 minutes): creates each jobcenter's weekly reminders once they are due.
    `now` (ISO 8601) runs the tick as of another moment (operations and tests)."""
    from datetime import datetime

    from notifications import fanout

    return fanout.weekly_reminders_tick(now=datetime.fromisoformat(now) if now else None)


@shared_task
def overdue_followup_reminders(now: str | None = None) -> int:
    """Beat tick (hourly): reminds job consultants of placements with no follow-up for 8 days or more."""
    from datetime import datetime

    from notifications import fanout

    return fanout.overdue_reminders_tick(now=datetime.fromisoformat(now) if now else None)


@shared_task
def daily_notices(now: str | None = None) -> int:
    """Beat tick (hourly): each jobcenter's daily notices (agreements running out, offers waiting for an answer,
    applications waiting for screening), once a working day from its reminder hour."""
    from datetime import datetime

    from notifications import daily

    return daily.daily_notices_tick(now=datetime.fromisoformat(now) if now else None)
