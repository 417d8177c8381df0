"""Outcomes: how citizens' courses ended, per target group (or another grouping)."""

from typing import Any

from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.utils.translation import gettext as _

from citizens.models import (
    Citizen,
    CitizenStatus,
    MentorAgreement,
    Outcome,
    Placement,
    PlacementStatus,
    TargetGroup,
)
from matching.models import CohortCandidate
from reports.charts import bar_chart
from reports.selectors._common import MENTOR_AGREEMENT_STARTED, PLACEMENT_STARTED, STARTED, _rate
from reports.selectors.report import Column, Report, Table

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
