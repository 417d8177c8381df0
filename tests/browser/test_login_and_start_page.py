"""A coordinator, a caseworker and a company leader log in with password and one-time code and reach their start
page, in Danish and accessible."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD, demo_email, demo_totp_token

from .support import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_data(seeded_demo):
    """The demo world a reviewer gets from `manage.py seed_demo`: Jobcenter Favrskov and a user per role."""


def test_coordinator_logs_in_with_two_factor_and_sees_the_start_page(page: Page, demo_data):
    email = demo_email("koordinator", "favrskov")

    page.goto("/konto/login/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert_accessible(page, "login")

    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page).to_have_url(re.compile(r"/konto/tofaktor/"))
    assert_accessible(page, "tofaktor")
    page.get_by_label("Engangskode").fill(demo_totp_token(email))
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("banner")).to_contain_text("Jobcenter Favrskov")
    assert_accessible(page, "forside-koordinator")


@pytest.mark.parametrize(
    ("local", "theme", "banner"),
    [
        ("sagsbehandler", "dkfds.min.css", "Jobcenter Favrskov"),
        ("leder", "dkfds-virkdk.min.css", "Hammel Maskinfabrik A/S"),
    ],
    ids=["caseworker", "leader"],
)
def test_caseworker_and_leader_enter_a_code_too(page: Page, demo_data, local, theme, banner):
    """Every role sees personal data, so every role gives the one-time code (issue 23); the leader meets it in
    the portal's virk.dk look."""
    email = demo_email(local, "favrskov")
    page.goto("/konto/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page).to_have_url(re.compile(r"/konto/tofaktor/"))
    expect(page.locator(f'link[rel="stylesheet"][href*="/{theme}"]')).to_have_count(1)
    if local == "leder":  # the portal's header names the company already; staff's public pages name no one
        expect(page.get_by_role("banner")).to_contain_text(banner)
    assert_accessible(page, f"tofaktor-{local}")
    page.get_by_label("Engangskode").fill(demo_totp_token(email))
    page.get_by_role("button", name="Log ind").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("banner")).to_contain_text(banner)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
