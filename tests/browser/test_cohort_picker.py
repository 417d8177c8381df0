"""A new cohort in Chromium: the candidates are a picker (a filter, "Vælg alle" over what it shows), as a large
jobcenter has thousands. The coordinator filters the candidates, ticks the shown ones, picks a company through
its own filter and creates the cohort: exactly those candidates are in it. The page passes axe at desktop width and
at 390 px. Screenshots: var/screenshots/hold-opret-*.png.
"""

import pytest
from playwright.sync_api import Page, expect

from citizens.tests.factories import CitizenFactory, PlacementTypeFactory
from companies.tests.factories import CompanyFactory
from matching.models import Cohort
from tests.browser.journeys import jobcenter_ready, log_in
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WANTED = ["Jens Bager", "Jensine Holm"]
OTHERS = ["Karin Ulstrup", "Mads Jensby"]


@pytest.fixture
def candidates(world):
    jobcenter_ready(world.jobcenter)
    kind = PlacementTypeFactory(jobcenter=world.jobcenter, name="Virksomhedspraktik")
    for name in WANTED + OTHERS:
        CitizenFactory(jobcenter=world.jobcenter, name=name)
    for number in range(30):
        CitizenFactory(jobcenter=world.jobcenter, name=f"Fyld Borger {number}")
    for name in ("Hammel Lager A/S", "Ulstrup Auto ApS"):
        CompanyFactory(jobcenter=world.jobcenter, name=name, capacity=6).placement_types.add(kind)
    return kind


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_coordinator_filters_the_candidates_and_creates_a_cohort(
    page: Page, live_server, world, candidates, viewport
):
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, world.coordinator, live_server.url)
    page.goto("/matchning/hold/nyt/")
    people = page.get_by_role("group", name="Kandidater")
    box = people.locator("[data-picker-list]")
    expect(box).to_be_visible()
    assert box.evaluate("element => element.scrollHeight > element.clientHeight")  # 34 candidates scroll inside it
    assert_accessible(page, f"hold-opret-{'telefon' if viewport else 'desktop'}")

    # "jens" finds Jens Bager, Jensine Holm and Mads Jensby; "Vælg alle" ticks only those shown.
    people.get_by_label("Søg i listen").fill("jens")
    expect(people.locator(".form-group-checkbox:visible")).to_have_count(3)
    expect(people.get_by_text("Antal viste: 3")).to_be_visible()
    people.get_by_role("button", name="Vælg alle", exact=True).click()
    people.get_by_label("Mads Jensby").uncheck()
    people.get_by_label("Søg i listen").fill("")
    expect(people.locator("input:checked")).to_have_count(2)

    companies = page.get_by_role("group", name="Virksomheder")
    companies.get_by_label("Søg i listen").fill("hammel lager")
    companies.get_by_label("Søg i listen").press("Enter")  # does not submit the form
    expect(companies.locator(".form-group-checkbox:visible")).to_have_count(1)
    companies.locator(".form-group-checkbox:visible input").check()

    page.get_by_label("Navn", exact=True).fill("Forårsholdet")
    page.get_by_label("Forløbstype", exact=True).select_option(label="Virksomhedspraktik")
    page.get_by_label("Start", exact=True).fill("2027-01-04")
    page.get_by_label("Planlagt slut", exact=True).fill("2027-03-26")
    page.get_by_label("Timer om ugen ved start", exact=True).fill("10")
    page.get_by_label("Arbejdsopgaver", exact=True).fill("Lager og pakning")
    page.get_by_label("Ansvarlig jobkonsulent", exact=True).select_option(value=str(world.coordinator.pk))
    page.get_by_label("Mindst pr. virksomhed", exact=True).fill("2")
    assert not Cohort.objects.exists()
    page.get_by_role("button", name="Opret hold").click()
    expect(page.get_by_role("heading", name="Forårsholdet")).to_be_visible()

    cohort = Cohort.objects.get()
    assert sorted(cohort.candidates.values_list("citizen__name", flat=True)) == WANTED
    assert list(cohort.companies.values_list("company__name", flat=True)) == ["Hammel Lager A/S"]
