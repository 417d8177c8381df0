import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from companies.tests.factories import CompanyMentorFactory
from courses import services, tokens
from courses.models import Course, Evaluation, Invitation, InvitationStatus, Registration, Session
from courses.tests.factories import (
    CourseFactory,
    CourseTypeFactory,
    InvitationFactory,
    RegistrationFactory,
    fill_courses,
    in_days,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("n", [1, 8])
@pytest.mark.parametrize(
    "name", ["courses:list", "courses:calendar", "courses:evaluations", "courses:shadowing_list", "courses:create"]
)
def test_list_pages_have_fixed_query_counts(world, login, django_assert_max_num_queries, name, n):
    fill_courses(world, n)
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse(name)).status_code == 200
    limits = {
        "courses:list": 5,
        "courses:calendar": 2,
        "courses:evaluations": 4,
        "courses:shadowing_list": 3,
        "courses:create": 3,
    }
    with django_assert_max_num_queries(limits[name]):
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_detail_and_attendance_have_fixed_query_counts(world, login, django_assert_max_num_queries, n):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=-5, capacity=50)
    for _ in range(n):
        RegistrationFactory(course=course)
        InvitationFactory(course=course)
    client = login(world.coordinator)
    limits = {"courses:detail": 10, "courses:attendance": 6, "courses:invitations": 4, "courses:register": 5}
    for name, limit in limits.items():
        url = reverse(name, kwargs={"pk": course.pk})
        # A first view stamps the test login's session (a real login does that itself).
        assert client.get(url).status_code == 200
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200


def test_the_list_warns_when_fewer_than_two_job_consultants(world, login):
    CourseFactory(jobcenter=world.jobcenter, title="Uden konsulenter")
    response = login(world.coordinator).get(reverse("courses:list"))
    assert "For få" in response.content.decode()
    course = CourseFactory(jobcenter=world.jobcenter)
    response = login(world.coordinator).get(reverse("courses:detail", kwargs={"pk": course.pk}))
    assert "jobkonsulenter med" in response.content.decode()


