"""Weekly follow-up reminders: when they are due, and the set-based fan-out that creates a week's rows.

One beat tick (every 15 minutes) asks, per jobcenter, whether this ISO week's reminders are due (the weekday
and hour the jobcenter chose, default Monday 07:00 Europe/Copenhagen; a Danish public holiday moves them to
the next working day). If so, ONE `INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO NOTHING` creates ONE row
per person (e-mail address) listing every running placement and mentor agreement they are a recipient of
(`Message.items`: ids, rendered into a list with a link to each when sent), and the new ids go to the send task
in batches of NOTIFICATIONS_BATCH_SIZE. Re-running, or two beat processes running at once, creates nothing new:
a person's row has the key `services.idempotency_key_for` builds for a message about no object in that ISO week
(both come from notifications.keys), so each person gets one weekly reminder per ISO week.

Whom a daily escalation is about is citizens' rule (citizens.rules.follow_up_overdue); its SQL here is compiled
from that rule's queryset, never restated.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Q, Value
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role
from accounts.permissions import COORDINATORS
from citizens.rules import agreement_running_on, follow_up_overdue, placement_running_on
from notifications import kinds
from notifications.keys import idempotency_key_sql
from notifications.models import ReminderRun, ReminderSchedule

logger = logging.getLogger(__name__)

WEEKLY_FOLLOWUP = "notifications.weekly_followup"
FOLLOWUP_OVERDUE = "notifications.followup_overdue"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# A jobcenter without a schedule row gets the schedule model's defaults (Monday 07:00): one definition.
DEFAULT_WEEKDAY: int = ReminderSchedule._meta.get_field("weekday").default
DEFAULT_HOUR: int = ReminderSchedule._meta.get_field("hour").default


# --- When ----------------------------------------------------------------------------------------------


@cache
def _danish_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DK", years=[year, year + 1])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _danish_holidays(day.year)


def period_of(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def due_at(*, period: str, weekday: int = DEFAULT_WEEKDAY, hour: int = DEFAULT_HOUR) -> datetime:
    """The moment a week's reminders go out: the chosen weekday and hour in Copenhagen, moved to the next
    working day when that day is a Danish public holiday (e.g. Easter Monday → Tuesday)."""
    year, week = period.split("-W")
    day = date.fromisocalendar(int(year), int(week), weekday + 1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(hour), tzinfo=COPENHAGEN)


def schedule_for(jobcenter: Jobcenter, schedules: dict[int, ReminderSchedule]) -> tuple[int, int, bool]:
    schedule = schedules.get(jobcenter.pk)
    if schedule is None:
        return DEFAULT_WEEKDAY, DEFAULT_HOUR, True
    return schedule.weekday, schedule.hour, schedule.is_active


def next_due(
    *, jobcenter: Jobcenter, now: datetime | None = None, schedule: ReminderSchedule | None = None
) -> datetime | None:
    """When this jobcenter's next weekly reminders go out (None when it has switched them off). `schedule`: the
    jobcenter's schedule when the caller has read it already (an unsaved one stands for the defaults)."""
    now = (now or timezone.now()).astimezone(COPENHAGEN)
    # Also called by the beat tick, which has no tenant; the rows are named by the jobcenter.
    with scopes_disabled():
        if schedule is None:
            schedules = {s.jobcenter_id: s for s in ReminderSchedule.objects.filter(jobcenter=jobcenter)}
        else:
            schedules = {jobcenter.pk: schedule}
        runs = ReminderRun.objects.filter(jobcenter=jobcenter, kind=WEEKLY_FOLLOWUP)
        done = set(runs.values_list("period", flat=True))
    weekday, hour, active = schedule_for(jobcenter, schedules)
    if not active:
        return None
    week_start = datetime.combine(now.date() - timedelta(days=now.weekday()), time(0), tzinfo=COPENHAGEN)
    for offset in (-7, 0, 7, 14):
        period = period_of(now.date() + timedelta(days=offset))
        moment = due_at(period=period, weekday=weekday, hour=hour)
        if period not in done and moment >= week_start:
            return moment
    return None


