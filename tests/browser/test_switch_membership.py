"""A consultant who works in two jobcenters opens "Skift jobcenter" in the header and switches, on a wide
screen (the DKFDS overflow menu in the portal row) and on a phone (the list in the menu drawer); each page is
checked with axe (WCAG 2.1 A/AA)."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory
from companies.tests.factories import CompanyFactory
from tests.browser.support import SCREENSHOT_DIR, SCREENSHOTS, assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def consultant(world):
    """A coordinator in Favrskov (the first membership, where the day starts) and a caseworker in Haderslev,
    with a company in each jobcenter to tell the two apart."""
    CompanyFactory(jobcenter=world.other_jobcenter, name="Sønderjysk Tømrer ApS")
    favrskov = MembershipFactory(jobcenter=world.jobcenter, role=Role.COORDINATOR, user__full_name="Jonas Friis")
    MembershipFactory(jobcenter=world.other_jobcenter, role=Role.CASEWORKER, user=favrskov.user)
    return favrskov.user


def companies_listed(page: Page):
    return page.get_by_role("main").get_by_role("link", name=re.compile("Maskinfabrik|Bageri|Tømrer"))


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_a_consultant_switches_jobcenter_in_the_header(page: Page, live_server, world, consultant, viewport):
    width = viewport["width"]
    page.set_viewport_size(viewport)
    log_in(page, consultant, live_server.url)
    page.goto("/virksomheder/")
    expect(companies_listed(page)).to_have_text(["Hammel Maskinfabrik A/S", "Hinnerup Bageri ApS"])
    banner = page.get_by_role("banner")

    if width == WIDE["width"]:
        toggle = banner.get_by_role("button", name="Skift jobcenter")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        choices = page.locator("#membership-switch-menu")
        # DKFDS closes a menu when focus leaves its list items; the options must count as inside it.
        page.keyboard.press("Tab")
        expect(choices.get_by_role("button").first).to_be_focused()
        expect(choices).to_be_visible()
    else:
        banner.get_by_role("button", name="Menu").click()
        choices = page.get_by_role("dialog").get_by_role("list", name="Skift jobcenter")
    expect(choices.get_by_role("button")).to_have_count(2)
    current = choices.get_by_role("button", name=re.compile("Jobcenter Favrskov"))
    expect(current).to_have_attribute("aria-current", "true")
    expect(current).to_contain_text("Koordinator")
    # A full-page screenshot fires a resize event, on which DKFDS may close the mobile drawer: the open menu is
    # photographed as the viewport shows it, and axe checks it as it stands.
    if SCREENSHOTS:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOT_DIR / f"skift-jobcenter-menu-{width}.png", animations="disabled")
    assert_accessible(page, f"skift-jobcenter-menu-{width}", screenshot=False)
    expect(choices).to_be_visible()

    choices.get_by_role("button", name=re.compile("Jobcenter Haderslev")).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Du arbejder nu i Jobcenter Haderslev som sagsbehandler.")).to_be_visible()
    expect(page.get_by_text("Du er logget ind som sagsbehandler i Jobcenter Haderslev.")).to_be_visible()
    assert_accessible(page, f"skift-jobcenter-skiftet-{width}")

    page.goto("/virksomheder/")
    expect(companies_listed(page)).to_have_text(["Sønderjysk Tømrer ApS"])


def test_a_leader_of_two_companies_switches_in_the_portal(page: Page, live_server, world):
    """The portal (virk.dk theme) has the same menu; the company in the header and pages follows the switch."""
    first = MembershipFactory(jobcenter=world.jobcenter, role=Role.COMPANY_LEADER, company=world.company_a)
    MembershipFactory(
        jobcenter=world.other_jobcenter, role=Role.COMPANY_LEADER, company=world.other_company, user=first.user
    )
    log_in(page, first.user, live_server.url)
    page.goto("/portal/virksomhed/")
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text("Hammel Maskinfabrik A/S")

    banner.get_by_role("button", name="Skift jobcenter").click()
    choices = page.locator("#membership-switch-menu")
    expect(choices.get_by_role("button", name=re.compile("Haderslev Gartneri ApS"))).to_be_visible()
    assert_accessible(page, "skift-jobcenter-portal-menu")

    choices.get_by_role("button", name=re.compile("Jobcenter Haderslev")).click()
    expect(page.get_by_text("Du arbejder nu for Haderslev Gartneri ApS i Jobcenter Haderslev")).to_be_visible()
    page.goto("/portal/virksomhed/")
    expect(page.get_by_role("main")).to_contain_text("Haderslev Gartneri ApS")
    expect(page.get_by_role("main")).not_to_contain_text("Hammel Maskinfabrik A/S")
    expect(banner).to_contain_text("Haderslev Gartneri ApS")
