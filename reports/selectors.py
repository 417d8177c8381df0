"""Every number on the start page and in the reports, computed by the database (COUNT, SUM, AVG,
percentile_cont over GROUP BY, correlated subqueries), never by looping over rows in Python. Each
function costs a fixed number of queries whatever the number of rows; Python only adds up the
database's group counts and sums (a total is the sum of its table's rows), divides two counts into a
rate and lays the results out as a table.

A report is a `Report`: a few summary sentences, one table (columns + rows: the same rows go to the
CSV and XLSX exports), a chart of (part of) the table, and optional extra tables shown on the page.
No report carries a CPR number, a sensitive note, the caseworker's view or any other social field:
citizens appear only as counts.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Jobcenter
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    MentorAgreement,
    Outcome,
    Placement,
    PlacementStatus,
    ProgressDimension,
    ProgressSummary,
    TargetGroup,
)
from citizens.selectors import (
    AGREEMENT_WARNING_DAYS,
    FOLLOW_UP_DUE_DAYS,
    agreements_ending_within,
    placements_without_follow_up,
)
from companies.models import ClaimStatus, CompanyMentor, CompensationClaim, CourseNomination, NominationStatus
from corps.models import HoursEntry, HoursStatus, Mentor, MentorStatus
from corps.selectors import corps_breadth
from courses.models import Attendance, Course, CourseStatus, Evaluation, Invitation, Registration, RegistrationStatus
from courses.services import settings_for
from matching.models import CohortCandidate, Offer, OfferStatus
from mentorship.expressions import InIds
from mentorship.numbers import dk_number
from notifications.models import Message, MessageStatus
from notifications.selectors import messages_delayed
from reports.aggregates import DaysBetween, PercentileCont
from reports.charts import Chart, bar_chart

STARTED = (CitizenStatus.ACTIVE, CitizenStatus.ENDED)
PLACEMENT_STARTED = (PlacementStatus.ACTIVE, PlacementStatus.ENDED)
MENTOR_AGREEMENT_STARTED = (AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.RENEWED)


def _count(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of `queryset` as a scalar subquery (one row: the grouping is on a constant)."""
    counted = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _correlated_count(queryset: QuerySet, outer_field: str) -> Coalesce:
    """COUNT of the rows of `queryset` whose `outer_field` is the outer row (no JOIN fan-out)."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


MONEY: DecimalField = DecimalField(max_digits=14, decimal_places=2)


def _sum(queryset: QuerySet, field_name: str) -> Coalesce:
    """SUM(field) of `queryset` as a scalar subquery."""
    summed = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(s=Sum(field_name)).values("s")
    return Coalesce(Subquery(summed, output_field=MONEY), Value(Decimal("0.00"), output_field=MONEY))


def _correlated_sum(queryset: QuerySet, outer_field: str, field_name: str) -> Coalesce:
    """SUM(field) of the rows of `queryset` whose `outer_field` is the outer row."""
    summed = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(s=Sum(field_name))
        .values("s")
    )
    return Coalesce(Subquery(summed, output_field=MONEY), Value(Decimal("0"), output_field=MONEY))


def _hours_period(date_from: date | None, date_to: date | None) -> dict:
    """Hours entries are per week (its Monday): a week counts when its Monday lies in the period,
    or the period starts inside it."""
    lookups = {}
    if date_from:
        lookups["week__gte"] = date_from - timedelta(days=date_from.weekday())
    if date_to:
        lookups["week__lte"] = date_to
    return lookups


def _scalars(jobcenter, **expressions) -> dict:
    """Several totals in one SELECT: each a scalar subquery, evaluated once on the jobcenter's row.
    (Django's aggregate() over subquery annotations drops the annotations from its inner query, so
    totals are never taken that way.)"""
    prefixed = {f"total_{name}": expression for name, expression in expressions.items()}
    row = Jobcenter.objects.filter(pk=jobcenter.pk).annotate(**prefixed).values(*prefixed).get()
    return {name: row[f"total_{name}"] for name in expressions}


def _rate(part: int | None, whole: int | None) -> float | None:
    return round(100 * (part or 0) / whole, 1) if whole else None


# --- The start page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodoItem:
    key: str
    label: str
    count: int
    url: str
    action: str


def coordinator_todo(*, jobcenter, today: date | None = None) -> list[TodoItem]:
    """What the coordinator must do now, each with a count and the page where it is done. Two
    queries: the course settings (the minimum number of job consultants), and one SELECT of scalar
    subqueries, one per item."""
    today = today or timezone.localdate()
    minimum = settings_for(jobcenter).minimum_job_consultants
    through = Course.job_consultants.through
    consultants = Coalesce(
        Subquery(
            # Ignored: django-stubs forgets the annotate(n=...) after values() on this through model.
            through.objects.filter(course_id=OuterRef("pk"))  # type: ignore[misc]
            .order_by()
            .values("course_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    short_courses = (
        Course.objects.filter(jobcenter=jobcenter, status=CourseStatus.PLANNED)
        .filter(Q(last_day__gte=today) | Q(last_day__isnull=True))
        .annotate(consultants=consultants)
        .filter(consultants__lt=minimum)
    )
    counts = (
        Jobcenter.objects.filter(pk=jobcenter.pk)
        .annotate(
            follow_up_overdue=_count(placements_without_follow_up(jobcenter=jobcenter, today=today)),
            offers_open=_count(Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.OFFERED)),
            agreements_ending=_count(agreements_ending_within(jobcenter=jobcenter, today=today)),
            applications=_count(Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.APPLICANT)),
            courses_short=_count(short_courses),
            claims=_count(CompensationClaim.objects.filter(jobcenter=jobcenter, status=ClaimStatus.SUBMITTED)),
            nominations=_count(
                CourseNomination.objects.filter(mentor__company__jobcenter=jobcenter, status=NominationStatus.NEW)
            ),
            messages_failed=_count(Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.FAILED)),
            messages_delayed=_count(messages_delayed(jobcenter=jobcenter)),
        )
        .values(
            "follow_up_overdue",
            "offers_open",
            "agreements_ending",
            "applications",
            "courses_short",
            "claims",
            "nominations",
            "messages_failed",
            "messages_delayed",
        )
        .get()
    )
    return [
        TodoItem(
            "follow_up_overdue",
            _("Forløb uden opfølgning i %(days)s dage eller mere") % {"days": FOLLOW_UP_DUE_DAYS},
            counts["follow_up_overdue"],
            reverse("citizens:follow_up_overdue"),
            _("Følg op"),
        ),
        TodoItem(
            "offers_open",
            _("Tilbud, der venter på mentorens svar"),
            counts["offers_open"],
            reverse("matching:offer_list") + "?status=offered",
            _("Se tilbud"),
        ),
        TodoItem(
            "agreements_ending",
            _("Mentoraftaler, der udløber inden for %(days)s dage") % {"days": AGREEMENT_WARNING_DAYS},
            counts["agreements_ending"],
            reverse("citizens:agreements_ending"),
            _("Forlæng eller afslut"),
        ),
        TodoItem(
            "applications",
            _("Ansøgninger til mentorkorpset, der skal vurderes"),
            counts["applications"],
            reverse("corps:mentor_list") + "?status=applicant",
            _("Vurdér ansøgere"),
        ),
        TodoItem(
            "courses_short",
            _("Kommende kurser med færre end %(n)s jobkonsulenter") % {"n": minimum},
            counts["courses_short"],
            reverse("courses:list"),
            _("Find jobkonsulenter"),
        ),
        TodoItem(
            "claims",
            _("Anmodninger om frikøb, der skal godkendes"),
            counts["claims"],
            reverse("companies:claim_list") + "?status=submitted",
            _("Behandl anmodninger"),
        ),
        TodoItem(
            "nominations",
            _("Virksomhedsmentorer, som lederen har indstillet til mentorkursus"),
            counts["nominations"],
            reverse("companies:list") + "?nominated=ja",
            _("Find en plads"),
        ),
        TodoItem(
            "messages_failed",
            _("Beskeder, der ikke kunne sendes"),
            counts["messages_failed"],
            reverse("notifications:outbox") + "?status=failed",
            _("Se udbakken"),
        ),
        TodoItem(
            "messages_delayed",
            _("Beskeder, der er forsinket, fordi mailserveren ikke svarer (de sendes, når den svarer igen)"),
            counts["messages_delayed"],
            reverse("notifications:outbox") + "?status=pending",
            _("Se udbakken"),
        ),
    ]


def caseworker_todo(*, jobcenter, user, today: date | None = None) -> list[TodoItem]:
    """The caseworker's own citizens: waiting for a mentor, and with an agreement ending soon. One query."""
    today = today or timezone.localdate()
    mine = Citizen.objects.filter(jobcenter=jobcenter, caseworker=user)
    active = MentorAgreement.objects.filter(citizen=OuterRef("pk"), status=AgreementStatus.ACTIVE)
    counts = (
        Jobcenter.objects.filter(pk=jobcenter.pk)
        .annotate(
            waiting=_count(mine.filter(status=CitizenStatus.REFERRED).exclude(Exists(active))),
            active=_count(mine.filter(status=CitizenStatus.ACTIVE)),
            ending=_count(agreements_ending_within(jobcenter=jobcenter, today=today).filter(citizen__caseworker=user)),
        )
        .values("waiting", "active", "ending")
        .get()
    )
    mine_url = reverse("citizens:list") + "?mine=on"
    return [
        TodoItem(
            "waiting",
            _("Dine henviste borgere, der venter på en mentor"),
            counts["waiting"],
            mine_url + "&status=referred",
            _("Se borgerne"),
        ),
        TodoItem("active", _("Dine borgere i forløb"), counts["active"], mine_url + "&status=active", _("Se borgerne")),
        TodoItem(
            "ending",
            _("Mentoraftaler for dine borgere, der udløber inden for %(days)s dage") % {"days": AGREEMENT_WARNING_DAYS},
            counts["ending"],
            mine_url + "&status=active",
            _("Se borgerne"),
        ),
    ]


