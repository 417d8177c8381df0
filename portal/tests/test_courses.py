"""The company leader's course pages in the portal (`portal:courses`, /portal/kurser/…): the list's query
count, registering the company's own mentors, and withdrawing a registration."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from companies.tests.factories import CompanyMentorFactory
from courses.models import Registration
from courses.tests.factories import CourseFactory, RegistrationFactory, fill_courses

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("n", [1, 8])
def test_portal_list_has_a_fixed_query_count(world, login, django_assert_max_num_queries, n):
    courses = fill_courses(world, n)
    for course in courses:
        RegistrationFactory(course=course, company=world.company_a)
    client = login(world.leader_a)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("portal:courses")).status_code == 200
    with django_assert_max_num_queries(4):
        response = client.get(reverse("portal:courses"))
    assert response.status_code == 200


def test_portal_registers_only_the_leaders_own_mentors(world, login):
    course = CourseFactory(jobcenter=world.jobcenter)
    own = CompanyMentorFactory(company=world.company_a)
    other = CompanyMentorFactory(company=world.company_b)
    client = login(world.leader_a)
    url = reverse("portal:course_register", kwargs={"pk": course.pk})
    assert client.post(url, {"mentor": other.pk}).status_code == 200
    assert not Registration.objects.exists()
    assert client.post(url, {"mentor": own.pk}).status_code == 302
    assert Registration.objects.get().via == "portal"
    past = CourseFactory(jobcenter=world.jobcenter, days_ahead=-1)
    assert client.get(reverse("portal:course_register", kwargs={"pk": past.pk})).status_code == 404


def test_portal_leader_withdraws_a_registration_and_the_waiting_list_moves(world, login, django_assert_max_num_queries):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1, title="Mentorkursus forår")
    own = RegistrationFactory(course=course, company=world.company_a, name="Ane Mentor")
    waiting = RegistrationFactory(course=course, status="waiting", waiting_since=timezone.now(), name="Bo Venter")
    client = login(world.leader_a)
    listing = client.get(reverse("portal:courses")).content.decode()
    url = reverse("portal:course_registration_cancel", kwargs={"pk": own.pk})
    assert url in listing
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert "Afmeld Ane Mentor fra Mentorkursus forår?" in page.content.decode()
    response = client.post(url, follow=True)
    assert "Ane Mentor er afmeldt." in response.content.decode()
    own.refresh_from_db()
    waiting.refresh_from_db()
    assert own.status == "cancelled"
    assert waiting.status == "offered"  # the freed seat went to the first on the waiting list
    assert url not in response.content.decode()  # a cancelled registration cannot be withdrawn again
    assert client.post(url).status_code == 404


def test_portal_withdraw_only_the_own_company_and_not_once_the_course_has_begun(world, login):
    course = CourseFactory(jobcenter=world.jobcenter)
    theirs = RegistrationFactory(course=course, company=world.company_a)
    url = reverse("portal:course_registration_cancel", kwargs={"pk": theirs.pk})
    assert login(world.leader_b).post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "registered"

    begun = CourseFactory(jobcenter=world.jobcenter, days_ahead=0)
    registration = RegistrationFactory(course=begun, company=world.company_a, name="Cai Sen")
    client = login(world.leader_a)
    url = reverse("portal:course_registration_cancel", kwargs={"pk": registration.pk})
    assert url not in client.get(reverse("portal:courses")).content.decode()
    for response in (client.get(url, follow=True), client.post(url, follow=True)):
        assert "Kurset er begyndt. Kontakt jobcentret, hvis deltageren ikke kan komme." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "registered"
