"""Declines: offers by answer, and the mentors' reasons for declining."""

from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.utils.translation import gettext as _

from matching.models import Offer, OfferStatus
from reports.charts import bar_chart
from reports.selectors._common import _fmt, _rate
from reports.selectors.report import Column, Report, Table


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
