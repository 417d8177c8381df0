"""The daily digest (issue 22): one e-mail a day per person, at the jobcenter's hour, listing every hand-off
message they chose to get that way (notifications.preferences) since their last digest.

Built by Celery from the outbox: the hand-off messages wait there as HELD. An hourly beat tick runs, per
jobcenter once a day from its hour (`ReminderSchedule.hour`, the hour of its reminders and daily notices), ONE
transaction that locks the jobcenter's held rows, writes one digest message per person (all at once, through
`messages_enqueue`, key `kind:-:e-mail:YYYY-MM-DD`, so exactly once per person per day), marks the rows it lists
DIGESTED and writes the day's run marker. A worker killed during it leaves nothing behind (the transaction
rolls back, the next tick does it all); a digest written is sent by the outbox like any message (a killed
sender repeats at most the one in flight). Held rows that arrive after the day's digest wait for the next.
No digest is built on Saturday or Sunday unless the jobcenter says so (`ReminderSchedule.digest_on_weekends`):
Monday's lists everything held since Friday's.
"""

import logging
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from accounts.models import Jobcenter
from notifications import kinds
from notifications.fanout import COPENHAGEN, schedule_for
from notifications.models import Message, MessageStatus, ReminderRun, ReminderSchedule
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder

logger = logging.getLogger(__name__)

DAILY_DIGEST = "notifications.daily_digest"
ITEM_TEMPLATES = {
    "text_template": "notifications/daily_digest/item.txt",
    "html_template": "notifications/daily_digest/item.html",
}


def digest_context(*, recipient_name: str, day: date, held: list[tuple[datetime, str]]) -> dict:
    from notifications.rendering import render_items

    entries = [
        {"when": moment.astimezone(COPENHAGEN).strftime("%d.%m.%Y %H:%M"), "subject": subject}
        for moment, subject in sorted(held)
    ]
    items_text, items_html = render_items(items=entries, **ITEM_TEMPLATES)
    return {
        "recipient_name": recipient_name,
        "day": day.strftime("%d.%m.%Y"),
        "count": str(len(entries)),
        "items_text": items_text,
        "items_html": items_html,
        "inbox_url": settings.SITE_URL.rstrip("/") + reverse("inbox:list"),
    }


def daily_digests_run(*, jobcenter: Jobcenter, day: date, now: datetime) -> int:
    """One jobcenter's digests for `day` (see the module docstring); returns how many digests are new."""
    from notifications.services import Outgoing, messages_enqueue

    kind = kinds.get(DAILY_DIGEST)
    with transaction.atomic(), scopes_disabled():
        highest = Message.objects.aggregate(highest=Max("id"))["highest"] or 0
        held = list(
            Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.HELD, created_at__lte=now)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .only("id", "recipient_email", "recipient_name", "subject", "created_at")
        )
        people: dict[str, list[Message]] = {}
        for row in held:
            people.setdefault(row.recipient_email.strip().lower(), []).append(row)
        groups = list(people.values())
        digests = messages_enqueue(
            jobcenter=jobcenter,
            messages=[
                Outgoing(
                    kind=DAILY_DIGEST,
                    recipient_email=rows[0].recipient_email,
                    recipient_name=rows[0].recipient_name,
                    subject_template=kind.subject_template,
                    text_template=kind.text_template,
                    html_template=kind.html_template,
                    context=digest_context(
                        recipient_name=rows[0].recipient_name, day=day, held=[(r.created_at, r.subject) for r in rows]
                    ),
                    about=None,
                    period=day.isoformat(),
                )
                for rows in groups
            ],
        )
        # A person whose digest of the day exists already (its id is not above the highest before the run): their
        # rows wait for tomorrow's.
        made = [(digest, rows) for digest, rows in zip(digests, groups, strict=True) if digest.pk > highest]
        for digest, rows in made:
            digest.items = [[0, row.pk, ""] for row in rows]
        Message.objects.bulk_update([digest for digest, _rows in made], ["items"])
        Message.objects.filter(
            pk__in=[row.pk for _digest, rows in made for row in rows], status=MessageStatus.HELD
        ).update(status=MessageStatus.DIGESTED)
        created = len(made)
        ReminderRun.objects.bulk_create(
            [ReminderRun(jobcenter=jobcenter, kind=DAILY_DIGEST, period=day.isoformat(), created_count=created)],
            ignore_conflicts=True,
        )
    logger.info("Daily digests %s for %s: %d new", day, jobcenter, created)
    return created


def daily_digests_tick(*, now: datetime | None = None) -> int:
    """The beat task's body (hourly): every day, from each jobcenter's hour, its digests once; on Saturday and
    Sunday only for a jobcenter that wants them at weekends."""
    now = (now or timezone.now()).astimezone(COPENHAGEN)
    today = now.date()
    # A beat tick over every jobcenter: a worker has no tenant.
    with scopes_disabled():
        jobcenters = list(Jobcenter.objects.filter(is_active=True))
        schedules = {s.jobcenter_id: s for s in ReminderSchedule.objects.all()}
        done = set(
            ReminderRun.objects.filter(kind=DAILY_DIGEST, period=today.isoformat()).values_list(
                "jobcenter_id", flat=True
            )
        )
    weekend = today.weekday() >= 5
    created = 0
    for jobcenter in jobcenters:
        _weekday, hour, _active = schedule_for(jobcenter, schedules)
        if jobcenter.pk in done or now.hour < hour:
            continue
        schedule = schedules.get(jobcenter.pk)
        if weekend and not (schedule is not None and schedule.digest_on_weekends):
            continue
        created += daily_digests_run(jobcenter=jobcenter, day=today, now=now)
    return created


def _example() -> dict:
    from types import SimpleNamespace

    citizen = SimpleNamespace(name="Mette Sørensen", cpr=kinds.EXAMPLE_CPR, health_note=kinds.EXAMPLE_SENSITIVE_NOTE)
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=COPENHAGEN)
    held = [
        (moment, "Jobcentret foreslår 2 forløb hos Hammel Maskinfabrik A/S"),
        (moment, "Krav om frikøb godkendt <Bager & Co>"),
    ]
    return {"citizen": citizen, **digest_context(recipient_name="Karen Holm", day=moment.date(), held=held)}


def _digest_values(context) -> dict[str, str]:
    return {
        "fornavn": ph.first_name(context.get("recipient_name")),
        "antal": context.get("count", ""),
        "dato": ph.long_date(context.get("day")),
    }


kinds.register(
    kinds.MessageKind(
        key=DAILY_DIGEST,
        label=_("Daglig samlet e-mail"),
        opening=Opening(
            default=_(
                "Du har valgt at få disse beskeder samlet i én e-mail om dagen. Siden sidst er der kommet {antal}:"
            ),
            placeholders=(
                ph.FORNAVN,
                Placeholder("antal", _("antal beskeder i e-mailen"), "4"),
                ph.dato(_("dagen, e-mailen samler")),
            ),
            values=_digest_values,
        ),
        subject_template="notifications/daily_digest/subject.txt",
        text_template="notifications/daily_digest/body.txt",
        html_template="notifications/daily_digest/body.html",
        example_context=_example,
    )
)
