"""Planning an agreement's first meeting in Chromium at 390 px: the coordinator opens the agreement, plans the
meeting from the form, sees it on the agreement's page and opens the letter for a citizen without a mobile
number; each page passes axe. Screenshots: var/screenshots/opstartsmoede-*.png.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizens.models import FirstMeetingPlan
from citizens.tests.meeting import active_agreement
from notifications.models import Message
from tests.browser.journeys import jobcenter_ready, log_in
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_coordinator_plans_the_first_meeting_on_a_phone(page: Page, live_server, world):
    jobcenter_ready(world.jobcenter)
    agreement = active_agreement(world.jobcenter, caseworker=world.caseworker, phone="", name="Mette Sørensen")
    day = timezone.localdate() + datetime.timedelta(days=7)
    page.set_viewport_size(PHONE)
    log_in(page, world.coordinator, live_server.url)

    page.goto(f"/borgere/mentoraftaler/{agreement.pk}/")
    expect(page.get_by_text("Opstartsmødet er ikke registreret endnu.")).to_be_visible()
    page.get_by_role("link", name="Planlæg opstartsmøde").click()
    expect(page.get_by_role("heading", name="Planlæg opstartsmøde")).to_be_visible()
    assert_accessible(page, "opstartsmoede-planlaeg-telefon")

    page.get_by_label("Dato").fill(day.isoformat())
    page.get_by_label("Fra kl.").fill("09:30")
    page.get_by_label("Til kl.").fill("10:30")
    page.get_by_label("Sted").fill("Jobcentret, Skovvej 20, mødelokale 2")
    page.get_by_role("button", name="Planlæg og send invitationer").click()

    expect(page.get_by_text("Opstartsmødet er gemt.")).to_be_visible()
    expect(page.get_by_text("Jobcentret, Skovvej 20, mødelokale 2")).to_be_visible()
    expect(page.get_by_text("kl. 09.30–10.30")).to_be_visible()
    assert_accessible(page, "opstartsmoede-aftale-telefon")
    plan = FirstMeetingPlan.objects.get(agreement=agreement)
    assert plan.caseworker == world.caseworker
    assert set(Message.objects.values_list("recipient_email", flat=True)) == {
        agreement.mentor.email,
        world.caseworker.email,
    }

    page.get_by_role("link", name="Udskriv brevet").click()
    expect(page.get_by_role("heading", name="Invitation til dit første møde med din mentor")).to_be_visible()
    assert_accessible(page, "opstartsmoede-brev-telefon")
