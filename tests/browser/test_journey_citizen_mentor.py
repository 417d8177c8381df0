"""Journey 2: a caseworker refers a citizen; the coordinator takes the best suggestion and offers it; the mentor
declines by the e-mail link, so the task goes to the next mentor, who accepts by theirs; the coordinator writes
the agreement, prints it (print view and PDF) and puts it in force; the caseworker records the first meeting.

Every page is checked with axe. Screenshots: docs/screenshots/journey-borger-*.png.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizens.models import AgreementStatus, Citizen, MentorAgreement
from corps.models import Competence
from corps.tests.factories import MentorFactory
from matching.models import AnsweredVia, Offer, OfferStatus
from tests.browser.journeys import jobcenter_ready, link_in_mail, log_in, mails_to, second_browser
from tests.browser.support import assert_accessible, browser_errors

pytestmark = pytest.mark.browser


@pytest.fixture
def corps(world):
    jobcenter_ready(world.jobcenter)
    economy = Competence.objects.get(jobcenter=world.jobcenter, name="Personlig økonomi")
    structure = Competence.objects.get(jobcenter=world.jobcenter, name="Struktur i hverdagen")
    youth = Competence.objects.get(jobcenter=world.jobcenter, name="Unge")
    return {
        # Anna fits both needs, Bent one of them, Carl none.
        "anna": MentorFactory(
            jobcenter=world.jobcenter, full_name="Anna Lund", email="anna@example.dk", competences=[economy, structure]
        ),
        "bent": MentorFactory(
            jobcenter=world.jobcenter, full_name="Bent Holm", email="bent@example.dk", competences=[economy]
        ),
        "carl": MentorFactory(
            jobcenter=world.jobcenter, full_name="Carl Bach", email="carl@example.dk", competences=[youth]
        ),
    }


def test_referral_to_first_meeting(page: Page, live_server, world, corps):
    # --- The caseworker refers the citizen.
    log_in(page, world.caseworker, live_server.url)
    page.goto("/borgere/")
    page.get_by_role("link", name="Henvis eller opret borger").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "journey-borger-henvis")
    page.get_by_label("Navn", exact=True).fill("Jonas Qvistborg")
    page.get_by_label("Postnummer").fill("8450")
    page.get_by_label("Målgruppe").select_option(index=1)
    page.get_by_label("Baggrund for henvisningen").fill(
        "Langvarigt ledig, mangler struktur og overblik over økonomien."
    )
    page.get_by_label("Personlig økonomi").check()
    page.get_by_label("Struktur i hverdagen").check()
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Borgeren er oprettet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas Qvistborg")
    assert_accessible(page, "journey-borger-henvist")
    citizen = Citizen.objects.get(name="Jonas Qvistborg")
    assert citizen.caseworker == world.caseworker

    # --- The coordinator opens the citizen and finds a mentor among the suggestions.
    page.context.clear_cookies()
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/borgere/{citizen.pk}/")
    page.get_by_role("link", name="Find mentor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor til Jonas Qvistborg")
    suggestions = page.locator(".matching-suggestion h3")
    expect(suggestions.first).to_contain_text("Anna Lund")
    expect(suggestions.nth(1)).to_contain_text("Bent Holm")
    assert_accessible(page, "journey-borger-forslag")
    page.get_by_label("Besked til mentoren (valgfri)").first.fill("Jonas vil gerne mødes om eftermiddagen.")
    page.get_by_role("button", name="Tilbyd opgaven til Anna Lund").click()
    expect(page.get_by_text("Tilbuddet er sendt til Anna Lund. Svaret kommer her.")).to_be_visible()
    assert_accessible(page, "journey-borger-tilbud-sendt")

    # --- Anna declines through the link in her e-mail (no login).
    (offer_mail,) = mails_to("anna@example.dk")
    assert "Jonas" in offer_mail.body and "Qvistborg" not in offer_mail.body  # first name only
    anna_link = link_in_mail(offer_mail, r"^/matchning/svar/")
    with second_browser(page, live_server) as answer_page:
        answer_page.goto(anna_link)
        expect(answer_page.get_by_role("heading", level=1)).to_have_text("Vil du være mentor for Jonas?")
        assert_accessible(answer_page, "journey-borger-mentor-svar")
        answer_page.get_by_label("Nej tak, jeg kan ikke tage opgaven").check()
        answer_page.get_by_label("Hvorfor ikke?").fill("Jeg har ikke tid før efter sommerferien.")
        answer_page.get_by_role("button", name="Send svar").click()
        expect(answer_page.get_by_text("Du har sagt nej. Vi finder en anden mentor til borgeren.")).to_be_visible()
        assert_accessible(answer_page, "journey-borger-mentor-nej")

        # The task went on to the next suggestion at once: Bent gets an e-mail and accepts.
        (bent_mail,) = mails_to("bent@example.dk")
        answer_page.goto(link_in_mail(bent_mail, r"^/matchning/svar/"))
        answer_page.get_by_label("Ja, jeg tager opgaven").check()
        answer_page.get_by_role("button", name="Send svar").click()
        expect(answer_page.get_by_text("Du har sagt ja.")).to_be_visible()
        assert_accessible(answer_page, "journey-borger-mentor-ja")

        # The used link does not work again.
        answer_page.goto(anna_link)
        expect(answer_page.get_by_text("Tilbuddet er allerede besvaret.")).to_be_visible()
        # The page answers 410 Gone on purpose, which Chromium reports as a console error: expected here.
        errors = browser_errors(answer_page)
        assert len(errors) == 1 and "status of 410" in errors[0], errors
        errors.clear()
        assert_accessible(answer_page, "journey-borger-link-brugt")
    assert not mails_to("carl@example.dk")
    offers = {offer.mentor.full_name: offer for offer in Offer.objects.filter(citizen=citizen)}
    assert offers["Anna Lund"].status == OfferStatus.DECLINED
    assert offers["Anna Lund"].answered_via == AnsweredVia.LINK
    assert offers["Bent Holm"].status == OfferStatus.ACCEPTED

    # --- The coordinator sees the answers and writes the agreement with Bent.
    page.reload()
    expect(page.locator("#waiting")).to_contain_text("Bent Holm sagde ja")
    expect(page.get_by_role("row", name=re.compile("Anna Lund"))).to_contain_text("Jeg har ikke tid")
    assert_accessible(page, "journey-borger-mentor-fundet")
    page.get_by_role("link", name="Tilbage til Jonas Qvistborg").click()
    page.get_by_role("link", name="Ny mentoraftale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny mentoraftale")
    assert_accessible(page, "journey-borger-ny-aftale")
    page.get_by_label("Mentor fra mentorkorpset").select_option(label="Bent Holm")
    page.get_by_label("Formål og mål med mentorstøtten").fill(
        "Jonas får struktur i hverdagen og overblik over økonomien."
    )
    page.get_by_label("Mentorens opgaver").fill("Ugentlige møder; hjælp med budget og digital post.")
    ends_on = (timezone.localdate() + timedelta(days=150)).isoformat()
    page.get_by_label("Slut", exact=True).fill(ends_on)
    page.get_by_label("Antal timer i alt").fill("40")
    page.get_by_label("Timer om ugen").fill("2")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Mentoraftalen er oprettet som kladde.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoraftale for Jonas Qvistborg")
    assert_accessible(page, "journey-borger-aftale-kladde")

    # Printed: the print view and the PDF.
    page.get_by_role("link", name="Udskriftsvenlig version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mentoraftale efter lov om en aktiv beskæftigelsesindsats, kapitel 26"
    )
    expect(page.get_by_text("Bent Holm, bent@example.dk")).to_be_visible()
    page.emulate_media(media="print")
    assert_accessible(page, "journey-borger-aftale-udskrift")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Tilbage til aftalen").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent som PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("button", name="Sæt aftalen i kraft").click()
    expect(page.get_by_text("Mentoraftalen er trådt i kraft.")).to_be_visible()
    assert_accessible(page, "journey-borger-aftale-aktiv")
    agreement = MentorAgreement.objects.get(citizen=citizen)
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.mentor == corps["bent"]

    # --- The caseworker, who joined the first meeting, records it.
    page.context.clear_cookies()
    log_in(page, world.caseworker, live_server.url)
    page.goto(f"/borgere/mentoraftaler/{agreement.pk}/")
    page.get_by_role("link", name="Registrér opstartsmøde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opstartsmøde")
    assert_accessible(page, "journey-borger-opstartsmoede")
    page.get_by_label("Dato").fill(timezone.localdate().isoformat())
    page.get_by_label("Forventninger, der blev aftalt").fill("Vi mødes hver tirsdag kl. 14 på biblioteket.")
    page.get_by_label("Mål, der blev sat").fill("Et budget inden fire uger; fast døgnrytme.")
    page.get_by_role("button", name="Gem opstartsmødet").click()
    expect(page.get_by_text("Opstartsmødet er gemt.")).to_be_visible()
    expect(page.get_by_role("link", name="Ret opstartsmødet")).to_be_visible()
    assert_accessible(page, "journey-borger-opstartsmoede-gemt")
    agreement.refresh_from_db()
    assert agreement.first_meeting.goals == "Et budget inden fire uger; fast døgnrytme."