# --- Reports ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None

    @property
    def export_rows(self) -> list[list]:
        return [*self.rows, *([self.total] if self.total else [])]


@dataclass
class Report:
    summary: list[str]
    table: Table
    chart: Chart | None = None
    extra_tables: list[Table] = field(default_factory=list)
    note: str = ""


def _period(params: dict) -> tuple[date | None, date | None]:
    return params.get("date_from"), params.get("date_to")


# Outcomes ------------------------------------------------------------------------------------------

OUTCOMES = list(Outcome.choices)


def _outcome_counts(prefix: str, distinct_on: str | None = None) -> dict:
    """started, ended and one count per outcome code, over `prefix` (the citizen's fields)."""
    counted = distinct_on or "pk"
    distinct = distinct_on is not None
    return {
        "started": Count(counted, filter=Q(**{f"{prefix}status__in": STARTED}), distinct=distinct),
        "ended": Count(counted, filter=Q(**{f"{prefix}status": CitizenStatus.ENDED}), distinct=distinct),
        **{
            f"o_{code}": Count(counted, filter=Q(**{f"{prefix}outcome": code}), distinct=distinct)
            for code, _label in OUTCOMES
        },
    }


def outcomes_report(*, jobcenter, citizens: QuerySet[Citizen], per: str = "target_group") -> Report:
    """Citizens referred, started and ended, and how they ended, as counts and rates: in total and per
    target group, cohort, company (the placement's own outcome) or corps mentor. Two queries."""
    population = citizens.filter(jobcenter=jobcenter)
    if per not in ("company", "mentor", "cohort"):
        # Per target group: the rows and the total from one pass over the citizens, grouped by
        # target group, status and outcome (a few dozen groups), added up here.
        return _outcomes_per_target_group(jobcenter, population)
    totals = population.order_by().aggregate(referred=Count("pk"), **_outcome_counts(""))
    if per == "company":
        group_label = _("Virksomhed")
        rows: QuerySet[Any, dict[str, Any]] = (
            Placement.objects.filter(jobcenter=jobcenter, status__in=PLACEMENT_STARTED, citizen__in=population)
            .order_by()
            .values("company_id", "company__name")
            .annotate(
                referred=Count("citizen", distinct=True),
                started=Count("pk"),
                ended=Count("pk", filter=Q(status=PlacementStatus.ENDED)),
                **{f"o_{code}": Count("pk", filter=Q(outcome=code)) for code, _label in OUTCOMES},
            )
            .order_by("company__name", "company_id")
        )
        name_key = "company__name"
    elif per == "mentor":
        group_label = _("Mentor")
        rows = (
            MentorAgreement.objects.filter(
                jobcenter=jobcenter, status__in=MENTOR_AGREEMENT_STARTED, mentor__isnull=False, citizen__in=population
            )
            .order_by()
            .values("mentor_id", "mentor__full_name")
            .annotate(referred=Count("citizen", distinct=True), **_outcome_counts("citizen__", "citizen"))
            .order_by("mentor__full_name", "mentor_id")
        )
        name_key = "mentor__full_name"
    else:
        group_label = _("Hold")
        rows = (
            CohortCandidate.objects.filter(cohort__jobcenter=jobcenter, citizen__in=population)
            .order_by()
            .values("cohort_id", "cohort__name")
            .annotate(referred=Count("citizen", distinct=True), **_outcome_counts("citizen__", "citizen"))
            .order_by("cohort__name", "cohort_id")
        )
        name_key = "cohort__name"
    return _outcomes_layout(per, group_label, [(row[name_key], row) for row in rows], totals)


