"""A coordinator and a company leader choose how they get hand-off messages (issue 22) at Mine indstillinger
for beskeder, reached from the inbox, on a phone-sized screen; both pages are checked with axe (WCAG 2.1 A/AA)."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from notifications.models import DeliveryPreference
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _chosen(user) -> dict:
    with scopes_disabled():
        return dict(DeliveryPreference.objects.filter(user=user).values_list("group", "channel"))


def test_a_coordinator_chooses_the_daily_digest_from_the_inbox(page: Page, live_server, world):
    page.set_viewport_size(PHONE)
    log_in(page, world.coordinator, live_server.url)
    page.goto("/indbakke/")
    page.get_by_role("link", name="Vælg, hvordan du får beskederne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine indstillinger for beskeder")
    assert_accessible(page, "beskeder-mine-indstillinger")
    page.get_by_role("group", name="Frikøb: indsendte krav og afgørelser").get_by_label(
        "Én samlet e-mail om dagen"
    ).check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Dine valg for beskeder er gemt.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Frikøb: indsendte krav og afgørelser").get_by_label("Én samlet e-mail om dagen")
    ).to_be_checked()
    assert _chosen(world.coordinator) == {"claims": "digest"}


def test_a_leader_chooses_the_inbox_only_in_the_portal(page: Page, live_server, world):
    page.set_viewport_size(PHONE)
    log_in(page, world.leader_a, live_server.url)
    page.goto("/beskeder/mine-indstillinger/")
    assert_accessible(page, "portal-beskeder-mine-indstillinger")
    page.get_by_role("group", name="Forløb: forslag, svar, opfølgning og vurderinger").get_by_label(
        "Kun i indbakken"
    ).check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Dine valg for beskeder er gemt.")).to_be_visible()
    assert _chosen(world.leader_a) == {"placements": "inbox"}
