"""Journey 4: a course is planned and every company in the municipality is invited; companies register through
their invitation links until it is full (the last one goes on the waiting list); one withdraws by the same link,
so the seat is offered to the waiting company, which takes it by the link in its e-mail; after the course days
the coordinator takes attendance, completes the course and downloads a certificate.

Every page is checked with axe. Screenshots: docs/screenshots/journey-kursus-*.png.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from companies.tests.factories import CompanyFactory
from courses.models import Course, Registration, RegistrationStatus, Session
from tests.browser.journeys import jobcenter_ready, link_in_mail, log_in, mails_to, second_browser
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

COMPANIES = [
    # (company, contact, e-mail), in the order they answer.
    ("Hammel Maskinfabrik A/S", "Lars Hammel", "lars@hammel.dk"),
    ("Hinnerup Bageri ApS", "Mette Bager", "mette@bageri.dk"),
    ("Ulstrup Auto ApS", "Ole Mekaniker", "ole@ulstrupauto.dk"),
    ("Favrskov Plejecenter", "Sanne Pleje", "sanne@pleje.dk"),
]


@pytest.fixture
def companies(world):
    jobcenter_ready(world.jobcenter)
    for company, (_name, contact, email) in zip((world.company_a, world.company_b), COMPANIES, strict=False):
        company.contact_name, company.contact_email = contact, email
        company.save(update_fields=["contact_name", "contact_email"])
    for name, contact, email in COMPANIES[2:]:
        CompanyFactory(jobcenter=world.jobcenter, name=name, contact_name=contact, contact_email=email)


def test_course_from_plan_to_certificate(page: Page, live_server, world, companies):
    # --- The coordinator plans a two-day base course with three seats.
    log_in(page, world.coordinator, live_server.url)
    page.goto("/kurser/")
    assert_accessible(page, "journey-kursus-liste")
    page.goto("/kurser/nyt/")
    assert_accessible(page, "journey-kursus-nyt")
    first_day = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Kursustype").select_option(label="Mentorkursus – grundforløb")
    page.get_by_label("Titel").fill("Mentorkursus efterår")
    page.get_by_label("Sted").fill("Jobcenter Favrskov, mødesal 1")
    page.get_by_label("Antal pladser").fill("3")
    page.get_by_label("Tilmeldingsfrist").fill((first_day - timedelta(days=7)).isoformat())
    page.get_by_label(world.coordinator.full_name).check()
    page.get_by_label(world.caseworker.full_name).check()
    page.get_by_label("Første dag").fill(first_day.isoformat())
    page.get_by_label("Antal dage i træk").fill("2")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Kurset er oprettet. Inviter deltagerne, når du er klar.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentorkursus efterår")
    assert_accessible(page, "journey-kursus-oprettet")
    course = Course.objects.get(title="Mentorkursus efterår")

    # --- Every company in the municipality is invited.
    page.get_by_role("link", name="Invitér", exact=True).click()
    assert_accessible(page, "journey-kursus-inviter")
    page.get_by_label("Alle virksomheder i kommunen").check()
    page.get_by_role("button", name="Send invitationer").click()
    expect(page.get_by_text("4 invitationer er sendt.")).to_be_visible()
    links = {email: link_in_mail(mails_to(email)[0], r"^/kurser/svar/") for _company, _name, email in COMPANIES}

    # --- The companies register through their links until the course is full.
    with second_browser(page, live_server) as company:
        for number, (_company, contact, email) in enumerate(COMPANIES):
            company.goto(links[email])
            expect(company.get_by_role("heading", level=1)).to_have_text("Mentorkursus efterår")
            if number == 0:
                assert_accessible(company, "journey-kursus-invitation")
            company.get_by_label("Dit navn").fill(contact)
            company.get_by_role("button", name="Tilmeld mig").click()
            if number < 3:
                expect(company.get_by_text("Du er tilmeldt.")).to_be_visible()
            else:
                expect(company.get_by_text("Kurset er fuldt, så du er skrevet på ventelisten.")).to_be_visible()
                assert_accessible(company, "journey-kursus-venteliste")
        statuses = dict(Registration.objects.filter(course=course).values_list("email", "status"))
        assert statuses == {
            "lars@hammel.dk": RegistrationStatus.REGISTERED,
            "mette@bageri.dk": RegistrationStatus.REGISTERED,
            "ole@ulstrupauto.dk": RegistrationStatus.REGISTERED,
            "sanne@pleje.dk": RegistrationStatus.WAITING,
        }

        # The coordinator sees the course full and the waiting list.
        page.reload()
        expect(page.get_by_role("table", name="Venteliste")).to_contain_text("Sanne Pleje")
        assert_accessible(page, "journey-kursus-fuldt")

        # --- The bakery cannot come after all and withdraws by its link.
        company.goto(links["mette@bageri.dk"])
        assert_accessible(company, "journey-kursus-tilmeldt")
        company.get_by_role("button", name="Meld fra kurset").click()
        expect(company.get_by_text("Du er meldt fra kurset.")).to_be_visible()
        assert_accessible(company, "journey-kursus-meldt-fra")

        # The waiting list moves: the nursing home is offered the seat by e-mail and takes it.
        offer = [m for m in mails_to("sanne@pleje.dk") if "/kurser/svar/plads/" in m.body]
        assert len(offer) == 1
        company.goto(link_in_mail(offer[0], r"^/kurser/svar/plads/"))
        assert_accessible(company, "journey-kursus-ledig-plads")
        company.get_by_role("button", name="Ja tak, jeg tager pladsen").click()
        expect(company.get_by_text("Pladsen er din.")).to_be_visible()
        assert_accessible(company, "journey-kursus-plads-taget")
    statuses = dict(Registration.objects.filter(course=course).values_list("email", "status"))
    assert statuses["mette@bageri.dk"] == RegistrationStatus.CANCELLED
    assert statuses["sanne@pleje.dk"] == RegistrationStatus.REGISTERED

    # --- Three weeks later the two course days have been held (the clock is moved by moving the course).
    yesterday, today = timezone.localdate() - timedelta(days=1), timezone.localdate()
    first, second = Session.objects.filter(course=course).order_by("date")
    Session.objects.filter(pk=first.pk).update(date=yesterday)
    Session.objects.filter(pk=second.pk).update(date=today)
    Course.objects.filter(pk=course.pk).update(first_day=yesterday, last_day=today, registration_deadline=yesterday)

    page.goto(f"/kurser/{course.pk}/")
    page.get_by_role("link", name="Fremmøde").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fremmøde")
    assert_accessible(page, "journey-kursus-fremmoede")
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.check()
    # Ole was ill on the second day.
    page.get_by_label(f"Ole Mekaniker til stede {today.day}.", exact=False).uncheck()
    page.get_by_role("button", name="Gem og afslut kurset").click()
    expect(page.get_by_text("Fremmødet er gemt. 2 har gennemført og får en evaluering tilsendt.")).to_be_visible()
    assert_accessible(page, "journey-kursus-afsluttet")

    # --- A certificate for one who completed.
    page.get_by_role("link", name="Tilbage").click()
    certificate = page.get_by_role("link", name="Kursusbevis Lars Hammel")
    expect(certificate).to_be_visible()
    expect(page.get_by_role("link", name="Kursusbevis Ole Mekaniker")).to_have_count(0)
    assert_accessible(page, "journey-kursus-gennemfoert")
    response = page.request.get(certificate.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