def _outcome_values(groups) -> dict:
    """started, ended and one count per outcome code, added up from (status, outcome, n) groups."""
    values = {"referred": 0, "started": 0, "ended": 0, **{f"o_{code}": 0 for code, _label in OUTCOMES}}
    for status, outcome, n in groups:
        values["referred"] += n
        if status in STARTED:
            values["started"] += n
        if status == CitizenStatus.ENDED:
            values["ended"] += n
        if f"o_{outcome}" in values:
            values[f"o_{outcome}"] += n
    return values


def _outcomes_per_target_group(jobcenter, population: QuerySet[Citizen]) -> Report:
    """outcomes_report per target group: the counts in one pass over the citizens (grouped on their
    own columns only, so PostgreSQL hashes a few dozen groups instead of sorting every citizen by the
    group's name), then the target groups' names and order."""
    counts: dict[int, list] = {}
    for group_id, status, outcome, n in (
        population.order_by().values_list("target_group_id", "status", "outcome").annotate(n=Count("pk"))
    ):
        counts.setdefault(group_id, []).append((status, outcome, n))
    groups = (
        TargetGroup.objects.filter(Q(jobcenter=jobcenter) | Q(pk__in=list(counts)))
        .order_by("position", "name", "pk")
        .values_list("pk", "name")
    )
    rows = [(name, _outcome_values(counts[pk])) for pk, name in groups if pk in counts]
    totals = _outcome_values(group for found in counts.values() for group in found)
    return _outcomes_layout("target_group", _("Målgruppe"), rows, totals)


