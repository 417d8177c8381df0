"""The course's participant table in Chromium at 1280 px: with long names, long e-mail addresses and a company
on every row, the table fits the page and each row's "Afmeld" is inside the viewport, not scrolled out of
sight to the right. At 390 px the rows stack (DKFDS responsive headers) and the page scrolls no wider than the
screen. Screenshots: var/screenshots/kursus-deltagere-*.png."""

import pytest
from playwright.sync_api import Page, expect

from companies.tests.factories import CompanyFactory
from courses.tests.factories import CourseFactory, RegistrationFactory
from tests.browser.journeys import jobcenter_ready, log_in
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def course(world):
    jobcenter_ready(world.jobcenter)
    course = CourseFactory(jobcenter=world.jobcenter, capacity=20)
    company = CompanyFactory(jobcenter=world.jobcenter, name="Favrskov Maskinfabrik og Smedeværksted A/S")
    for number in range(4):
        RegistrationFactory(
            course=course,
            company=company,
            name=f"Anne-Marie Kristiansen-Østergaard {number}",
            # No hyphen to break at: the address is one long word.
            email=f"annemarie.kristiansen.oestergaard.{number}@favrskovmaskinfabrikogsmedevaerksted.dk",
        )
    return course


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_every_participants_afmeld_is_inside_the_viewport(page: Page, live_server, world, course, viewport):
    page.set_viewport_size(viewport)
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/kurser/{course.pk}/")
    table = page.get_by_role("table", name="Tilmeldte")
    links = table.get_by_role("link", name="Afmeld")
    expect(links).to_have_count(4)
    for link in links.all():
        box = link.bounding_box()  # where it is without scrolling sideways (x does not move when scrolling down)
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    # Nothing scrolls sideways: not the page, and not the table inside its scroll box.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert table.evaluate("table => table.parentElement.scrollWidth <= table.parentElement.clientWidth")
    assert_accessible(page, f"kursus-deltagere-{viewport['width']}")
