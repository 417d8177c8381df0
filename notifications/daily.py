"""Daily notices: the small, per-object messages that are not part of the weekly fan-out.

Each app registers a `DailyNotice` in its `message_kinds.py`: a function that, for one jobcenter and day,
returns the messages that are due (an agreement running out in 4 weeks, an offer a mentor has not answered,
applications waiting for screening). One beat tick (hourly) runs them for every jobcenter once a day, on
working days, from the jobcenter's reminder hour. A jobcenter's due messages of the day are written at once
by `messages_enqueue`, whose idempotency keys make a second run a no-op: an agreement is
warned about once, an offer reminded once, a coordinator told of waiting applications once a week.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from accounts.models import Jobcenter, Membership, Role
from notifications import kinds
from notifications.fanout import COPENHAGEN, is_working_day, schedule_for
from notifications.models import ReminderRun, ReminderSchedule

logger = logging.getLogger(__name__)

DAILY_RUN = "notifications.daily"


@dataclass(frozen=True)
class Notice:
    """One message that is due. `period` goes into the idempotency key: "" means once per object and recipient."""

    kind: str
    recipient_email: str
    recipient_name: str
    about: models.Model | None
    context: dict
    period: str = ""


@dataclass(frozen=True)
class DailyNotice:
    name: str
    collect: Callable[[Jobcenter, date, datetime], list[Notice]]
    # Shown to coordinators on the outbox page, under "what is scheduled".
    label: str = field(default="", compare=False)


NOTICES: list[DailyNotice] = []


def register_notice(notice: DailyNotice) -> DailyNotice:
    if all(existing.name != notice.name for existing in NOTICES):
        NOTICES.append(notice)
    return notice


def coordinators_of(jobcenter: Jobcenter) -> list[tuple[str, str]]:
    """(e-mail, name) of the jobcenter's active coordinators: who is told when no one else is responsible."""
    rows = (
        Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    return [(membership.user.email, membership.user.full_name) for membership in rows]


def daily_notices_run(*, jobcenter: Jobcenter, today: date, now: datetime) -> int:
    """Creates one jobcenter's due notices for `today` (idempotent) in one transaction; returns how many
    messages are new. The run marker is written in the same transaction, so a crash repeats the whole run
    and the idempotency keys keep it from sending anything twice."""
    from notifications.models import Message
    from notifications.services import Outgoing, messages_enqueue

    with transaction.atomic(), scope(jobcenter=jobcenter):
        # messages_enqueue returns the existing row for a repeated key: a row is new when its id is above the
        # highest id before the run (one index lookup, instead of counting the outbox before and after).
        highest = Message.objects.aggregate(highest=Max("id"))["highest"] or 0
        outgoing = []
        for notice in NOTICES:
            for item in notice.collect(jobcenter, today, now):
                kind = kinds.get(item.kind)
                outgoing.append(
                    Outgoing(
                        kind=item.kind,
                        recipient_email=item.recipient_email,
                        recipient_name=item.recipient_name,
                        subject_template=kind.subject_template,
                        text_template=kind.text_template,
                        html_template=kind.html_template,
                        context=item.context,
                        about=item.about,
                        period=item.period,
                    )
                )
        messages = messages_enqueue(jobcenter=jobcenter, messages=outgoing)
        created = len({message.pk for message in messages if message.pk > highest})
        ReminderRun.objects.bulk_create(
            [ReminderRun(jobcenter=jobcenter, kind=DAILY_RUN, period=today.isoformat(), created_count=created)],
            ignore_conflicts=True,
        )
    logger.info("Daily notices %s for %s: %d new", today, jobcenter, created)
    return created


def daily_notices_tick(*, now: datetime | None = None) -> int:
    """The beat task's body (hourly): on working days, from each jobcenter's reminder hour, runs that
    jobcenter's daily notices once. Returns the number of new messages."""
    now = (now or timezone.now()).astimezone(COPENHAGEN)
    today = now.date()
    if not is_working_day(today):
        return 0
    # A beat tick over every jobcenter; each jobcenter's notices are built from its own rows.
    with scopes_disabled():
        jobcenters = list(Jobcenter.objects.filter(is_active=True))
        schedules = {s.jobcenter_id: s for s in ReminderSchedule.objects.all()}
        done = set(
            ReminderRun.objects.filter(kind=DAILY_RUN, period=today.isoformat()).values_list("jobcenter_id", flat=True)
        )
    created = 0
    for jobcenter in jobcenters:
        # Switching off the weekly reminders does not stop these: an agreement running out must be noticed.
        _weekday, hour, _weekly_active = schedule_for(jobcenter, schedules)
        if jobcenter.pk in done or now.hour < hour:
            continue
        created += daily_notices_run(jobcenter=jobcenter, today=today, now=now)
    return created