def _outcomes_layout(per: str, group_label: str, rows: list[tuple[str, dict]], totals: dict) -> Report:
    """The outcomes report's table, summary and chart from its (name, counts) rows and totals."""
    referred_label = _("Placeret") if per == "company" else _("Henvist")
    started_label = _("Forløb startet") if per == "company" else _("Startet")
    columns = [
        Column(group_label, numeric=False),
        Column(referred_label),
        Column(started_label),
        Column(_("Afsluttet")),
        *[Column(str(label)) for _code, label in OUTCOMES],
        Column(_("Ordinært job, % af startede")),
        Column(_("Uddannelse, % af startede")),
    ]

    def line(name, values):
        return [
            name,
            values["referred"],
            values["started"],
            values["ended"],
            *[values[f"o_{code}"] for code, _label in OUTCOMES],
            _rate(values["o_ordinary_job"], values["started"]),
            _rate(values["o_education"], values["started"]),
        ]

    table_rows = [line(name, values) for name, values in rows]
    total = line(_("Alle borgere i udvalget"), totals)
    summary = [
        _(
            "%(ordinary)s af %(started)s startede borgere i ordinært job, %(education)s i uddannelse, "
            "%(flex)s i fleksjob."
        )
        % {
            "ordinary": totals["o_ordinary_job"],
            "started": totals["started"],
            "education": totals["o_education"],
            "flex": totals["o_flex_job"],
        },
        _("%(referred)s henvist, %(started)s startet, %(ended)s afsluttet.")
        % {"referred": totals["referred"], "started": totals["started"], "ended": totals["ended"]},
    ]
    chart = bar_chart(
        title=_("Afsluttede borgere fordelt på resultat"),
        description=_("Antal afsluttede borgere for hvert resultat. De samme tal står i tabellens sidste række."),
        categories=[str(label) for _code, label in OUTCOMES],
        series=[(_("Borgere"), [totals[f"o_{code}"] for code, _label in OUTCOMES])],
    )
    note = (
        _("For virksomheder tælles forløbenes eget resultat; en borger kan have haft forløb flere steder.")
        if per == "company"
        else _("Rater er andelen af de startede borgere i gruppen.")
    )
    return Report(summary, Table(_("Resultater"), columns, table_rows, total), chart, note=note)


# Waiting time and declines ---------------------------------------------------------------------------


def _waiting_days():
    """Days from referral to the day (Copenhagen time) the mentor accepted the offer."""
    return DaysBetween(TruncDate("answered_at"), F("citizen__referred_on"))


WAIT_BUCKETS = [(0, 7), (8, 14), (15, 30), (31, 60), (61, 90), (91, None)]


def waiting_report(*, jobcenter, citizens: QuerySet[Citizen], today: date | None = None) -> Report:
    """Waiting time from referral to an accepted mentor: median, 90th percentile and mean (days), in
    total and per target group, with a distribution; and how many still wait. Three queries."""
    today = today or timezone.localdate()
    population = citizens.filter(jobcenter=jobcenter)
    accepted = Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.ACCEPTED, citizen__in=population)
    accepted = accepted.annotate(days=_waiting_days()).order_by()
    stats = {
        "n": Count("pk"),
        "median": PercentileCont("days", 0.5),
        "p90": PercentileCont("days", 0.9),
        "mean": Avg("days"),
    }
    buckets = {
        f"b{low}": Count("pk", filter=Q(days__gte=low, **({"days__lte": high} if high is not None else {})))
        for low, high in WAIT_BUCKETS
    }
    totals = accepted.aggregate(**stats, **buckets)
    rows = (
        accepted.values("citizen__target_group__name", "citizen__target_group__position")
        .annotate(**stats)
        .order_by("citizen__target_group__position", "citizen__target_group__name")
    )
    has_accepted = Offer.objects.filter(citizen=OuterRef("pk"), status=OfferStatus.ACCEPTED)
    still = (
        population.filter(status=CitizenStatus.REFERRED)
        .exclude(Exists(has_accepted))
        .annotate(days=DaysBetween(Value(today), F("referred_on")))
        .order_by()
        .aggregate(n=Count("pk"), median=PercentileCont("days", 0.5))
    )

    def days(value):
        return round(value, 1) if value is not None else None

    def line(name, values):
        return [name, values["n"], days(values["median"]), days(values["p90"]), days(values["mean"])]

    columns = [
        Column(_("Målgruppe"), numeric=False),
        Column(_("Borgere med accepteret mentor")),
        Column(_("Median, dage")),
        Column(_("90 %-fraktil, dage")),
        Column(_("Gennemsnit, dage")),
    ]
    summary = [
        _(
            "Halvdelen af borgerne fik en mentor inden for %(median)s dage, 9 ud af 10 inden for %(p90)s dage "
            "(%(n)s borgere)."
        )
        % {"median": _fmt(days(totals["median"])), "p90": _fmt(days(totals["p90"])), "n": totals["n"]}
        if totals["n"]
        else _("Ingen borgere i udvalget har fået en mentor fra korpset endnu."),
        _("%(n)s henviste borgere venter stadig på en mentor (median %(median)s dage indtil nu).")
        % {"n": still["n"], "median": _fmt(days(still["median"]))},
    ]
    labels = [_bucket_label(low, high) for low, high in WAIT_BUCKETS]
    distribution = Table(
        _("Fordeling af ventetiden"),
        [Column(_("Ventetid"), numeric=False), Column(_("Borgere"))],
        [[label, totals[f"b{low}"]] for label, (low, _high) in zip(labels, WAIT_BUCKETS, strict=True)],
    )
    chart = bar_chart(
        title=_("Ventetid fra henvisning til accepteret mentor"),
        description=_("Antal borgere for hvert interval af ventetid i dage. Tallene står også i tabellen."),
        categories=labels,
        series=[(_("Borgere"), [totals[f"b{low}"] for low, _high in WAIT_BUCKETS])],
    )
    return Report(
        summary,
        Table(
            _("Ventetid pr. målgruppe"),
            columns,
            [line(row["citizen__target_group__name"], row) for row in rows],
            line(_("Alle"), totals),
        ),
        chart,
        extra_tables=[distribution],
        note=_("Ventetiden regnes fra henvisningsdatoen til den dag, mentoren takkede ja."),
    )


