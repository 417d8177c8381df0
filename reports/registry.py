"""The reports: URL slug, title, filter set, base population and selector, in one list that the
views, the export and the index page share."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from citizens.models import Citizen, Placement
from companies.models import Company
from corps.models import Mentor
from courses.models import Course
from matching.models import Offer
from reports import filters, selectors


@dataclass(frozen=True)
class ReportSpec:
    slug: str
    title: str
    lead: str
    filterset: type
    base: Callable
    build: Callable  # (jobcenter, filterset) -> selectors.Report


REPORTS = [
    ReportSpec(
        "resultater",
        _("Resultater"),
        _("Hvor mange borgere der er startet og afsluttet, og hvordan de sluttede: i job, uddannelse eller andet."),
        filters.OutcomeFilter,
        lambda jobcenter: Citizen.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.outcomes_report(
            jobcenter=jobcenter, citizens=f.result, per=f.params.get("per", "target_group")
        ),
    ),
    ReportSpec(
        "ventetid",
        _("Ventetid på en mentor"),
        _("Dage fra henvisning til en mentor fra korpset har sagt ja: median og 90 %-fraktil."),
        filters.CitizenReportFilter,
        lambda jobcenter: Citizen.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.waiting_report(jobcenter=jobcenter, citizens=f.result),
    ),
    ReportSpec(
        "afslag",
        _("Afslag fra mentorer"),
        _("Hvordan mentorerne har svaret på tilbud, og hvorfor de har sagt nej."),
        filters.OfferReportFilter,
        lambda jobcenter: Offer.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.declines_report(jobcenter=jobcenter, offers=f.result),
    ),
    ReportSpec(
        "mentorkorps",
        _("Mentorkorpset"),
        _("Aktive borgere mod kapacitet pr. mentor, aftalte, leverede og godkendte timer, og korpsets bredde."),
        filters.MentorReportFilter,
        lambda jobcenter: Mentor.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.corps_report(jobcenter=jobcenter, mentors=f.result, params=f.params),
    ),
    ReportSpec(
        "virksomheder",
        _("Virksomheder"),
        _("Uddannede mentorer, forløb og resultater pr. virksomhed, og godkendt frikøb."),
        filters.CompanyReportFilter,
        lambda jobcenter: Company.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.companies_report(jobcenter=jobcenter, companies=f.result, params=f.params),
    ),
    ReportSpec(
        "kurser",
        _("Kurser og netværksmøder"),
        _("Afholdte kurser og møder: inviterede, tilmeldte, mødte, gennemførte, evalueringer og temaer."),
        filters.CourseReportFilter,
        lambda jobcenter: Course.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.courses_report(jobcenter=jobcenter, courses=f.result),
    ),
    ReportSpec(
        "progression",
        _("Progression"),
        _(
            "Gennemsnitlig bevægelse på kompetencekortenes dimensioner fra første til seneste vurdering, i forløb "
            "og mentoraftaler."
        ),
        filters.PlacementReportFilter,
        lambda jobcenter: Placement.objects.filter(jobcenter=jobcenter),
        lambda jobcenter, f: selectors.progress_report(
            jobcenter=jobcenter,
            placements=f.result,
            agreements=selectors.agreements_for_progress(jobcenter=jobcenter, params=f.params),
        ),
    ),
]
BY_SLUG = {spec.slug: spec for spec in REPORTS}
