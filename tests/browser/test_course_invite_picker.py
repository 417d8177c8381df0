"""The course invitation's company picker in Chromium (issue 21): the lists are fetched when "Udvalgte modtagere"
is chosen; the coordinator filters the list of companies, ticks two, and sends; exactly those two get an invitation.
The page passes axe at desktop width and at 390 px.
Screenshots: var/screenshots/kursus-inviter-*.png.
"""

import pytest
from playwright.sync_api import Page, expect

from companies.tests.factories import CompanyFactory
from courses.models import Invitation
from courses.tests.factories import CourseFactory
from tests.browser.journeys import jobcenter_ready, log_in
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NAMES = ["Hammel Maskinfabrik A/S", "Hinnerup Bageri ApS", "Hadsten Bageri I/S", "Ulstrup Auto ApS"]


@pytest.fixture
def course(world):
    jobcenter_ready(world.jobcenter)
    for number, name in enumerate(NAMES):
        CompanyFactory(jobcenter=world.jobcenter, name=name, contact_email=f"kontakt{number}@example.dk")
    for number in range(30):
        CompanyFactory(jobcenter=world.jobcenter, contact_email=f"fyld{number}@example.dk")
    return CourseFactory(jobcenter=world.jobcenter)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_coordinator_filters_ticks_two_companies_and_invites_them(page: Page, live_server, world, course, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/kurser/{course.pk}/inviter/")
    page.get_by_label("Udvalgte modtagere").check()
    companies = page.get_by_role("group", name="Udvalgte virksomheder")
    box = companies.locator("[data-picker-list]")
    expect(box).to_be_visible()
    height = box.evaluate("element => element.getBoundingClientRect().height")
    assert height > 200  # a list you can read, not a 40 px select
    assert box.evaluate("element => element.scrollHeight > element.clientHeight")  # 34 companies scroll inside it
    assert_accessible(page, f"kursus-inviter-{'telefon' if viewport else 'desktop'}")

    companies.get_by_label("Søg i listen").fill("bageri")
    expect(companies.get_by_label("Hinnerup Bageri ApS")).to_be_visible()
    expect(companies.get_by_label("Hadsten Bageri I/S")).to_be_visible()
    expect(companies.get_by_label("Hammel Maskinfabrik A/S")).to_be_hidden()
    expect(companies.locator(".form-group-checkbox:visible")).to_have_count(2)
    expect(companies.get_by_text("Antal viste: 2")).to_be_visible()
    assert_accessible(page, f"kursus-inviter-filtreret-{'telefon' if viewport else 'desktop'}", screenshot=False)

    # "Vælg alle" ticks only what the filter shows; "Fravælg alle" clears it again.
    companies.get_by_role("button", name="Vælg alle", exact=True).click()
    companies.get_by_label("Søg i listen").fill("")
    expect(companies.locator("input:checked")).to_have_count(2)
    companies.get_by_role("button", name="Fravælg alle", exact=True).click()
    expect(companies.locator("input:checked")).to_have_count(0)

    companies.get_by_label("Søg i listen").fill("bageri")
    companies.get_by_label("Søg i listen").press("Enter")  # does not submit the form
    companies.get_by_label("Hinnerup Bageri ApS").check()
    companies.get_by_label("Søg i listen").fill("ulstrup")
    companies.get_by_label("Ulstrup Auto ApS").check()
    # The lists were fetched once: choosing another source and back keeps what is ticked.
    page.get_by_label("Alle virksomheder i kommunen").check()
    expect(box).to_be_hidden()
    page.get_by_label("Udvalgte modtagere").check()
    expect(companies.locator("input:checked")).to_have_count(2)
    assert not Invitation.objects.filter(course=course).exists()
    page.get_by_role("button", name="Send invitationer").click()
    expect(page.get_by_text("2 invitationer er sendt.")).to_be_visible()

    invited = Invitation.objects.filter(course=course)
    assert sorted(invited.values_list("company__name", flat=True)) == ["Hinnerup Bageri ApS", "Ulstrup Auto ApS"]
    assert sorted(invited.values_list("email", flat=True)) == ["kontakt1@example.dk", "kontakt3@example.dk"]