def _bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return _("Over %(n)s dage") % {"n": low - 1}
    return _("%(low)s–%(high)s dage") % {"low": low, "high": high}


def _fmt(value) -> str:
    return "–" if value is None else dk_number(value, 1, trim=True)


def declines_report(*, jobcenter, offers: QuerySet[Offer]) -> Report:
    """Offers by answer, and the mentors' reasons for declining, most frequent first. Two queries."""
    offers = offers.filter(jobcenter=jobcenter).order_by()
    status_counts = offers.aggregate(
        total=Count("pk"), **{status: Count("pk", filter=Q(status=status)) for status in OfferStatus.values}
    )
    reasons = (
        offers.filter(status=OfferStatus.DECLINED)
        .values("decline_reason")
        .annotate(n=Count("pk"), mentors=Count("mentor", distinct=True))
        .order_by("-n", "decline_reason")[:100]
    )
    declined = status_counts[OfferStatus.DECLINED]
    answered = declined + status_counts[OfferStatus.ACCEPTED]
    rows = [
        [row["decline_reason"].strip() or _("(ingen begrundelse)"), row["n"], row["mentors"], _rate(row["n"], declined)]
        for row in reasons
    ]
    columns = [
        Column(_("Begrundelse"), numeric=False),
        Column(_("Afslag")),
        Column(_("Mentorer")),
        Column(_("% af afslag")),
    ]
    summary = [
        _("%(declined)s af %(answered)s besvarede tilbud blev afslået (%(rate)s %%).")
        % {"declined": declined, "answered": answered, "rate": _fmt(_rate(declined, answered))},
        _("%(expired)s tilbud udløb uden svar, %(open)s venter på svar.")
        % {"expired": status_counts[OfferStatus.EXPIRED], "open": status_counts[OfferStatus.OFFERED]},
    ]
    by_status = Table(
        _("Tilbud fordelt på svar"),
        [Column(_("Status"), numeric=False), Column(_("Tilbud"))],
        [[str(label), status_counts[value]] for value, label in OfferStatus.choices],
        [_("I alt"), status_counts["total"]],
    )
    chart = bar_chart(
        title=_("Tilbud til mentorer fordelt på svar"),
        description=_("Antal tilbud for hver status. Tallene står også i tabellen."),
        categories=[str(label) for _value, label in OfferStatus.choices],
        series=[(_("Tilbud"), [status_counts[value] for value in OfferStatus.values])],
    )
    return Report(
        summary,
        Table(_("Begrundelser for afslag"), columns, rows),
        chart,
        extra_tables=[by_status],
        note=_("Begrundelserne er mentorernes egne ord; ens begrundelser tælles sammen."),
    )


# Mentor corps ---------------------------------------------------------------------------------------

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=9, decimal_places=2))