# --- Who: sources of recipients -----------------------------------------------------------------------


# Which app a listed item's link opens (Message.items): the coordinator app, the company portal, or none.
AUDIENCE_STAFF, AUDIENCE_COMPANY, AUDIENCE_CORPS = "s", "c", "m"
# When one person gets the same object through two sources, the listing keeps the first audience here.
AUDIENCE_PRIORITY = (AUDIENCE_STAFF, AUDIENCE_COMPANY, AUDIENCE_CORPS)


@dataclass(frozen=True)
class ReminderSource:
    """One SELECT yielding (about_type_id, about_id, recipient_email, recipient_name, audience) for one
    jobcenter's active objects on a date. `sql(jobcenter_id, on)` returns (sql, params); all sources are combined with
    UNION ALL into the one INSERT statement."""

    name: str
    model_label: str  # "app_label.ModelName" of the object the reminder is about
    sql: Callable[[int, date], tuple[str, list]]


def _table(model_label: str) -> str:
    return connection.ops.quote_name(apps.get_model(model_label)._meta.db_table)


def _recipients_sql(queryset, *, about_type_id: int, email: str, name: str, audience: str) -> tuple[str, list]:
    """One branch of a source: (about_type_id, about_id, email, name, audience) per row of `queryset`, compiled
    by the ORM from the owning app's rule (no condition restated in SQL here)."""
    rows = (
        queryset.annotate(
            about_type_id=Value(about_type_id, output_field=IntegerField()),
            about_id=F("pk"),
            email=F(email),
            name=F(name),
            audience=Value(audience, output_field=CharField()),
        )
        .values_list("about_type_id", "about_id", "email", "name", "audience")
        .order_by()
    )
    sql, params = rows.query.sql_with_params()
    return sql, list(params)


def _union(branches: list[tuple[str, list]]) -> tuple[str, list]:
    """The branches as one UNION ALL, each wrapped so its own clauses stay its own."""
    parts = [f"SELECT * FROM ({sql}) AS branch{i}" for i, (sql, _params) in enumerate(branches)]  # noqa: S608
    return " UNION ALL ".join(parts), [param for _sql, params in branches for param in params]


def _may_act(jobcenter_id: int, user_field: str) -> Q:
    """`user_field` is an active user who may act on a reminder in this jobcenter: register the follow-up, end or
    renew the agreement (accounts.permissions.COORDINATORS: a coordinator or jobcenter admin). A caseworker may
    only read, so is never reminded to act."""
    acting = Membership.objects.with_scope(jobcenter=jobcenter_id).filter(
        user_id=OuterRef(user_field), jobcenter_id=jobcenter_id, role__in=COORDINATORS, is_active=True
    )
    return Q(**{f"{user_field}__is_active": True}) & Q(Exists(acting))


def _staff_branches(queryset, *, jobcenter_id: int, user_field: str, about_type_id: int) -> list[tuple[str, list]]:
    """The staff recipients of each object: its person in the jobcenter (`user_field`) while they may act on it
    (`_may_act`), else the jobcenter's active coordinators, so an object with a caseworker (or someone who left)
    as its person still reaches someone who can act, and a caseworker gets no reminder they cannot act on."""
    coordinator = "jobcenter__memberships"
    return [
        _recipients_sql(
            queryset.filter(_may_act(jobcenter_id, user_field)),
            about_type_id=about_type_id,
            email=f"{user_field}__email",
            name=f"{user_field}__full_name",
            audience=AUDIENCE_STAFF,
        ),
        _recipients_sql(
            # One filter() call: the conditions and the annotated e-mail and name are about the same membership.
            queryset.exclude(_may_act(jobcenter_id, user_field)).filter(
                **{
                    f"{coordinator}__role": Role.COORDINATOR,
                    f"{coordinator}__is_active": True,
                    f"{coordinator}__user__is_active": True,
                }
            ),
            about_type_id=about_type_id,
            email=f"{coordinator}__user__email",
            name=f"{coordinator}__user__full_name",
            audience=AUDIENCE_STAFF,
        ),
    ]


