"""Matching pages: suggestions and offers, the public answer link, cohorts; tenancy and query counts."""

import pytest
from django.urls import reverse

from citizens.tests.factories import CitizenFactory
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.tests.factories import CompetenceFactory, MentorFactory
from matching import services
from matching.models import Cohort, CohortStatus, Offer, OfferStatus
from matching.services.offer import _new_token
from matching.tests.factories import OfferFactory, cohort_with

pytestmark = pytest.mark.django_db


def _citizen_with_mentors(world, mentors: int):
    need = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    citizen.needs.set([need])
    for _ in range(mentors):
        MentorFactory(jobcenter=world.jobcenter, capacity=2).competences.set([need])
    return citizen


def test_suggestions_page_offers_and_records_a_decline(world, login):
    citizen = _citizen_with_mentors(world, 2)
    client = login(world.coordinator)
    page = client.get(reverse("matching:citizen", kwargs={"pk": citizen.pk}))
    assert page.status_code == 200
    assert "dækker 1 af 1 behov: bolig" in page.content.decode()
    first = page.context["suggestions"][0]
    response = client.post(
        reverse("matching:offer_create", kwargs={"pk": citizen.pk}), {"mentor": first.mentor_id, "message": ""}
    )
    assert response.status_code == 302
    offer = Offer.objects.get()
    response = client.post(reverse("matching:offer_answer", kwargs={"pk": offer.pk}), {"answer": "decline"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OFFERED  # no reason: nothing saved
    client.post(reverse("matching:offer_answer", kwargs={"pk": offer.pk}), {"answer": "decline", "reason": "Syg"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED
    assert Offer.objects.filter(status=OfferStatus.OFFERED).count() == 1  # moved on to the next mentor


def test_another_jobcenters_offer_and_cohort_answer_404_on_post(world, login):
    offer = OfferFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    cohort, _seats = cohort_with(world.jobcenter, candidates=1, companies=1, capacity=2)
    client = login(world.other_coordinator)
    for url in (
        reverse("matching:offer_answer", kwargs={"pk": offer.pk}),
        reverse("matching:offer_withdraw", kwargs={"pk": offer.pk}),
        reverse("matching:offer_create", kwargs={"pk": offer.citizen_id}),
        reverse("matching:cohort_solve", kwargs={"pk": cohort.pk}),
        reverse("matching:cohort_commit", kwargs={"pk": cohort.pk}),
        reverse("matching:cohort_move", kwargs={"pk": cohort.pk}),
    ):
        assert client.post(url, {"answer": "accept"}).status_code == 404, url
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OFFERED


def test_answer_link_shows_then_accepts_once(world, client):
    token = _new_token()
    # The mentor is named too: a random Danish name could share the citizen's surname, which the page must hide.
    offer = OfferFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Mette Sørensen"),
        mentor=MentorFactory(jobcenter=world.jobcenter, full_name="Carsten Holm"),
        token=token,
    )
    url = reverse("matching:respond", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    assert "Mette" in page.content.decode() and "Sørensen" not in page.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OFFERED  # a GET (a mail scanner) never answers
    assert client.post(url, {"answer": "decline"}).status_code == 400  # a reason is required
    assert client.post(url, {"answer": "accept"}).status_code == 200
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert client.get(url).status_code == 410
    assert client.get(reverse("matching:respond", kwargs={"token": token + "x"})).status_code == 404


def test_preferences_form(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    response = client.post(
        reverse("matching:preferences", kwargs={"pk": citizen.pk}),
        {"weekdays": ["1", "4"], "day_parts": ["1"], "severe_needs": "on", "preferred_mentors": [mentor.pk]},
    )
    assert response.status_code == 302
    preferences = citizen.matching_preferences
    assert (preferences.available_weekdays, preferences.available_day_parts, preferences.severe_needs) == (5, 1, True)
    assert list(preferences.preferred_mentors.all()) == [mentor]
    foreign = MentorFactory(jobcenter=world.other_jobcenter)
    response = client.post(
        reverse("matching:preferences", kwargs={"pk": citizen.pk}), {"preferred_mentors": [foreign.pk]}
    )
    assert response.status_code == 400


def test_cohort_create_solve_commit_through_the_pages(world, login):
    from citizens.tests.factories import PlacementTypeFactory

    kind = PlacementTypeFactory(jobcenter=world.jobcenter)
    citizens = [CitizenFactory(jobcenter=world.jobcenter) for _ in range(8)]
    companies = [CompanyFactory(jobcenter=world.jobcenter, capacity=6) for _ in range(2)]
    for company in companies:
        company.placement_types.add(kind)
    client = login(world.coordinator)
    data = {
        "name": "Forårsholdet",
        "placement_type": kind.pk,
        "starts_on": "2026-12-07",
        "ends_on": "2027-03-01",
        "hours_per_week": "10",
        "tasks": "Lager",
        "responsible": world.coordinator.pk,
        "citizens": [c.pk for c in citizens],
        "companies": [c.pk for c in companies],
        "capacity": "3",
        "min_group": "4",
    }
    response = client.post(reverse("matching:cohort_create"), data)
    assert response.status_code == 400
    assert "Mindste gruppe kan ikke være større end antal pladser." in response.content.decode()
    data["capacity"] = "6"
    response = client.post(reverse("matching:cohort_create"), data)
    cohort = Cohort.objects.get()
    assert response.status_code == 302
    client.post(reverse("matching:cohort_solve", kwargs={"pk": cohort.pk}))
    page = client.get(reverse("matching:cohort_detail", kwargs={"pk": cohort.pk}))
    assert "8 af 8 kandidater er placeret" in page.content.decode()
    client.post(reverse("matching:cohort_commit", kwargs={"pk": cohort.pk}))
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.COMMITTED


def test_placement_suggestions_page(world, login):
    need = CompetenceFactory(jobcenter=world.jobcenter, name="Struktur i hverdagen")
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    citizen.needs.set([need])
    company = CompanyFactory(jobcenter=world.jobcenter, name="Hammel Lager ApS", status="active", capacity=3)
    CompanyMentorFactory(company=company, full_name="Jens Lund").competences.set([need])
    page = login(world.coordinator).get(reverse("matching:placement_suggestions", kwargs={"pk": citizen.pk}))
    assert page.status_code == 200
    assert "Jens Lund dækker 1 af 1 behov: struktur i hverdagen" in page.content.decode()


# --- Fixed query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("mentors", [2, 25])
def test_suggestions_page_query_count_is_fixed(world, login, django_assert_max_num_queries, mentors):
    citizen = _citizen_with_mentors(world, mentors)
    for mentor in list(citizen.jobcenter.mentors.all())[:2]:
        OfferFactory(citizen=citizen, mentor=mentor)
    client = login(world.coordinator)
    url = reverse("matching:citizen", kwargs={"pk": citizen.pk})
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_offer_list_query_count_is_fixed(world, login, django_assert_max_num_queries, rows):
    for _ in range(rows):
        OfferFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("matching:offer_list")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("matching:offer_list")).status_code == 200


@pytest.mark.parametrize("size", [(2, 1), (20, 5)])
def test_cohort_pages_query_count_is_fixed(world, login, django_assert_max_num_queries, size):
    cohort, _seats = cohort_with(world.jobcenter, candidates=size[0], companies=size[1], capacity=6)
    services.cohort_solve(actor=world.coordinator, cohort=cohort)
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("matching:cohort_detail", kwargs={"pk": cohort.pk})).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(reverse("matching:cohort_detail", kwargs={"pk": cohort.pk})).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("matching:cohort_list")).status_code == 200


@pytest.mark.parametrize("companies", [1, 12])
def test_placement_suggestions_query_count_is_fixed(world, login, django_assert_max_num_queries, companies):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    for _ in range(companies):
        CompanyMentorFactory(company=CompanyFactory(jobcenter=world.jobcenter, status="active"))
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("matching:placement_suggestions", kwargs={"pk": citizen.pk})).status_code == 200
    with django_assert_max_num_queries(9):
        page = client.get(reverse("matching:placement_suggestions", kwargs={"pk": citizen.pk}))
        assert page.status_code == 200