def corps_report(*, jobcenter, mentors: QuerySet[Mentor], params: dict) -> Report:
    """Per active or paused corps mentor: active mentees against capacity, and hours agreed, delivered
    and confirmed (approved) in the period; and the corps' breadth against waiting citizens' needs.
    Three queries for the mentors (the mentors, their hours, their active agreements; the totals are
    the sums of the rows), plus corps_breadth's six."""
    date_from, date_to = _period(params)
    base = mentors.filter(jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED]).order_by()
    chosen = base.values("pk")
    # One pass over the chosen mentors' hours and one over their agreements, grouped by mentor (each
    # through the mentor index: InIds): as correlated subqueries per mentor (four per row) they cost
    # most of the page on the largest jobcenter. The hours through HoursEntry.unscoped: `chosen` holds this
    # jobcenter's mentors only, and the scope would join the mentors again for nothing.
    counted = ~Q(status=HoursStatus.REJECTED)
    hours = {
        row[0]: row[1:]
        for row in HoursEntry.unscoped.filter(InIds("mentor_id", chosen), **_hours_period(date_from, date_to))
        .values("mentor_id")
        .annotate(
            agreed=Coalesce(Sum("agreed_hours", filter=counted), ZERO),
            delivered=Coalesce(Sum("hours", filter=counted), ZERO),
            confirmed=Coalesce(Sum("hours", filter=Q(status=HoursStatus.APPROVED)), ZERO),
        )
        .order_by()
        .values_list("mentor_id", "agreed", "delivered", "confirmed")
    }
    # Load as corps.selectors.mentor_load_expression counts it (active agreements naming the mentor);
    # the total counts the jobcenter's own active agreements, as it always has.
    loads = {
        mentor_id: (load, here)
        for mentor_id, load, here in MentorAgreement.objects.filter(
            InIds("mentor_id", chosen), status=AgreementStatus.ACTIVE
        )
        .values("mentor_id")
        .annotate(load=Count("pk"), here=Count("pk", filter=Q(jobcenter=jobcenter)))
        .order_by()
        .values_list("mentor_id", "load", "here")
    }
    status_labels = {value: str(label) for value, label in MentorStatus.choices}
    no_hours = (ZERO.value,) * 3
    table_rows = [
        [name, status_labels[status], loads.get(pk, (0, 0))[0], capacity, *hours.get(pk, no_hours)]
        for pk, name, status, capacity in base.values_list("pk", "full_name", "status", "capacity").order_by(
            "full_name", "pk"
        )
    ]
    # The totals are the sums of the rows (and the jobcenter's own active agreements).
    agreed, delivered, confirmed = (sum((row[i] for row in table_rows), ZERO.value) for i in (4, 5, 6))
    totals = {"mentors": len(table_rows), "agreed": agreed, "delivered": delivered, "confirmed": confirmed}
    capacity = sum(row[3] for row in table_rows)
    load_total = sum(here for _load, here in loads.values())
    columns = [
        Column(_("Mentor"), numeric=False),
        Column(_("Status"), numeric=False),
        Column(_("Aktive borgere")),
        Column(_("Kapacitet")),
        Column(_("Timer aftalt")),
        Column(_("Timer leveret")),
        Column(_("Timer godkendt")),
    ]
    total = [
        _("Alle (%(n)s mentorer)") % {"n": totals["mentors"]},
        "",
        load_total,
        capacity,
        totals["agreed"],
        totals["delivered"],
        totals["confirmed"],
    ]
    competences, languages = corps_breadth(jobcenter=jobcenter)
    breadth = Table(
        _("Bredde: kompetencer i korpset mod ventende borgeres behov"),
        [Column(_("Kompetence"), numeric=False), Column(_("Aktive mentorer")), Column(_("Ventende borgere"))],
        [[line.label, line.mentors, line.waiting] for line in competences],
    )
    breadth_languages = Table(
        _("Bredde: sprog i korpset mod ventende borgeres behov"),
        [Column(_("Sprog"), numeric=False), Column(_("Aktive mentorer")), Column(_("Ventende borgere"))],
        [[line.label, line.mentors, line.waiting] for line in languages],
    )
    summary = [
        _("%(load)s aktive borgere hos %(n)s mentorer med plads til %(capacity)s.")
        % {"load": load_total, "n": totals["mentors"], "capacity": capacity},
        _("Timer i perioden: %(agreed)s aftalt, %(delivered)s leveret, %(confirmed)s godkendt.")
        % {
            "agreed": _fmt(totals["agreed"]),
            "delivered": _fmt(totals["delivered"]),
            "confirmed": _fmt(totals["confirmed"]),
        },
    ]
    chart = bar_chart(
        title=_("Mentortimer i perioden"),
        description=_("Timer aftalt, leveret og godkendt for hele korpset. Tallene står i tabellens sidste række."),
        categories=[_("Aftalt"), _("Leveret"), _("Godkendt")],
        series=[(_("Timer"), [totals["agreed"], totals["delivered"], totals["confirmed"]])],
    )
    return Report(
        summary,
        Table(_("Mentorer"), columns, table_rows, total),
        chart,
        extra_tables=[breadth, breadth_languages],
        note=_(
            "Leverede timer er de registrerede timer, der ikke er afvist; "
            "godkendte er dem, en koordinator har godkendt."
        ),
    )


# Companies ------------------------------------------------------------------------------------------


def _per_company(queryset: QuerySet, **aggregates) -> dict[int, tuple]:
    """{company id: (aggregate, ...)} from one grouped query over `queryset`."""
    grouped = queryset.order_by().values("company").annotate(**aggregates).values_list("company", *aggregates)
    return {row[0]: row[1:] for row in grouped}