def _placement_sql(jobcenter_id: int, on: date) -> tuple[str, list]:
    """Running placements (citizens.rules.placement_running_on): the responsible job consultant (else the
    coordinators, see `_staff_branches`) and the company mentor."""
    model = apps.get_model("citizens", "Placement")
    ct = ContentType.objects.get_by_natural_key("citizens", "placement").pk
    running = model.objects.with_scope(jobcenter=jobcenter_id).filter(placement_running_on(on=on))
    return _union(
        [
            *_staff_branches(running, jobcenter_id=jobcenter_id, user_field="responsible", about_type_id=ct),
            _recipients_sql(
                running.filter(company_mentor__is_active=True).exclude(company_mentor__email=""),
                about_type_id=ct,
                email="company_mentor__email",
                name="company_mentor__full_name",
                audience=AUDIENCE_COMPANY,
            ),
        ]
    )


def _agreement_sql(jobcenter_id: int, on: date) -> tuple[str, list]:
    """Running mentor agreements (citizens.rules.agreement_running_on): the jobcenter contact while they may act
    on it (else the coordinators, see `_staff_branches`) and the mentor (corps or company)."""
    model = apps.get_model("citizens", "MentorAgreement")
    ct = ContentType.objects.get_by_natural_key("citizens", "mentoragreement").pk
    running = model.objects.with_scope(jobcenter=jobcenter_id).filter(agreement_running_on(on=on))
    return _union(
        [
            *_staff_branches(running, jobcenter_id=jobcenter_id, user_field="caseworker", about_type_id=ct),
            _recipients_sql(
                running.filter(mentor__isnull=False).exclude(mentor__email=""),
                about_type_id=ct,
                email="mentor__email",
                name="mentor__full_name",
                audience=AUDIENCE_CORPS,
            ),
            _recipients_sql(
                running.filter(company_mentor__is_active=True).exclude(company_mentor__email=""),
                about_type_id=ct,
                email="company_mentor__email",
                name="company_mentor__full_name",
                audience=AUDIENCE_COMPANY,
            ),
        ]
    )


SOURCES: list[ReminderSource] = [
    ReminderSource("placements", "citizens.Placement", _placement_sql),
    ReminderSource("mentor_agreements", "citizens.MentorAgreement", _agreement_sql),
]


def _overdue_sql(jobcenter_id: int, on: date) -> tuple[str, list]:
    """Placements overdue for follow-up (citizens.rules.follow_up_overdue): their job consultant (else the
    coordinators, see `_staff_branches`)."""
    model = apps.get_model("citizens", "Placement")
    ct = ContentType.objects.get_by_natural_key("citizens", "placement").pk
    overdue = model.objects.with_scope(jobcenter=jobcenter_id).filter(follow_up_overdue(on=on))
    return _union(_staff_branches(overdue, jobcenter_id=jobcenter_id, user_field="responsible", about_type_id=ct))


OVERDUE_SOURCES: list[ReminderSource] = [ReminderSource("overdue_placements", "citizens.Placement", _overdue_sql)]


# --- The fan-out ---------------------------------------------------------------------------------------


def _items_aggregate() -> str:
    """The SQL aggregate of one person's listed objects: a JSON array of distinct [type, id, audience]."""
    item = "src.about_type_id, src.about_id, src.audience"
    if connection.vendor == "postgresql":
        return f"jsonb_agg(DISTINCT jsonb_build_array({item}))"
    return f"json_group_array(DISTINCT json_array({item}))"


