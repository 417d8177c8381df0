"""The coordinator's start page and every report in Chromium, on the demo data, each checked with axe
(WCAG 2.1 A/AA). Screenshots go to docs/screenshots/rapport-*.png."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from accounts.demo import demo_email
from accounts.models import User
from reports.registry import REPORTS
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator(seeded_demo):
    with scopes_disabled():
        return User.objects.get(email=demo_email("koordinator", "favrskov"))


def test_start_page_and_every_report_are_accessible(page: Page, live_server, coordinator):
    log_in(page, coordinator, live_server.url)
    page.goto("/")
    expect(page.get_by_role("heading", name="Det skal gøres nu")).to_be_visible()
    assert_accessible(page, "rapport-forside-opgaver")

    page.get_by_role("link", name="Rapporter").first.click()
    expect(page.get_by_role("heading", name="Rapporter", level=1)).to_be_visible()
    assert_accessible(page, "rapport-oversigt")

    for spec in REPORTS:
        page.goto(f"/rapporter/{spec.slug}/")
        expect(page.get_by_role("heading", name=str(spec.title), level=1)).to_be_visible()
        expect(page.locator("svg[role=img]").first).to_be_visible()
        assert_accessible(page, f"rapport-{spec.slug}")

    # Filtering keeps the page accessible (the form with its chosen values and the changed figures).
    page.goto("/rapporter/resultater/")
    page.locator("#id_per").select_option("company")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("columnheader", name="Virksomhed")).to_be_visible()
    assert_accessible(page, "rapport-resultater-virksomheder")
