"""Courses and network meetings: invited, registered, attended, evaluations; and per theme."""

from datetime import date

from django.db.models import (
    Avg,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Attendance, Course, CourseStatus, Evaluation, Invitation, Registration, RegistrationStatus
from reports.charts import bar_chart
from reports.selectors._common import _correlated_count, _count, _fmt, _scalars
from reports.selectors.report import Column, Report, Table


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