def companies_report(*, jobcenter, companies: QuerySet, params: dict) -> Report:
    """Per company: active and trained mentors, placements started and ended in the period and how they
    ended, and compensation (frikøb) approved for months in the period.

    Four queries whatever the number of companies: the companies, then one grouped query each over their
    mentors, placements and approved claims, joined here by company id. (A correlated subquery per company
    and figure ran seven times per company.) The totals are the sums of the rows: every mentor, placement
    and claim belongs to one company."""
    date_from, date_to = _period(params)
    chosen = companies.filter(jobcenter=jobcenter)
    placements = Placement.objects.filter(jobcenter=jobcenter, company__in=chosen.values("pk"))
    if params.get("target_group"):
        placements = placements.filter(citizen__target_group=params["target_group"])
    started = Q(status__in=PLACEMENT_STARTED)
    ended = Q(status=PlacementStatus.ENDED)
    claims = CompensationClaim.objects.filter(
        jobcenter=jobcenter, status=ClaimStatus.APPROVED, company__in=chosen.values("pk")
    )
    if date_from:
        started &= Q(starts_on__gte=date_from)
        ended &= Q(ended_on__gte=date_from)
        claims = claims.filter(month__gte=date_from.replace(day=1))
    if date_to:
        started &= Q(starts_on__lte=date_to)
        ended &= Q(ended_on__lte=date_to)
        claims = claims.filter(month__lte=date_to)
    mentors = _per_company(
        CompanyMentor.objects.filter(is_active=True, company__in=chosen.values("pk")),
        mentors_n=Count("pk"),
        trained=Count("pk", filter=Q(course_completed_on__isnull=False)),
    )
    outcomes = _per_company(
        placements.filter(started | ended),
        started_n=Count("pk", filter=started),
        ended_n=Count("pk", filter=ended),
        ordinary=Count("pk", filter=ended & Q(outcome=Outcome.ORDINARY_JOB)),
        education=Count("pk", filter=ended & Q(outcome=Outcome.EDUCATION)),
    )
    paid = _per_company(claims, paid=Sum("total_amount"))
    keys = ["mentors_n", "trained", "started_n", "ended_n", "ordinary", "education", "paid"]
    rows = [
        dict(
            zip(
                ["name", *keys],
                (name, *mentors.get(pk, (0, 0)), *outcomes.get(pk, (0, 0, 0, 0)), *paid.get(pk, (Decimal("0.00"),))),
                strict=True,
            )
        )
        for pk, name in chosen.order_by("name").values_list("pk", "name")
    ]
    rows.sort(key=lambda row: -row["started_n"])  # stable: by name within the same count, as the database sorts
    totals = {key: sum(row[key] for row in rows) for key in keys}
    totals["companies"] = len(rows)
    totals["with_trained"] = sum(1 for row in rows if row["trained"])
    columns = [
        Column(_("Virksomhed"), numeric=False),
        Column(_("Aktive mentorer")),
        Column(_("Uddannede mentorer")),
        Column(_("Forløb startet")),
        Column(_("Forløb afsluttet")),
        Column(_("Ordinært job")),
        Column(_("Uddannelse")),
        Column(_("Frikøb godkendt, kr.")),
    ]
    table_rows = [[row["name"], *[row[key] for key in keys]] for row in rows]
    total = [_("Alle (%(n)s virksomheder)") % {"n": totals["companies"]}, *[totals[key] or 0 for key in keys]]
    summary = [
        _("%(trained)s af %(n)s virksomheder har mindst én mentor, der har gennemført et mentorkursus.")
        % {"trained": totals["with_trained"], "n": totals["companies"]},
        _("%(started)s forløb startet og %(ended)s afsluttet i perioden; %(ordinary)s endte i ordinært job.")
        % {"started": totals["started_n"] or 0, "ended": totals["ended_n"] or 0, "ordinary": totals["ordinary"] or 0},
    ]
    top = rows[:15]
    chart = bar_chart(
        title=_("Forløb pr. virksomhed"),
        description=_(
            "Forløb startet og afsluttet i perioden for virksomhederne med flest forløb. Tallene står i tabellen."
        ),
        categories=[row["name"] for row in top],
        series=[(_("Startet"), [row["started_n"] for row in top]), (_("Afsluttet"), [row["ended_n"] for row in top])],
    )
    return Report(summary, Table(_("Virksomheder"), columns, table_rows, total), chart)


# Courses and network meetings -----------------------------------------------------------------------


def courses_report(*, jobcenter, courses: QuerySet[Course], today: date | None = None) -> Report:
    """Per course or meeting (not cancelled): invited, registered, attended at least one day, completed,
    evaluations and their average; and per theme. Four queries (rows, totals, evaluations, themes)."""
    today = today or timezone.localdate()
    base = courses.filter(jobcenter=jobcenter, status=CourseStatus.PLANNED).order_by()
    registered = Registration.objects.filter(status=RegistrationStatus.REGISTERED)
    attended = registered.filter(Exists(Attendance.objects.filter(registration=OuterRef("pk"), present=True)))
    average = Subquery(
        Evaluation.objects.filter(registration__course=OuterRef("pk"))
        .order_by()
        .values("registration__course")
        .annotate(a=Avg("overall"))
        .values("a")
    )
    annotated = base.annotate(
        invited=_correlated_count(Invitation.objects.all(), "course"),
        registered_n=_correlated_count(registered, "course"),
        attended_n=_correlated_count(attended, "course"),
        completed=_correlated_count(registered.filter(completed_on__isnull=False), "course"),
        evaluations=_correlated_count(Evaluation.objects.all(), "registration__course"),
        score=average,
    )
    keys = ["invited", "registered_n", "attended_n", "completed", "evaluations"]
    rows = list(
        annotated.values("title", "course_type__name", "first_day", "theme", "last_day", *keys, "score").order_by(
            "-first_day", "title"
        )
    )
    chosen = base.values("pk")
    totals = _scalars(
        jobcenter,
        courses=_count(base),
        held=_count(base.filter(last_day__lt=today)),
        invited=_count(Invitation.objects.filter(course__in=chosen)),
        registered_n=_count(registered.filter(course__in=chosen)),
        attended_n=_count(attended.filter(course__in=chosen)),
        completed=_count(registered.filter(course__in=chosen, completed_on__isnull=False)),
        evaluations=_count(Evaluation.objects.filter(registration__course__in=chosen)),
    )
    overall = Evaluation.objects.filter(registration__course__in=base.values("pk")).aggregate(
        n=Count("pk"), overall=Avg("overall"), relevance=Avg("relevance"), usefulness=Avg("usefulness")
    )
    themes = list(
        base.exclude(theme="")
        .values("theme")
        .annotate(
            n=Count("pk", distinct=True),
            participants=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
        )
        .order_by("-n", "theme")
    )

    def score(value):
        return round(value, 2) if value is not None else None

    columns = [
        Column(_("Kursus eller møde"), numeric=False),
        Column(_("Type"), numeric=False),
        Column(_("Første dag"), numeric=False),
        Column(_("Tema"), numeric=False),
        Column(_("Afholdt"), numeric=False),
        Column(_("Inviteret")),
        Column(_("Tilmeldt")),
        Column(_("Mødt")),
        Column(_("Gennemført")),
        Column(_("Evalueringer")),
        Column(_("Samlet vurdering (1-5)")),
    ]
    table_rows = [
        [
            row["title"],
            row["course_type__name"],
            row["first_day"],
            row["theme"],
            _("Ja") if row["last_day"] and row["last_day"] < today else _("Nej"),
            *[row[key] for key in keys],
            score(row["score"]),
        ]
        for row in rows
    ]
    total = [
        _("Alle (%(n)s)") % {"n": totals["courses"]},
        "",
        None,
        "",
        str(totals["held"]),
        *[totals[key] or 0 for key in keys],
        score(overall["overall"]),
    ]
    summary = [
        _("%(held)s af %(n)s kurser og møder er afholdt.") % {"held": totals["held"], "n": totals["courses"]},
        _("%(invited)s inviteret, %(registered)s tilmeldt, %(attended)s mødt, %(completed)s gennemført.")
        % {
            "invited": totals["invited"] or 0,
            "registered": totals["registered_n"] or 0,
            "attended": totals["attended_n"] or 0,
            "completed": totals["completed"] or 0,
        },
        _("%(n)s evalueringer: samlet %(o)s, relevans %(r)s, kan bruges i praksis %(u)s (1-5).")
        % {
            "n": overall["n"],
            "o": _fmt(score(overall["overall"])),
            "r": _fmt(score(overall["relevance"])),
            "u": _fmt(score(overall["usefulness"])),
        },
    ]
    theme_table = Table(
        _("Temaer"),
        [Column(_("Tema"), numeric=False), Column(_("Kurser og møder")), Column(_("Tilmeldte"))],
        [[row["theme"], row["n"], row["participants"]] for row in themes],
    )
    chart = bar_chart(
        title=_("Fra invitation til gennemført kursus"),
        description=_("Antal inviterede, tilmeldte, mødte og gennemførte. Tallene står i tabellens sidste række."),
        categories=[_("Inviteret"), _("Tilmeldt"), _("Mødt"), _("Gennemført")],
        series=[(_("Personer"), [totals[key] or 0 for key in ("invited", "registered_n", "attended_n", "completed")])],
    )
    return Report(
        summary,
        Table(_("Kurser og netværksmøder"), columns, table_rows, total),
        chart,
        extra_tables=[theme_table],
        note=_("Mødt betyder til stede mindst én kursusdag. Aflyste kurser er ikke med."),
    )


