"""The corps pages in Chromium, as a person uses them, each checked with axe (WCAG 2.1 A/AA).

A person applies on the public "Bliv mentor" page; a coordinator filters the mentor list, opens a
mentor, reads the overview and the hours, and gets a file with errors back from the import.
Screenshots go to docs/screenshots/corps-*.png.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from citizens.tests.factories import CitizenFactory
from conftest import login_verified
from corps.models import Language, Mentor, MentorStatus
from corps.tests.factories import CompetenceFactory, HoursEntryFactory, MentorFactory, MentorNoteFactory
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def corps(world):
    abuse = CompetenceFactory(jobcenter=world.jobcenter, name="Misbrug", position=1)
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi", position=2)
    tigrinya = Language.objects.get(code="ti")
    danish = Language.objects.get(code="da")
    aster = MentorFactory(
        jobcenter=world.jobcenter, full_name="Aster Tesfay", competences=[abuse], languages=[tigrinya, danish]
    )
    MentorFactory(jobcenter=world.jobcenter, full_name="Bo Jensen", competences=[economy], languages=[danish])
    MentorFactory(jobcenter=world.jobcenter, full_name="Carl Ansøger", status=MentorStatus.APPLICANT)
    MentorNoteFactory(mentor=aster, author=world.coordinator)
    HoursEntryFactory(mentor=aster, hours="5.00", agreed_hours="4.00")
    for _ in range(3):
        CitizenFactory(jobcenter=world.jobcenter).languages.set([tigrinya])
    return {"aster": aster, "abuse": abuse}


def log_in(page: Page, user, base_url: str) -> None:
    """The coordinator's browser gets a session that has passed the second factor (the login flow
    itself is tested in tests/browser)."""
    client = Client()
    login_verified(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


def test_a_person_applies_to_become_a_mentor(page: Page, world, corps):
    page.goto(f"/bliv-mentor/{world.jobcenter.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bliv mentor i Jobcenter Favrskov")
    assert_accessible(page, "corps-bliv-mentor")

    page.get_by_label("Dit fulde navn").fill("Birgitte Mølgaard")
    page.get_by_label("Din e-mail").fill("birgitte@example.dk")
    page.get_by_label("Dit telefonnummer").fill("20 30 40 50")
    page.get_by_label("Dit postnummer").fill("8450")
    page.get_by_label("Pensioneret efter et langt arbejdsliv").check()
    page.get_by_label("Misbrug").check()
    page.get_by_label("Tigrinya").check()
    page.get_by_label("Mandag").check()
    page.get_by_label("Aften").check()
    page.get_by_label("Hvorfor vil du være mentor?").fill("Jeg har selv været ledig og vil gerne hjælpe.")
    page.get_by_label(re.compile("Jeg giver samtykke")).check()
    page.get_by_role("button", name="Send ansøgning").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for din ansøgning")
    assert_accessible(page, "corps-bliv-mentor-tak")
    applicant = Mentor.objects.get(email="birgitte@example.dk")
    assert applicant.status == MentorStatus.APPLICANT
    assert list(applicant.languages.values_list("code", flat=True)) == ["ti"]


def test_coordinator_uses_the_corps_pages(page: Page, live_server, world, corps):
    log_in(page, world.coordinator, live_server.url)

    page.goto("/mentorer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentorkorps")
    expect(page.get_by_role("link", name="Carl Ansøger")).to_be_visible()
    page.get_by_label("Kompetence").select_option(label="Misbrug")  # htmx replaces the table
    expect(page.get_by_role("link", name="Carl Ansøger")).to_have_count(0)
    expect(page.get_by_role("link", name="Aster Tesfay")).to_be_visible()
    assert_accessible(page, "corps-mentorliste-filter")

    page.get_by_role("link", name="Aster Tesfay").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aster Tesfay")
    assert_accessible(page, "corps-mentor")

    page.goto("/mentorer/overblik/")
    expect(page.get_by_text("Ingen aktive mentorer taler Tigrinya")).to_have_count(0)  # Aster speaks it
    expect(page.get_by_text("3 henviste borgere venter på en mentor.")).to_be_visible()
    assert_accessible(page, "corps-overblik")

    page.goto("/mentorer/timer/")
    expect(page.get_by_text("over aftalt").first).to_be_visible()
    assert_accessible(page, "corps-timer")

    page.goto("/mentorer/import/")
    page.get_by_label("CSV-fil").set_input_files(
        files=[
            {
                "name": "korps.csv",
                "mimeType": "text/csv",
                "buffer": b"Navn;E-mail;Postnummer;Tilknytning\r\nDorte;dorte@example;84;I job\r\n",
            }
        ]
    )
    page.get_by_role("button", name="Kontrollér og importér").click()
    expect(page.get_by_role("alert")).to_contain_text("Intet er gemt")
    assert_accessible(page, "corps-import-fejl")
    assert not Mentor.objects.filter(full_name="Dorte").exists()


def test_registering_hours_offers_the_chosen_mentors_citizens_only(page: Page, live_server, world):
    """The citizen field fills in when the mentor is chosen (htmx swaps in the field of the form fetched with
    ?mentor=), with that mentor's citizens only; the hours are saved for the chosen one."""
    from citizens.models import AgreementStatus
    from citizens.tests.factories import AgreementFactory

    aster = MentorFactory(jobcenter=world.jobcenter, full_name="Aster Tesfay")
    bo = MentorFactory(jobcenter=world.jobcenter, full_name="Bo Jensen")
    mine = AgreementFactory(
        citizen__jobcenter=world.jobcenter, citizen__name="Maja Holm", mentor=aster, status=AgreementStatus.ACTIVE
    ).citizen
    AgreementFactory(
        citizen__jobcenter=world.jobcenter, citizen__name="Noah Berg", mentor=bo, status=AgreementStatus.ACTIVE
    )
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"{live_server.url}/mentorer/timer/ny/")
    expect(page.get_by_text("Vælg mentoren først")).to_be_visible()
    page.get_by_label("Mentor", exact=True).select_option(label="Aster Tesfay")
    expect(page.locator("#id_citizen option", has_text="Maja Holm")).to_have_count(1)
    expect(page.locator("#id_citizen option", has_text="Noah Berg")).to_have_count(0)
    assert_accessible(page, "corps-timer-ny")
    page.locator("#id_citizen").select_option(label="Maja Holm")
    page.get_by_label("Timer", exact=True).fill("3")
    page.get_by_role("button", name="Registrér timer").click()
    expect(page.get_by_text("Timerne er registreret.")).to_be_visible()
    assert aster.hours.get().citizen == mine


def test_a_field_refresh_after_the_session_ran_out_goes_to_the_log_in_page(page: Page, live_server, world):
    """htmx follows the server's redirect to the log-in page; the page goes there instead of swapping part of it
    (or nothing) into the form."""
    MentorFactory(jobcenter=world.jobcenter, full_name="Aster Tesfay")
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"{live_server.url}/mentorer/timer/ny/")
    page.context.clear_cookies()
    page.get_by_label("Mentor", exact=True).select_option(label="Aster Tesfay")
    expect(page).to_have_url(re.compile(r"/konto/login/"))
