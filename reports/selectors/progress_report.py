"""Progress: the competence cards' movement per dimension."""

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.translation import gettext as _

from citizens.models import (
    MentorAgreement,
    Placement,
    ProgressDimension,
    ProgressSummary,
)
from matching.models import CohortCandidate
from reports.charts import bar_chart
from reports.selectors._common import _signed
from reports.selectors.report import Column, Report, Table


def agreements_for_progress(*, jobcenter, params: dict) -> QuerySet[MentorAgreement]:
    """The mentor agreements the progress report's filter (reports.filters.PlacementReportFilter) selects
    beside its placements: started in the period, the citizen's target group; with a company chosen, the
    agreements whose company mentor works there; with a cohort, its candidates' agreements."""
    agreements = MentorAgreement.objects.filter(jobcenter=jobcenter)
    if "date_from" in params:
        agreements = agreements.filter(starts_on__gte=params["date_from"])
    if "date_to" in params:
        agreements = agreements.filter(starts_on__lte=params["date_to"])
    if "target_group" in params:
        agreements = agreements.filter(citizen__target_group=params["target_group"])
    if "company" in params:
        agreements = agreements.filter(company_mentor__company=params["company"])
    if "cohort" in params:
        agreements = agreements.filter(
            Exists(CohortCandidate.objects.filter(cohort=params["cohort"], citizen=OuterRef("citizen")))
        )
    return agreements


def _progress_by_dimension(
    *, jobcenter, placements: QuerySet[Placement], agreements: QuerySet[MentorAgreement] | None = None
) -> dict[int, tuple]:
    """{dimension id: (placements and agreements, average first score, average latest score, average
    movement)}, over the placements and mentor agreements with two or more scores on the dimension.

    Reads citizens.ProgressSummary (the first and latest score per owner and dimension, kept by the
    assessment service) rather than every score: a window over the largest jobcenter's 200,000 scores
    took a quarter of a second, the summary has one row per owner and dimension."""
    owners = Q(placement__in=placements.values("pk"))
    if agreements is not None:
        owners |= Q(agreement__in=agreements.values("pk"))
    rows = (
        ProgressSummary.objects.filter(owners, jobcenter=jobcenter, assessments__gte=2)
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


def progress_report(
    *, jobcenter, placements: QuerySet[Placement], agreements: QuerySet[MentorAgreement] | None = None
) -> Report:
    """Per competence-card dimension: the average score at the first and at the latest assessment of
    each placement and each mentor agreement with two or more, and the average movement. Two queries."""
    if agreements is not None:
        agreements = agreements.filter(jobcenter=jobcenter)
    stats = _progress_by_dimension(
        jobcenter=jobcenter, placements=placements.filter(jobcenter=jobcenter), agreements=agreements
    )
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
        Column(_("Forløb og mentoraftaler med mindst to vurderinger")),
        Column(_("Gennemsnit første vurdering")),
        Column(_("Gennemsnit seneste vurdering")),
        Column(_("Gennemsnitlig bevægelse")),
    ]
    measured = max((row[1] for row in rows), default=0)
    summary = [
        _("%(n)s forløb og mentoraftaler har mindst to vurderinger på kompetencekortene.") % {"n": measured},
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
        note=_(
            "Bevægelsen er seneste minus første score for hvert forløb eller hver mentoraftale og hver dimension, "
            "i gennemsnit."
        ),
    )
