"""Journey: a hand-off reaches the next person, both ways (issue 22). A job consultant proposes a placement; the
company's leader finds it in the portal's inbox (the header counts it) and in the e-mail, opens it from the
inbox and accepts; the job consultant finds the answer in their own inbox.

Every page is checked with axe, also at 390 px. Screenshots: docs/screenshots/journey-indbakke-*.png.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from citizens.models import Placement, PlacementStatus
from citizens.tests.factories import CitizenFactory
from companies.tests.factories import CompanyMentorFactory
from tests.browser.journeys import jobcenter_ready, link_in_mail, log_in, mails_to, second_browser
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser


def test_proposal_reaches_the_leader_and_the_answer_the_job_consultant(page: Page, live_server, world):
    jobcenter_ready(world.jobcenter)
    company = world.company_a
    CompanyMentorFactory(company=company, full_name="Per Svendsen")
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Mikkel Zederkop")
    leader = MembershipFactory(
        jobcenter=world.jobcenter,
        role=Role.COMPANY_LEADER,
        company=company,
        user=UserFactory(full_name="Lise Hammel", email="lise@hammel.dk"),
    ).user

    # --- The job consultant proposes a placement at the company.
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/borgere/{citizen.pk}/")
    page.get_by_role("link", name="Nyt forløb").click()
    page.get_by_label("Virksomhed", exact=True).select_option(label=company.name)
    page.get_by_label("Type", exact=True).select_option(index=1)
    page.get_by_label("Ansvarlig jobkonsulent").select_option(label=world.coordinator.full_name)
    page.get_by_label("Start", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_label("Planlagt slut").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_label("Arbejdsopgaver").fill("Oprydning på værkstedet og hjælp ved montage.")
    page.get_by_label("Timer om ugen ved start").fill("10")
    page.get_by_label("Virksomhedsmentorens timer om ugen").fill("3")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    placement = Placement.objects.get(citizen=citizen)
    assert placement.status == PlacementStatus.PROPOSED

    # The e-mail: the proposal, the citizen's first name only, and the link to the placement in the portal.
    (mail,) = mails_to("lise@hammel.dk")
    assert mail.subject == f"Jobcentret foreslår et forløb hos {company.name}"
    assert "Mikkel" in mail.body and "Zederkop" not in mail.body
    portal_link = link_in_mail(mail, r"^/portal/forloeb/\d+/$")

    with second_browser(page, live_server) as portal:
        # --- The leader sees it in the portal: the header counts it, the inbox lists it.
        log_in(portal, leader, live_server.url)
        portal.goto("/portal/")
        inbox_link = portal.get_by_role("banner").get_by_role("link", name=re.compile(r"^Indbakke\s+1\s+ulæst$"))
        expect(inbox_link).to_be_visible()
        inbox_link.click()
        expect(portal.get_by_role("heading", level=1)).to_have_text("Indbakke")
        assert_accessible(portal, "journey-indbakke-leder")
        title = f"Jobcentret foreslår et forløb hos {company.name}"
        portal.get_by_role("link", name=title).click()
        expect(portal).to_have_url(f"{live_server.url}{portal_link}")
        expect(portal.get_by_role("link", name="Svar på forslaget")).to_be_visible()
        # Read now: the header no longer counts it.
        expect(portal.get_by_role("banner").get_by_role("link", name="Indbakke", exact=True)).to_be_visible()

        # --- The leader accepts, naming the company mentor.
        portal.get_by_role("link", name="Svar på forslaget").click()
        portal.get_by_label("Ja, vi tager imod borgeren").check()
        portal.get_by_label("Virksomhedsmentor").select_option(label="Per Svendsen")
        portal.get_by_role("button", name="Send svar").click()
        expect(portal.get_by_text("Tak. Forløbet er accepteret, og jobcentret har fået besked.")).to_be_visible()

    # --- The job consultant is told: an e-mail and an item in the inbox that leads to the placement.
    (answer,) = mails_to(world.coordinator.email)
    assert answer.subject == f"{company.name} har sagt ja til et forløb"
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name=re.compile(r"^Indbakke\s+1\s+ulæst$")).click()
    assert_accessible(page, "journey-indbakke-jobkonsulent")
    page.get_by_role("link", name=f"{company.name} har sagt ja til et forløb").click()
    expect(page).to_have_url(f"{live_server.url}/borgere/forloeb/{placement.pk}/")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE

    # The inbox works at 390 px (the mobile drawer holds the link).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/indbakke/")
    assert_accessible(page, "journey-indbakke-mobil")
