"""Progress: the competence cards' movement per dimension."""

from django.db.models import (
    Avg,
    Count,
    F,
    QuerySet,
)
from django.utils.translation import gettext as _

from citizens.models import (
    Placement,
    ProgressDimension,
    ProgressSummary,
)
from reports.charts import bar_chart
from reports.selectors._common import _signed
from reports.selectors.report import Column, Report, Table


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
