"""Journey 3: the coordinator invites a company leader; the leader chooses a password through the link in the
invitation e-mail and sets up the second factor (TOTP) with an authenticator app, adds a company mentor,
accepts the placement the jobcenter proposes, records a progress assessment and asks for compensation
(frikøb), which the coordinator approves.

Every page is checked with axe. Screenshots: docs/screenshots/journey-leder-*.png.
"""

import base64
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from citizens.models import Placement, PlacementStatus, ProgressAssessment
from citizens.tests.factories import CitizenFactory
from companies.models import ClaimStatus, CompanyMentor, CompensationClaim
from companies.tests.factories import CompanyFactory
from tests.browser.journeys import jobcenter_ready, link_in_mail, log_in, mails_to, second_browser
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser


def code_from_key(page: Page) -> str:
    """What an authenticator app shows for the key the set-up page prints (for those who cannot scan)."""
    key = page.locator(".secret-key").inner_text().replace(" ", "")
    return f"{totp(base64.b32decode(key)):06d}"


def test_leader_from_invitation_to_approved_claim(page: Page, live_server, world):
    jobcenter_ready(world.jobcenter)
    company = CompanyFactory(jobcenter=world.jobcenter, name="Favrskov Tømrer ApS")
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Mikkel Dahl")

    # --- The coordinator invites the leader.
    log_in(page, world.coordinator, live_server.url)
    page.goto("/virksomheder/")
    page.get_by_role("link", name="Favrskov Tømrer ApS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Favrskov Tømrer ApS")
    assert_accessible(page, "journey-leder-virksomhed")
    page.get_by_role("link", name="Invitér leder").click()
    assert_accessible(page, "journey-leder-inviter")
    page.get_by_label("Lederens navn").fill("Lise Tømrer")
    page.get_by_label("Lederens e-mail").fill("lise@toemrer.dk")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitationen er sendt til lise@toemrer.dk. Linket virker i 7 dage.")).to_be_visible()

    # --- The leader opens the link, chooses a password, sets up the second factor and lands in the portal.
    (invitation,) = mails_to("lise@toemrer.dk")
    with second_browser(page, live_server) as leader:
        leader.goto(link_in_mail(invitation, r"^/virksomheder/invitation/"))
        assert_accessible(leader, "journey-leder-invitation")
        leader.get_by_label("Ny adgangskode").fill("Tømrer-mester-2026!")
        leader.get_by_label("Gentag adgangskoden").fill("Tømrer-mester-2026!")
        leader.get_by_role("button", name="Gem adgangskode og gå til portalen").click()
        expect(leader.get_by_text("Velkommen til portalen for Favrskov Tømrer ApS.")).to_be_visible()
        expect(leader.get_by_role("heading", level=1)).to_have_text("Slå tofaktorgodkendelse til")
        expect(leader.get_by_role("banner")).to_contain_text("Favrskov Tømrer ApS")
        assert_accessible(leader, "journey-leder-tofaktor")
        leader.get_by_label("Engangskode").fill(code_from_key(leader))
        leader.get_by_role("button", name="Slå til").click()
        expect(leader.get_by_text("Tofaktorgodkendelse er slået til. Du er nu logget ind.")).to_be_visible()
        assert_accessible(leader, "journey-leder-portal-forside")

        # A company mentor, with the actual hourly wage the compensation is priced with.
        leader.get_by_role("link", name="Se og tilføj mentorer").click()
        leader.get_by_role("link", name="Tilføj mentor").click()
        assert_accessible(leader, "journey-leder-ny-mentor")
        leader.get_by_label("Navn", exact=True).fill("Per Svendsen")
        leader.get_by_label("Stilling").fill("Tømrersvend")
        leader.get_by_label("E-mail").fill("per@toemrer.dk")
        leader.get_by_label("Faktisk timeløn (kr.)").fill("250")
        leader.get_by_role("button", name="Gem", exact=True).click()
        expect(leader.get_by_text("Per Svendsen er tilføjet som virksomhedsmentor.")).to_be_visible()
        assert_accessible(leader, "journey-leder-mentorer")
        mentor = CompanyMentor.objects.get(full_name="Per Svendsen")
        assert mentor.company == company

        # --- A job consultant proposes a placement at the company (coordinator app).
        page.goto(f"/borgere/{citizen.pk}/")
        page.get_by_role("link", name="Nyt forløb").click()
        assert_accessible(page, "journey-leder-nyt-forloeb")
        page.get_by_label("Virksomhed", exact=True).select_option(label="Favrskov Tømrer ApS")
        page.get_by_label("Type", exact=True).select_option(index=1)
        page.get_by_label("Ansvarlig jobkonsulent").select_option(label=world.coordinator.full_name)
        # Started some weeks ago, so the month before this one is over and inside the placement.
        page.get_by_label("Start", exact=True).fill((timezone.localdate() - timedelta(days=40)).isoformat())
        page.get_by_label("Planlagt slut").fill((timezone.localdate() + timedelta(days=90)).isoformat())
        page.get_by_label("Arbejdsopgaver").fill("Oprydning på værkstedet og hjælp ved montage.")
        page.get_by_label("Timer om ugen ved start").fill("10")
        page.get_by_label("Virksomhedsmentorens timer om ugen").fill("3")
        page.get_by_label("Besked til virksomheden").fill("Mikkel er mødestabil og glæder sig.")
        page.get_by_role("button", name="Gem", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        placement = Placement.objects.get(citizen=citizen)
        assert placement.status == PlacementStatus.PROPOSED

        # --- The leader answers the proposal: yes, with Per as mentor.
        leader.get_by_role("link", name="Forløb", exact=True).first.click()
        expect(leader.get_by_role("link", name="Mikkel Dahl", exact=True)).to_be_visible()
        assert_accessible(leader, "journey-leder-forloeb")
        leader.get_by_role("link", name="Mikkel Dahl", exact=True).click()
        assert_accessible(leader, "journey-leder-forslag")
        leader.get_by_role("link", name="Svar på forslaget").click()
        assert_accessible(leader, "journey-leder-svar")
        leader.get_by_label("Ja, vi tager imod borgeren").check()
        leader.get_by_label("Virksomhedsmentor").select_option(label="Per Svendsen")
        leader.get_by_role("button", name="Send svar").click()
        expect(leader.get_by_text("Tak. Forløbet er accepteret, og jobcentret har fået besked.")).to_be_visible()
        assert_accessible(leader, "journey-leder-forloeb-accepteret")
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.ACTIVE
        assert placement.company_mentor == mentor

        # A progress assessment on the competence cards.
        leader.get_by_role("link", name="Vurdér udvikling").click()
        assert_accessible(leader, "journey-leder-vurdering")
        groups = leader.locator("fieldset").filter(has=leader.get_by_role("radio"))
        expect(groups).to_have_count(5)
        for group in groups.all():
            group.get_by_label("3 – på vej").check()
        leader.get_by_label("Kommentar til Mødestabilitet (frivilligt)").fill("Møder til tiden hver dag.")
        leader.get_by_role("button", name="Gem vurdering").click()
        expect(leader.get_by_text("Vurderingen er gemt.")).to_be_visible()
        assessment = ProgressAssessment.objects.get(placement=placement)
        assert [score.score for score in assessment.scores.all()] == [3, 3, 3, 3, 3]

        # Compensation for the mentor's time last month (a month can be claimed once it is over).
        leader.get_by_role("link", name="Søg om frikøb").click()
        assert_accessible(leader, "journey-leder-frikoeb")
        leader.get_by_label("Forløb").select_option(label=f"Mikkel Dahl – {placement.placement_type.name}")
        last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
        leader.get_by_label("Måned").fill(last_month.strftime("%Y-%m"))
        leader.get_by_label("Mentorens timer på mentoropgaven").fill("12")
        leader.get_by_label(re.compile("Timerne omfatter ikke transporttid")).check()
        leader.get_by_role("button", name="Send anmodning").click()
        expect(leader.get_by_text("Anmodningen om frikøb er sendt til jobcentret.")).to_be_visible()
        assert_accessible(leader, "journey-leder-frikoeb-sendt")

    # --- The coordinator approves the claim.
    page.goto("/virksomheder/frikoeb/")
    expect(page.get_by_role("link", name="Favrskov Tømrer ApS")).to_be_visible()
    assert_accessible(page, "journey-leder-frikoeb-liste")
    page.get_by_role("link", name="Favrskov Tømrer ApS").click()
    assert_accessible(page, "journey-leder-frikoeb-behandl")
    page.get_by_role("button", name="Godkend til udbetaling").click()
    expect(page.get_by_text("Anmodningen er godkendt til udbetaling.")).to_be_visible()
    assert_accessible(page, "journey-leder-frikoeb-godkendt")
    claim = CompensationClaim.objects.get(company=company)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.hours == 12 and claim.hourly_wage == 250
    assert claim.decided_by == world.coordinator
