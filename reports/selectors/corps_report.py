"""The mentor corps: mentors, hours and pay."""

from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from citizens.models import (
    AgreementStatus,
    MentorAgreement,
)
from corps.models import HoursEntry, HoursStatus, Mentor, MentorStatus
from corps.selectors import corps_breadth
from mentorship.expressions import InIds
from reports.charts import bar_chart
from reports.selectors._common import _fmt, _hours_period, _period
from reports.selectors.report import Column, Report, Table

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=9, decimal_places=2))


def corps_report(*, jobcenter, mentors: QuerySet[Mentor], params: dict) -> Report:
    """Per active or paused corps mentor: active mentees against capacity, and hours agreed, delivered
    and confirmed (approved) in the period; and the corps' breadth against waiting citizens' needs.
    Three queries for the mentors (the mentors, their hours, their active agreements; the totals are
    the sums of the rows), plus corps_breadth's four."""
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
