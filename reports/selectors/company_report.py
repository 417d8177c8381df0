"""Companies: placements, mentors, courses and compensation claims per company."""

from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    QuerySet,
    Sum,
)
from django.utils.translation import gettext as _

from citizens.models import (
    Outcome,
    Placement,
    PlacementStatus,
)
from companies.models import ClaimStatus, CompanyMentor, CompensationClaim
from reports.charts import bar_chart
from reports.selectors._common import PLACEMENT_STARTED, _period
from reports.selectors.report import Column, Report, Table


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
