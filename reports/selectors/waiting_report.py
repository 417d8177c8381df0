"""Waiting time: days from referral to an accepted mentor, in buckets."""

from datetime import date

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.models import (
    Citizen,
    CitizenStatus,
)
from matching.models import Offer, OfferStatus
from reports.aggregates import DaysBetween, PercentileCont
from reports.charts import bar_chart
from reports.selectors._common import _fmt
from reports.selectors.report import Column, Report, Table


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