def test_create_course_shows_danish_errors_and_saves_nothing(world, login):
    course_type = CourseTypeFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    data = {
        "course_type": course_type.pk,
        "title": "Mentorkursus",
        "venue": "Rådhuset",
        "capacity": 20,
        "registration_deadline": in_days(20).isoformat(),
        "first_day": in_days(10).isoformat(),
        "days": 2,
        "starts_at": "09:00",
        "ends_at": "08:00",
    }
    response = client.post(reverse("courses:create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in content
    assert "Tilmeldingsfristen skal ligge senest på første kursusdag." in content
    assert not Course.objects.exists()
    data.update(ends_at="15:30", registration_deadline=in_days(5).isoformat(), job_consultants=[world.coordinator.pk])
    response = client.post(reverse("courses:create"), data)
    course = Course.objects.get()
    assert response.status_code == 302 and course.sessions.count() == 2


def test_year_plan_page_creates_the_meetings(world, login):
    meeting = CourseTypeFactory(jobcenter=world.jobcenter, category="network_meeting")
    year = timezone.localdate().year + 1
    response = login(world.coordinator).post(
        reverse("courses:year_plan"),
        {
            "course_type": meeting.pk,
            "year": year,
            "months": [3, 9],
            "nth": 2,
            "weekday": 1,
            "days": 1,
            "starts_at": "16:30",
            "ends_at": "19:00",
            "venue": "Hinnerup Bibliotek",
            "capacity": 30,
            "deadline_days": 14,
            "themes": "Konflikthåndtering\nMisbrug",
        },
    )
    assert response.status_code == 302
    assert Course.objects.filter(jobcenter=world.jobcenter, course_type=meeting).count() == 2


def test_public_invitation_tracks_opening_and_registers(client, world):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    invitation = InvitationFactory(course=course, email="lars@hammel.dk", name="Lars")
    url = reverse("courses:public_invitation", kwargs={"token": tokens.make(tokens.INVITATION, invitation.pk)})
    assert client.get(url).status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.OPENED
    response = client.post(url, {"answer": "register", "name": "Lars Jensen"})
    assert "Du er tilmeldt" in response.content.decode()
    registration = Registration.objects.get(course=course)
    assert (registration.email, registration.via, registration.name) == ("lars@hammel.dk", "invitation", "Lars Jensen")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REGISTERED


def test_public_links_refuse_forged_and_cross_kind_tokens(client, world):
    invitation = InvitationFactory(course=CourseFactory(jobcenter=world.jobcenter))
    assert client.get(reverse("courses:public_invitation", kwargs={"token": "forged"})).status_code == 404
    # An invitation token cannot be used as an offer or evaluation link.
    token = tokens.make(tokens.INVITATION, invitation.pk)
    assert client.get(reverse("courses:public_offer", kwargs={"token": token})).status_code == 404
    assert client.get(reverse("courses:public_evaluation", kwargs={"token": token})).status_code == 404


def test_public_answers_are_rate_limited(client, world):
    course = CourseFactory(jobcenter=world.jobcenter)
    invitation = InvitationFactory(course=course)
    url = reverse("courses:public_invitation", kwargs={"token": tokens.make(tokens.INVITATION, invitation.pk)})
    statuses = {client.post(url, {"answer": "decline"}).status_code for _ in range(31)}
    assert 429 in statuses
    assert Invitation.objects.get().status == InvitationStatus.DECLINED


def test_public_evaluation_saves_once(client, world):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=-5)
    registration = RegistrationFactory(course=course, completed_on=course.last_day)
    url = reverse("courses:public_evaluation", kwargs={"token": tokens.make(tokens.EVALUATION, registration.pk)})
    response = client.post(url, {"overall": 7, "relevance": 4, "usefulness": 4})
    assert response.status_code == 200 and not Evaluation.objects.exists()
    client.post(url, {"overall": 5, "relevance": 4, "usefulness": 3, "comments": "Brugbart"})
    assert Evaluation.objects.get().overall == 5
    assert "allerede evalueret" in client.get(url).content.decode()


def test_certificate_is_a_pdf_only_for_completed(world, login):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=-5)
    done = RegistrationFactory(course=course, completed_on=course.last_day, name="Søren Ærø")
    not_done = RegistrationFactory(course=course)
    client = login(world.coordinator)
    response = client.get(reverse("courses:certificate", kwargs={"pk": done.pk}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(reverse("courses:certificate", kwargs={"pk": not_done.pk})).status_code == 404


def test_attendance_page_records_and_completes(world, login):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=-3, days=2)
    registration = RegistrationFactory(course=course)
    sessions = list(Session.objects.filter(course=course).order_by("date"))
    client = login(world.coordinator)
    response = client.post(
        reverse("courses:attendance", kwargs={"pk": course.pk}),
        {"present": [f"{registration.pk}:{s.pk}" for s in sessions], "complete": "1"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.completed_on == course.last_day


def test_withdrawing_in_the_portal_checks_the_company_itself_and_declines_the_invitation(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    theirs = RegistrationFactory(course=course, company=world.company_a)
    with pytest.raises(ValidationError, match="hører ikke til jeres virksomhed"):
        services.registration_cancel_by_company(actor=world.leader_b, company=world.company_b, registration=theirs)
    invitation = InvitationFactory(course=course, status=InvitationStatus.REGISTERED)
    invited = RegistrationFactory(
        course=course, company_mentor=CompanyMentorFactory(company=world.company_a), invitation=invitation
    )
    services.registration_cancel_by_company(actor=world.leader_a, company=world.company_a, registration=invited)
    invitation.refresh_from_db()
    theirs.refresh_from_db()
    assert theirs.status == "registered"
    assert invitation.status == InvitationStatus.DECLINED  # no more course updates; the link can register again
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        services.registration_cancel_by_company(actor=world.leader_a, company=world.company_a, registration=invited)


def test_invite_page_lists_companies_as_a_filterable_checkbox_list(world, login, django_assert_max_num_queries):
    course = CourseFactory(jobcenter=world.jobcenter)
    world.company_a.contact_email = "lars@hammel.dk"
    world.company_a.save(update_fields=["contact_email"])
    world.other_company.contact_email = "gartner@haderslev.dk"
    world.other_company.save(update_fields=["contact_email"])
    client = login(world.coordinator)
    url = reverse("courses:invite", args=[course.pk])
    # Until "Udvalgte modtagere" is chosen, the lists are neither read nor sent: the page fetches them then.
    html = client.get(url).content.decode()
    assert "data-picker-list" not in html and "Hammel Maskinfabrik A/S" not in html
    assert f'hx-get="{url}?source=picked"' in html and 'href="?source=picked"' in html
    with django_assert_max_num_queries(30):
        response = client.get(f"{url}?source=picked")
    html = response.content.decode()
    assert re.search(r'value="picked" id="id_source_\d" (required )?checked', html)
    assert "<select" not in html  # no squashed multi-select any more
    assert 'type="checkbox" name="companies"' in html
    assert html.count("data-picker-list") == 3  # companies, corps mentors, company mentors
    assert "Søg i listen" in html and "Vælg alle" in html and "Fravælg alle" in html
    assert "Hammel Maskinfabrik A/S" in html
    assert "Haderslev Gartneri ApS" not in html  # the other jobcenter's company is not offered


def test_invite_picked_companies_sends_to_those_only_and_refuses_bad_picks(world, login):
    course = CourseFactory(jobcenter=world.jobcenter)
    for company, email in ((world.company_a, "lars@hammel.dk"), (world.company_b, "mette@bageri.dk")):
        company.contact_email = email
        company.save(update_fields=["contact_email"])
    world.other_company.contact_email = "gartner@haderslev.dk"
    world.other_company.save(update_fields=["contact_email"])
    client = login(world.coordinator)
    url = reverse("courses:invite", args=[course.pk])

    response = client.post(url, {"source": "picked"})
    assert response.status_code == 200
    assert "Vælg mindst én modtager." in response.content.decode()
    response = client.post(url, {"source": "picked", "companies": [world.company_a.pk, world.other_company.pk]})
    assert response.status_code == 200
    assert f"Marker en gyldig valgmulighed. {world.other_company.pk} er ikke en af" in response.content.decode()
    assert not Invitation.objects.filter(course=course).exists()

    response = client.post(url, {"source": "picked", "companies": [world.company_a.pk, world.company_b.pk]})
    assert response.status_code == 302
    invited = Invitation.objects.filter(course=course)
    assert sorted(invited.values_list("email", flat=True)) == ["lars@hammel.dk", "mette@bageri.dk"]
    assert set(invited.values_list("company_id", flat=True)) == {world.company_a.pk, world.company_b.pk}
