"""Thin Celery tasks: they take ids (or an id range), call a service, and retry on transient errors.

acks_late + reject_on_worker_lost (settings): a worker killed mid-batch leaves its task on the broker, so it
is delivered again. The rows it had claimed but not sent wait for their lease to end (the task's hard time limit
and NOTIFICATIONS_LEASE_MARGIN_SECONDS), then the sweep queues them again; only the one in flight can be sent twice.
"""

import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from notifications import services

logger = logging.getLogger(__name__)


def _limits(task) -> tuple[float | None, float | None]:
    """(hard, soft) time limits in force: the ones the task message carries (set by the publisher), else the
    worker's."""
    hard, soft = task.request.timelimit or (None, None)
    hard = hard or task.time_limit or task.app.conf.task_time_limit
    soft = soft or task.soft_time_limit or task.app.conf.task_soft_time_limit
    return hard, soft


def _budget(soft: float | None, started: float) -> services.TimeBudget | None:
    """The batch stops claiming before the soft time limit: with at least a quarter of it, and at most one
    SMTP timeout, to spare for the message in hand."""
    if not soft:
        return None
    reserve = min(float(settings.EMAIL_TIMEOUT or soft), soft / 4)
    return services.TimeBudget(ends_at=started + soft, reserve=reserve)


@shared_task(bind=True, max_retries=None)
def send_messages(self, ids: list[int] | None = None, id_range: list[int] | None = None) -> dict:
    started = time.monotonic()
    kwargs = {"ids": ids, "id_range": id_range}
    hard, soft = _limits(self)
    # A claim keeps its rows from other workers for longer than this task can live (then it is killed).
    lease = services.lease_for(hard) if hard else None
    try:
        outcome = services.messages_send(
            ids=ids,
            id_range=(id_range[0], id_range[1]) if id_range else None,
            budget=_budget(soft, started),
            lease=lease,
        )
    except SoftTimeLimitExceeded:
        # A send outlasted the budget's reserve. The message in hand and the rest were released (pending and
        # due; the one in hand may be sent once more, with the same Message-ID). Queue them again at once.
        logger.warning("Send task reached its soft time limit; the unsent messages are queued again")
        raise self.retry(kwargs=kwargs, countdown=0) from None
    except (OperationalError, InterfaceError) as error:
        # The database connection was lost: the rows this task had claimed wait for their lease to end (the
        # one in hand may then be sent once more); a new task, with a new connection, sends the others.
        raise self.retry(kwargs=kwargs, countdown=5, exc=error) from None
    if outcome.unfinished:
        # Stopped claiming before the time limit: the rest is pending and due, and a fresh task sends it.
        raise self.retry(kwargs=kwargs, countdown=0)
    if outcome.retry_in is not None:
        # The rows already carry their next attempt time; the retry claims only what is due then.
        raise self.retry(kwargs=kwargs, countdown=outcome.retry_in.total_seconds())
    return {"sent": outcome.sent, "failed": outcome.failed, "delayed": outcome.delayed}


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


@shared_task
def daily_digests(now: str | None = None) -> int:
    """Beat tick (hourly): each person's daily digest of held hand-off messages, once a day per jobcenter from
    its hour (notifications.digest)."""
    from datetime import datetime

    from notifications import digest

    return digest.daily_digests_tick(now=datetime.fromisoformat(now) if now else None)
