"""The reports pages, their exports and the start page: permissions, tenancy, escaping, the access
log, and a fixed number of queries whatever the number of rows."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AccessAction, AccessLog
from citizens.models import CitizenStatus, Outcome
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    PlacementFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
    SensitiveNoteFactory,
)
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.tests.factories import HoursEntryFactory, MentorFactory, monday
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory
from matching.models import CohortCandidate, OfferStatus
from matching.tests.factories import CohortFactory, OfferFactory
from reports.registry import REPORTS

pytestmark = pytest.mark.django_db

SLUGS = [spec.slug for spec in REPORTS]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_report_shows_chart_table_and_export_links(login, world, known, slug):
    response = login(world.coordinator).get(reverse("reports:report", kwargs={"slug": slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "<table" in html and "<caption>" in html
    assert reverse("reports:export_csv", kwargs={"slug": slug}) in html
    assert " style=" not in html and "<script>" not in html


def test_outcome_page_shows_the_figures(login, world, known):
    response = login(world.coordinator).get(reverse("reports:report", kwargs={"slug": "resultater"}) + "?per=mentor")
    html = response.content.decode()
    assert "2 af 5 startede borgere i ordinært job, 1 i uddannelse, 0 i fleksjob." in html
    assert "Anna Mentor" in html and "Bent Mentor" in html


@pytest.mark.parametrize("slug", SLUGS)
def test_other_jobcenter_sees_none_of_this_jobcenters_data(login, world, known, slug):
    html = login(world.other_coordinator).get(reverse("reports:report", kwargs={"slug": slug})).content.decode()
    for name in ("Anna Mentor", "Hammel Maskinfabrik", "Grundkursus forår", "Forårsholdet", "Bor for langt væk"):
        assert name not in html


def test_a_choice_from_another_jobcenter_is_rejected(login, world, known):
    stranger = CompanyFactory(jobcenter=world.other_jobcenter)
    url = reverse("reports:report", kwargs={"slug": "resultater"}) + f"?company={stranger.pk}"
    response = login(world.coordinator).get(url)
    assert response.status_code == 200
    assert response.context["filter"].params == {}
    assert "company" in response.context["filter"].form.errors


@pytest.mark.parametrize("role", ["caseworker", "leader_a"])
@pytest.mark.parametrize("slug", SLUGS)
def test_caseworkers_and_leaders_get_403(login, world, role, slug):
    client = login(getattr(world, role))
    assert client.get(reverse("reports:report", kwargs={"slug": slug})).status_code == 403
    assert client.get(reverse("reports:export_xlsx", kwargs={"slug": slug})).status_code == 403


def test_unknown_report_is_404(login, world):
    assert login(world.coordinator).get(reverse("reports:report", kwargs={"slug": "findes-ikke"})).status_code == 404


def test_csv_export_escapes_formulas_and_is_logged(login, world, known):
    response = login(world.coordinator).get(reverse("reports:export_csv", kwargs={"slug": "afslag"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Begrundelse", "Afslag", "Mentorer", "% af afslag"]
    assert ['\'=HYPERLINK("http://x")', "1", "1", "25,00"] in rows
    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert entry.actor_id == world.coordinator.pk and entry.jobcenter_id == world.jobcenter.pk
    assert "Afslag fra mentorer" in entry.purpose


def test_xlsx_export_has_the_table_with_numbers_as_numbers(login, world, known):
    response = login(world.coordinator).get(reverse("reports:export_xlsx", kwargs={"slug": "progression"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Dimension"
    assert values[1] == ["Adfærd", 2, 2.5, 3.5, 1]
    assert AccessLog.objects.filter(action=AccessAction.EXPORT).count() == 1


def test_xlsx_export_escapes_formulas(login, world, known):
    response = login(world.coordinator).get(reverse("reports:export_xlsx", kwargs={"slug": "afslag"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(str(value).startswith("=") for value in cells)


@pytest.mark.parametrize("slug", SLUGS)
def test_exports_carry_no_cpr_and_no_sensitive_notes(login, world, known, slug):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234", name="Hemmelig Borgersen")
    SensitiveNoteFactory(citizen=citizen, text="Særligt helbredsnotat")
    client = login(world.coordinator)
    for name in ("export_csv", "export_xlsx"):
        content = client.get(reverse(f"reports:{name}", kwargs={"slug": slug})).content
        for secret in (b"0101901234", b"010190-1234", b"helbredsnotat", b"Hemmelig"):
            assert secret not in content


def test_coordinator_start_page_lists_what_to_do(login, world, known):
    html = login(world.coordinator).get(reverse("home")).content.decode()
    assert "Det skal gøres nu" in html
    assert reverse("citizens:follow_up_overdue") in html
    assert reverse("companies:claim_list") + "?status=submitted" in html
    assert reverse("notifications:outbox") + "?status=failed" in html


def test_caseworker_start_page_lists_own_citizens(login, world):
    CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker)
    html = login(world.caseworker).get(reverse("home")).content.decode()
    assert "Dine henviste borgere, der venter på en mentor" in html
    assert "Ansøgninger til mentorkorpset" not in html


# --- Fixed query counts ------------------------------------------------------------------------------


def _many(world, n: int) -> None:
    """n of everything each report aggregates over, spread over groups, so a per-row query would show."""
    jc = world.jobcenter
    dimension = ProgressDimensionFactory(jobcenter=jc)
    cohort = CohortFactory(jobcenter=jc)
    for i in range(n):
        status = [CitizenStatus.REFERRED, CitizenStatus.ACTIVE, CitizenStatus.ENDED][i % 3]
        extra = {"outcome": Outcome.ORDINARY_JOB, "outcome_on": monday(1)} if status == CitizenStatus.ENDED else {}
        citizen = CitizenFactory(jobcenter=jc, status=status, **extra)
        mentor = MentorFactory(jobcenter=jc)
        company = CompanyFactory(jobcenter=jc)
        company_mentor = CompanyMentorFactory(company=company, course_completed_on=monday(10))
        placement = PlacementFactory(citizen=citizen, company=company, company_mentor=company_mentor)
        AgreementFactory(citizen=citizen, mentor=mentor)
        OfferFactory(
            citizen=citizen,
            mentor=mentor,
            status=OfferStatus.DECLINED,
            decline_reason=f"Grund {i}",
            answered_at=placement.created_at,
        )
        HoursEntryFactory(mentor=mentor, hours=Decimal("2"))
        CohortCandidate.objects.create(cohort=cohort, citizen=citizen)
        course = CourseFactory(jobcenter=jc, days_ahead=-10 - i, theme=f"Tema {i % 3}")
        InvitationFactory(course=course)
        RegistrationFactory(course=course)
        for day in (20, 5):
            ProgressScoreFactory(
                assessment=ProgressAssessmentFactory(placement=placement, assessed_on=monday(day // 7)),
                dimension=dimension,
            )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


URLS = [("home", {}, "")] + [
    (name, {"slug": slug}, query)
    for slug in SLUGS
    for name in ("reports:report", "reports:export_xlsx")
    for query in ([""] if slug != "resultater" else ["", "?per=company", "?per=mentor", "?per=cohort"])
]


def test_every_page_costs_a_fixed_number_of_queries(login, world, django_assert_max_num_queries):
    client = login(world.coordinator)
    _many(world, 2)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("home")).status_code == 200
    few = {
        (name, query, tuple(kwargs.items())): _queries(client, reverse(name, kwargs=kwargs) + query)
        for name, kwargs, query in URLS
    }
    _many(world, 12)
    for name, kwargs, query in URLS:
        url = reverse(name, kwargs=kwargs) + query
        expected = few[(name, query, tuple(kwargs.items()))]
        with django_assert_max_num_queries(expected):
            assert client.get(url).status_code == 200
        assert expected <= 10, f"{url}: {expected} queries"


def test_filter_selects_are_labelled_and_keep_the_choice(login, world, known):
    tg = known.target_groups["tg2"]
    url = reverse("reports:report", kwargs={"slug": "ventetid"}) + f"?target_group={tg.pk}"
    html = login(world.coordinator).get(url).content.decode()
    assert '<label for="id_target_group"' in html or 'for="id_target_group"' in html
    assert '<select class="form-select" name="target_group" id="id_target_group"' in html
    assert f'<option value="{tg.pk}" selected>Jobparat</option>' in html
