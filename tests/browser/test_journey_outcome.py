"""Journey 6: a citizen's placement ends with the outcome "ordinary job" (the company hires them), the
coordinator closes the citizen's course with the same outcome, and the outcome report (/rapporter/resultater/)
counts it, in total and for the company.

Every page is checked with axe. Screenshots: docs/screenshots/journey-resultat-*.png.
"""

import pytest
from playwright.sync_api import Locator, Page, expect

from citizens.models import CitizenStatus, Outcome, Placement, PlacementStatus
from citizens.tests.factories import CitizenFactory, PlacementFactory
from companies.tests.factories import CompanyMentorFactory
from tests.browser.journeys import jobcenter_ready, log_in
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def placement(world):
    jobcenter_ready(world.jobcenter)
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Sara Nielsen", status=CitizenStatus.ACTIVE)
    # Another citizen of the jobcenter, still in a placement, so the report has something else to count.
    PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Ali Hassan", status=CitizenStatus.ACTIVE),
        company=world.company_b,
        company_mentor=CompanyMentorFactory(company=world.company_b),
    )
    return PlacementFactory(
        citizen=citizen,
        company=world.company_a,
        company_mentor=CompanyMentorFactory(company=world.company_a),
        responsible=world.coordinator,
    )


def _cell(table: Locator, row_name: str, column: str) -> Locator:
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    row = table.locator("tr", has=table.page.get_by_role("rowheader", name=row_name, exact=True))
    return row.locator("th, td").nth(headers.index(column))


def test_placement_ends_in_an_ordinary_job_and_the_report_counts_it(page: Page, live_server, world, placement):
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/borgere/{placement.citizen.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sara Nielsen")
    assert_accessible(page, "journey-resultat-borger")

    # --- The placement ends: Hammel Maskinfabrik hires Sara.
    page.get_by_role("link", name=placement.placement_type.name).click()
    assert_accessible(page, "journey-resultat-forloeb")
    page.get_by_role("link", name="Afslut forløb").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afslut forløb")
    assert_accessible(page, "journey-resultat-afslut-forloeb")
    page.get_by_label("Resultat").select_option(label="Ordinært job")
    page.get_by_role("button", name="Afslut", exact=True).click()
    expect(page.get_by_text("Forløbet er afsluttet.")).to_be_visible()
    assert_accessible(page, "journey-resultat-forloeb-afsluttet")
    placement.refresh_from_db()
    assert (placement.status, placement.outcome) == (PlacementStatus.ENDED, Outcome.ORDINARY_JOB)

    # --- The citizen's course with the jobcenter ends with the same outcome.
    page.get_by_role("link", name="Tilbage til Sara Nielsen").click()
    page.get_by_role("link", name="Afslut borgerens forløb").click()
    assert_accessible(page, "journey-resultat-afslut-borger")
    page.get_by_label("Resultat").select_option(label="Ordinært job")
    page.get_by_role("button", name="Afslut", exact=True).click()
    expect(page.get_by_text("Borgerens forløb er afsluttet.")).to_be_visible()
    citizen = placement.citizen
    citizen.refresh_from_db()
    assert (citizen.status, citizen.outcome) == (CitizenStatus.ENDED, Outcome.ORDINARY_JOB)

    # --- The outcome report shows it.
    page.goto("/rapporter/")
    assert_accessible(page, "journey-resultat-rapporter")
    page.get_by_role("link", name="Resultater", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultater")
    expect(page.get_by_text("1 af 2 startede borgere i ordinært job, 0 i uddannelse, 0 i fleksjob.")).to_be_visible()
    table = page.get_by_role("table", name="Resultater")
    expect(_cell(table, "Alle borgere i udvalget", "Ordinært job")).to_have_text("1")
    assert_accessible(page, "journey-resultat-rapport")

    # Per company: the placement's own outcome, at Hammel and not at the bakery.
    page.get_by_role("combobox", name="Fordelt på").select_option(label="Virksomhed")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("rowheader", name="Hammel Maskinfabrik A/S")).to_be_visible()
    table = page.get_by_role("table", name="Resultater")
    expect(_cell(table, "Hammel Maskinfabrik A/S", "Ordinært job")).to_have_text("1")
    expect(_cell(table, "Hinnerup Bageri ApS", "Ordinært job")).to_have_text("0")
    expect(_cell(table, "Hinnerup Bageri ApS", "Afsluttet")).to_have_text("0")
    assert_accessible(page, "journey-resultat-rapport-virksomhed")
    assert Placement.objects.filter(outcome=Outcome.ORDINARY_JOB).count() == 1
