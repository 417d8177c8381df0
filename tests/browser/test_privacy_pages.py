"""The privacy pages in Chromium, each checked with axe (WCAG 2.1 A/AA): a coordinator follows the link
from a citizen's page to who looked at the data, opens the art. 15 export, marks the case for the archive;
an admin searches the access log; a coordinator deletes a person on request.
Screenshots go to docs/screenshots/privatliv-*.png."""

import pytest
from playwright.sync_api import Page, expect

from audit.tests.people import full_citizen
from citizens.models import Citizen
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser


def test_a_coordinator_answers_a_citizen_about_their_data(page: Page, world, live_server):
    person = full_citizen(world, "A", "010190-1234")
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/borgere/{person.obj.pk}/")
    page.get_by_role("link", name="Privatliv: adgangslog, indsigt og sletning").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hvem har set oplysningerne")
    assert_accessible(page, "privatliv-adgangslog-borger")

    page.get_by_role("link", name="Indsigt (art. 15)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indsigt i oplysninger om Borger A Borgersen")
    expect(page.get_by_text("SENSITIVE-A").first).to_be_attached()
    assert_accessible(page, "privatliv-indsigt")

    page.goto(f"/privatliv/borger/{person.obj.pk}/arkiv/")
    page.get_by_label("Begrundelse for bevaring").fill("Principiel sag")
    page.get_by_role("button", name="Markér til bevaring").click()
    expect(page.get_by_text("Sagen bevares til arkiv")).to_be_visible()
    assert_accessible(page, "privatliv-arkiv")

    page.goto("/privatliv/")
    expect(page.get_by_role("link", name="Borger A Borgersen")).to_be_visible()
    assert_accessible(page, "privatliv-oversigt")


def test_an_admin_searches_the_access_log(page: Page, world, live_server):
    full_citizen(world, "A", "010190-1234")
    log_in(page, world.jobcenter_admin, live_server.url)
    page.goto("/privatliv/adgangslog/")
    page.get_by_label("Person eller post").fill("Borger A")
    page.get_by_role("button", name="Vis poster").click()
    expect(page.get_by_role("cell", name="Borger A Borgersen").first).to_be_visible()
    assert_accessible(page, "privatliv-adgangslog-soegning")
    page.goto("/privatliv/slettefrister/")
    assert_accessible(page, "privatliv-slettefrister")


def test_a_coordinator_deletes_a_citizen_on_request(page: Page, world, live_server):
    person = full_citizen(world, "A", "010190-1234")
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/privatliv/borger/{person.obj.pk}/slet/")
    assert_accessible(page, "privatliv-slet")
    page.get_by_label("Begrundelse").fill("Borgerens anmodning af 1. maj")
    page.get_by_label("Jeg har kontrolleret").check()
    page.get_by_role("button", name="Slet endeligt").click()
    expect(page.get_by_text("Personen og alle oplysninger om personen er slettet.")).to_be_visible()
    assert not Citizen.objects.filter(pk=person.obj.pk).exists()
