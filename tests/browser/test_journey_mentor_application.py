"""Journey 1: a person applies on "Bliv mentor"; a coordinator screens, approves and activates them.

Driven through the pages as the applicant and the coordinator use them; every page is checked with axe.
Screenshots: docs/screenshots/journey-mentor-*.png.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from corps.models import Mentor, MentorStatus
from corps.tests.factories import CompetenceFactory
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser


def test_applicant_is_screened_approved_and_activated(page: Page, live_server, world):
    CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi", position=1)

    # The applicant, on the public page, without logging in.
    page.goto(f"/bliv-mentor/{world.jobcenter.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bliv mentor i Jobcenter Favrskov")
    assert_accessible(page, "journey-mentor-bliv-mentor")
    page.get_by_label("Dit fulde navn").fill("Hanne Vestergaard")
    page.get_by_label("Din e-mail").fill("hanne@example.dk")
    page.get_by_label("Dit telefonnummer").fill("21 22 23 24")
    page.get_by_label("Dit postnummer").fill("8370")
    page.get_by_label("I job", exact=True).check()
    page.get_by_label("Personlig økonomi").check()
    page.get_by_label("Tirsdag").check()
    page.get_by_label("Eftermiddag").check()
    page.get_by_label("Hvorfor vil du være mentor?").fill("Jeg har ledet folk i 20 år og vil give noget tilbage.")
    page.get_by_label(re.compile("Jeg giver samtykke")).check()
    page.get_by_role("button", name="Send ansøgning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for din ansøgning")
    assert_accessible(page, "journey-mentor-tak")

    # The coordinator finds the application among the applicants.
    log_in(page, world.coordinator, live_server.url)
    page.goto("/mentorer/")
    page.get_by_label("Status").select_option(label="Ansøger")  # htmx replaces the table
    applicant_link = page.get_by_role("link", name="Hanne Vestergaard")
    expect(applicant_link).to_be_visible()
    assert_accessible(page, "journey-mentor-ansoegere")
    applicant_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hanne Vestergaard")
    expect(page.locator(".badge", has_text="Ansøger")).to_be_visible()
    assert_accessible(page, "journey-mentor-ansoeger")

    # Screening: an interview is booked.
    page.get_by_role("link", name="Book samtale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book samtale: Hanne Vestergaard")
    assert_accessible(page, "journey-mentor-book-samtale")
    interview_at = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Tidspunkt for samtalen").fill(interview_at.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Sted og bemærkning").fill("Jobcentret, mødelokale 2")
    page.get_by_role("button", name="Book samtale", exact=True).click()
    expect(page.get_by_text("Hanne Vestergaard har nu status “Samtale aftalt”.")).to_be_visible()

    # After the interview: approved.
    page.get_by_role("link", name="Godkend").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Godkend: Hanne Vestergaard")
    assert_accessible(page, "journey-mentor-godkend")
    page.get_by_label("Bemærkning").fill("God samtale; stærkt netværk i byggebranchen.")
    page.get_by_role("button", name="Godkend", exact=True).click()
    expect(page.get_by_text("Hanne Vestergaard har nu status “Godkendt”.")).to_be_visible()

    # The contract is signed: activated.
    page.get_by_role("link", name="Aktivér").click()
    assert_accessible(page, "journey-mentor-aktiver")
    page.get_by_role("button", name="Aktivér", exact=True).click()
    expect(page.get_by_text("Hanne Vestergaard har nu status “Aktiv”.")).to_be_visible()
    assert_accessible(page, "journey-mentor-aktiv")

    mentor = Mentor.objects.get(email="hanne@example.dk")
    assert mentor.status == MentorStatus.ACTIVE
    assert mentor.contract_start == timezone.localdate()
    assert list(mentor.status_events.order_by("pk").values_list("to_status", flat=True)) == [
        MentorStatus.APPLICANT,
        MentorStatus.INTERVIEW,
        MentorStatus.APPROVED,
        MentorStatus.ACTIVE,
    ]
