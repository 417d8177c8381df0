"""The citizen's timeline in Chromium with the activity log on it: who changed what, by the actions' Danish
descriptions (audit.actions), checked with axe. Screenshot: var/screenshots/borger-tidslinje-aendringer.png."""

import pytest
from playwright.sync_api import Page, expect

from citizens import services
from citizens.tests.factories import AgreementFactory, CitizenFactory
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser


def test_the_timeline_says_in_danish_who_changed_what(page: Page, world, live_server):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker)
    agreement = AgreementFactory(citizen=citizen)
    services.citizen_update(actor=world.coordinator, citizen=citizen, data={"phone": "12345678"})
    services.agreement_update(actor=world.coordinator, agreement=agreement, data={"mentor_tasks": "Ugentlig samtale"})
    log_in(page, world.caseworker, live_server.url)
    page.goto(f"/borgere/{citizen.pk}/tidslinje/")
    expect(page.get_by_role("heading", name="Borgerens oplysninger ændret")).to_be_visible()
    expect(page.get_by_role("heading", name="Mentoraftale ændret")).to_be_visible()
    expect(page.get_by_text(f"Af {world.coordinator.full_name}").first).to_be_visible()
    assert_accessible(page, "borger-tidslinje-aendringer")