# Progress -------------------------------------------------------------------------------------------


def _progress_by_dimension(*, jobcenter, placements: QuerySet[Placement]) -> dict[int, tuple]:
    """{dimension id: (placements, average first score, average latest score, average movement)}, over
    the placements with two or more scores on the dimension.

    Reads citizens.ProgressSummary (the first and latest score per placement and dimension, kept by the
    assessment service) rather than every score: a window over the largest jobcenter's 200,000 scores
    took a quarter of a second, the summary has one row per placement and dimension."""
    rows = (
        ProgressSummary.objects.filter(jobcenter=jobcenter, assessments__gte=2, placement__in=placements.values("pk"))
        .order_by()
        .values("dimension_id")
        .annotate(
            n=Count("pk"),
            first=Avg("first_score"),
            latest=Avg("latest_score"),
            change=Avg(F("latest_score") - F("first_score")),
        )
        .values_list("dimension_id", "n", "first", "latest", "change")
    )
    return {row[0]: (row[1], *(float(value) if value is not None else None for value in row[2:])) for row in rows}


def progress_report(*, jobcenter, placements: QuerySet[Placement]) -> Report:
    """Per competence-card dimension: the average score at the first and at the latest assessment of
    each placement with two or more, and the average movement. Two queries."""
    stats = _progress_by_dimension(jobcenter=jobcenter, placements=placements.filter(jobcenter=jobcenter))
    dimensions = list(
        ProgressDimension.objects.filter(jobcenter=jobcenter).order_by("position", "name").values("pk", "name")
    )

    def avg(value):
        return round(value, 2) if value is not None else None

    rows = []
    for dimension in dimensions:
        n, first, latest, change = stats.get(dimension["pk"], (0, None, None, None))
        rows.append([dimension["name"], n, avg(first), avg(latest), avg(change)])
    columns = [
        Column(_("Dimension"), numeric=False),
        Column(_("Forløb med mindst to vurderinger")),
        Column(_("Gennemsnit første vurdering")),
        Column(_("Gennemsnit seneste vurdering")),
        Column(_("Gennemsnitlig bevægelse")),
    ]
    measured = max((row[1] for row in rows), default=0)
    summary = [
        _("%(n)s forløb har mindst to vurderinger på kompetencekortene.") % {"n": measured},
        *[
            _("%(dimension)s: %(change)s point i gennemsnit.") % {"dimension": row[0], "change": _signed(row[4])}
            for row in rows
            if row[4] is not None
        ],
    ]
    chart = bar_chart(
        title=_("Kompetencekort: første og seneste vurdering"),
        description=_(
            "Gennemsnitlig score (1-5) ved første og seneste vurdering for hver dimension. Tallene står i tabellen."
        ),
        categories=[row[0] for row in rows],
        series=[(_("Første"), [row[2] for row in rows]), (_("Seneste"), [row[3] for row in rows])],
    )
    return Report(
        summary,
        Table(_("Progression pr. dimension"), columns, rows),
        chart,
        note=_("Bevægelsen er seneste minus første score for hvert forløb og hver dimension, i gennemsnit."),
    )


def _signed(value) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _fmt(value)