def weekly_reminders_create(
    *,
    jobcenter_id: int,
    period: str,
    on: date,
    now: datetime,
    sources: list[ReminderSource] | None = None,
    kind: str = WEEKLY_FOLLOWUP,
    per_person: bool | None = None,
) -> list[int]:
    """ONE set-based INSERT ... SELECT creating this period's reminder rows; returns the ids of new rows only.

    `per_person` (the default for the weekly reminder): one row per e-mail address (trimmed, case-insensitive)
    listing the objects in `Message.items`, keyed as a message about no object. Otherwise (the daily escalation)
    one row per object and recipient."""
    if per_person is None:
        per_person = kind == WEEKLY_FOLLOWUP
    parts, params = [], []
    for source in sources if sources is not None else SOURCES:
        sql, source_params = source.sql(jobcenter_id, on)
        parts.append(f"SELECT * FROM ({sql}) AS {source.name}")  # noqa: S608 (names from code, not input)
        params.extend(source_params)
    if not parts:
        return []
    union = " UNION ALL ".join(parts)
    message = _table("notifications.Message")
    columns = """jobcenter_id, kind, status, recipient_email, recipient_name, is_rendered, subject, body_text,
        body_html, attachments, about_type_id, about_id, period, idempotency_key, attempts, last_error, created_at,
        next_attempt_at, sent_at, expires_at, items"""
    if per_person:
        # services.idempotency_key_for's key of a message about no object (one definition in notifications.keys).
        key = idempotency_key_sql(
            kind="%s", app_label=None, model=None, about_id=None, email="MIN(src.email)", period="%s"
        )
        # An object reaches a person once, whatever the number of ways (a coordinator told of an agreement without
        # a contact person who is also its corps mentor): the audience with the most to offer wins, the coordinator
        # app's link before the portal's before none (AUDIENCE_PRIORITY).
        rank = " ".join(f"WHEN '{audience}' THEN {i + 1}" for i, audience in enumerate(AUDIENCE_PRIORITY))
        once = f"""
            SELECT MIN(each.email) AS email, MIN(each.name) AS name, each.about_type_id, each.about_id,
                   SUBSTR('{"".join(AUDIENCE_PRIORITY)}', MIN(CASE each.audience {rank} END), 1) AS audience
              FROM ({union}) AS each
             GROUP BY LOWER(TRIM(each.email)), each.about_type_id, each.about_id
        """  # noqa: S608 (names and codes from code; values are parameters)
        select = f"""
            SELECT %s, %s, 'pending', MIN(TRIM(src.email)), MIN(src.name), FALSE, '', '', '', '[]', NULL, NULL, %s,
                {key}, 0, '', %s, %s, NULL, %s, {_items_aggregate()}
              FROM ({once}) AS src
             WHERE src.email IS NOT NULL AND TRIM(src.email) <> ''
             GROUP BY LOWER(TRIM(src.email))
        """  # noqa: S608 (names from code; values are parameters)
    else:
        content_type = _table("contenttypes.ContentType")
        # services.idempotency_key_for's key, computed by the database (one definition in notifications.keys).
        key = idempotency_key_sql(
            kind="%s",
            app_label="ct.app_label",
            model="ct.model",
            about_id="src.about_id",
            email="src.email",
            period="%s",
        )
        select = f"""
            SELECT %s, %s, 'pending', TRIM(src.email), src.name, FALSE, '', '', '', '[]', src.about_type_id,
                src.about_id, %s, {key}, 0, '', %s, %s, NULL, %s, '[]'
              FROM ({union}) AS src JOIN {content_type} ct ON ct.id = src.about_type_id
             WHERE src.email IS NOT NULL AND TRIM(src.email) <> ''
        """  # noqa: S608 (table names from model metadata; values are parameters)
    sql = f"""
        INSERT INTO {message} ({columns})
        {select}
        ON CONFLICT (jobcenter_id, idempotency_key) DO NOTHING
        RETURNING id
    """
    now_value = connection.ops.adapt_datetimefield_value(now)
    # Every row of a run expires together: the kind's lifetime of this period (a weekly reminder: its week).
    expires = kinds.get(kind).lifetime.expires_at(about=None, period=period, created_at=now)
    expires_value = connection.ops.adapt_datetimefield_value(expires)
    all_params = [jobcenter_id, kind, period, kind, period, now_value, now_value, expires_value, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        return [row[0] for row in cursor.fetchall()]


def weekly_reminders_run(
    *,
    jobcenter: Jobcenter,
    period: str,
    on: date,
    now: datetime,
    kind: str = WEEKLY_FOLLOWUP,
    sources: list[ReminderSource] | None = None,
    run_period: str | None = None,
) -> int:
    """Creates one jobcenter's reminders for one period (idempotent) and queues them for sending after commit.
    Returns the number of new rows (0 on a re-run). `run_period` names the run marker when it differs from
    the rows' period (the daily escalation run makes rows per ISO week)."""
    from notifications.services import dispatch

    with transaction.atomic(), scopes_disabled():
        ids = weekly_reminders_create(
            jobcenter_id=jobcenter.pk, period=period, on=on, now=now, kind=kind, sources=sources
        )
        ReminderRun.objects.bulk_create(
            [ReminderRun(jobcenter=jobcenter, kind=kind, period=run_period or period, created_count=len(ids))],
            ignore_conflicts=True,
        )
        if ids:
            transaction.on_commit(lambda: dispatch(sorted(ids)), robust=True)
    logger.info("Reminders %s %s for %s: %d new", kind, period, jobcenter, len(ids))
    return len(ids)


def weekly_reminders_tick(*, now: datetime | None = None) -> int:
    """The beat task's body: for every active jobcenter whose reminders for this (or, when a holiday pushed
    them, last) ISO week are due and not yet created, creates them. Returns the number of new rows."""
    now = (now or timezone.now()).astimezone(COPENHAGEN)
    week_start = datetime.combine(now.date() - timedelta(days=now.weekday()), time(0), tzinfo=COPENHAGEN)
    created = 0
    # A beat tick over every jobcenter's schedules: a worker has no tenant.
    with scopes_disabled():
        jobcenters = list(Jobcenter.objects.filter(is_active=True))
        schedules = {s.jobcenter_id: s for s in ReminderSchedule.objects.all()}
        periods = [period_of(now.date() - timedelta(days=7)), period_of(now.date())]
        done = set(
            ReminderRun.objects.filter(kind=WEEKLY_FOLLOWUP, period__in=periods).values_list("jobcenter_id", "period")
        )
    for jobcenter in jobcenters:
        weekday, hour, active = schedule_for(jobcenter, schedules)
        if not active:
            continue
        for period in periods:
            if (jobcenter.pk, period) in done:
                continue
            moment = due_at(period=period, weekday=weekday, hour=hour)
            if week_start <= moment <= now:
                created += weekly_reminders_run(jobcenter=jobcenter, period=period, on=moment.date(), now=now)
    return created


def overdue_reminders_tick(*, now: datetime | None = None) -> int:
    """Daily escalation (on working days, from the jobcenter's reminder hour): the job consultant of every
    placement overdue for follow-up (citizens.rules.follow_up_overdue) is reminded, at most once per
    placement and ISO week. Returns the number of new rows."""
    now = (now or timezone.now()).astimezone(COPENHAGEN)
    today = now.date()
    if not is_working_day(today):
        return 0
    created = 0
    # A beat tick over every jobcenter's schedules: a worker has no tenant.
    with scopes_disabled():
        jobcenters = list(Jobcenter.objects.filter(is_active=True))
        schedules = {s.jobcenter_id: s for s in ReminderSchedule.objects.all()}
        done = set(
            ReminderRun.objects.filter(kind=FOLLOWUP_OVERDUE, period=today.isoformat()).values_list(
                "jobcenter_id", flat=True
            )
        )
    for jobcenter in jobcenters:
        _weekday, hour, active = schedule_for(jobcenter, schedules)
        if not active or jobcenter.pk in done or now.hour < hour:
            continue
        created += weekly_reminders_run(
            jobcenter=jobcenter,
            period=period_of(today),
            on=today,
            now=now,
            kind=FOLLOWUP_OVERDUE,
            sources=OVERDUE_SOURCES,
            run_period=today.isoformat(),
        )
    return created
