"""Cohorts respect reality (issue 21): each company's own seats less its current occupancy, the placement types
it offers, and a warning for companies where no leader can answer the proposals in the portal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from citizens.models import Placement, PlacementStatus
from citizens.tests.factories import CitizenFactory, PlacementFactory, PlacementTypeFactory
from companies.tests.factories import CompanyFactory
from matching import services
from matching.models import Cohort, CohortStatus
from matching.tests.factories import cohort_with

pytestmark = pytest.mark.django_db


def _company(world, *, capacity: int, taken: int = 0, kind=None, name: str = ""):
    company = CompanyFactory(jobcenter=world.jobcenter, capacity=capacity, **({"name": name} if name else {}))
    if kind is not None:
        company.placement_types.add(kind)
    for _ in range(taken):
        PlacementFactory(citizen__jobcenter=world.jobcenter, company=company, status=PlacementStatus.ACTIVE)
    return company


@pytest.fixture
def dates():
    """Cohort dates in the plan range, whatever today is."""
    start = timezone.localdate() + datetime.timedelta(days=14)
    return start, start + datetime.timedelta(days=90)


def _data(world, kind, dates):
    return {
        "name": "Forårsholdet",
        "placement_type": kind,
        "starts_on": dates[0],
        "ends_on": dates[1],
        "hours_per_week": 10,
        "tasks": "Lager",
        "responsible": world.coordinator,
    }


def _seats(companies, *, capacity=6, min_group=0):
    return [services.CompanySeat(company=c, capacity=capacity, min_group=min_group) for c in companies]


def test_a_company_gets_no_more_seats_than_it_has_free(world, dates):
    kind = PlacementTypeFactory(jobcenter=world.jobcenter)
    roomy = _company(world, capacity=10, taken=2, kind=kind)
    tight = _company(world, capacity=4, taken=1, kind=kind)
    cohort = services.cohort_create(
        actor=world.coordinator,
        jobcenter=world.jobcenter,
        data=_data(world, kind, dates),
        citizens=[CitizenFactory(jobcenter=world.jobcenter) for _ in range(4)],
        seats=_seats([roomy, tight], capacity=6),
    )
    seats = {seat.company_id: seat.capacity for seat in cohort.companies.all()}
    assert seats == {roomy.pk: 6, tight.pk: 3}


def test_a_full_company_and_one_without_the_type_are_refused_and_nothing_is_saved(world, dates):
    kind = PlacementTypeFactory(jobcenter=world.jobcenter)
    other_kind = PlacementTypeFactory(jobcenter=world.jobcenter, code="loentilskud", name="Løntilskud")
    full = _company(world, capacity=4, taken=5, kind=kind, name="Fuld ApS")
    wrong = _company(world, capacity=10, kind=other_kind, name="Anden Type ApS")
    ok = _company(world, capacity=10, kind=kind)
    with pytest.raises(ValidationError) as error:
        services.cohort_create(
            actor=world.coordinator,
            jobcenter=world.jobcenter,
            data=_data(world, kind, dates),
            citizens=[CitizenFactory(jobcenter=world.jobcenter) for _ in range(4)],
            seats=_seats([full, wrong, ok]),
        )
    messages = error.value.message_dict["companies"]
    assert any("Fuld ApS har ingen ledige pladser: 5 af virksomhedens 4" in text for text in messages)
    assert any("Anden Type ApS tilbyder ikke" in text and "Løntilskud" in text for text in messages), messages
    assert len(messages) == 2
    assert not Cohort.objects.exists()


def test_fewer_free_seats_than_the_minimum_group_is_refused(world, dates):
    kind = PlacementTypeFactory(jobcenter=world.jobcenter)
    small = _company(world, capacity=5, taken=3, kind=kind, name="Lille ApS")
    with pytest.raises(ValidationError) as error:
        services.cohort_create(
            actor=world.coordinator,
            jobcenter=world.jobcenter,
            data=_data(world, kind, dates),
            citizens=[CitizenFactory(jobcenter=world.jobcenter) for _ in range(4)],
            seats=_seats([small], capacity=6, min_group=4),
        )
    assert "Lille ApS har kun 2 ledige pladser" in error.value.message_dict["companies"][0]


def test_seats_cannot_be_raised_above_what_is_free(world):
    _cohort, seats = cohort_with(world.jobcenter, candidates=2, companies=1, capacity=2)
    company = seats[0].company
    company.capacity = 3
    company.save(update_fields=["capacity"])
    with pytest.raises(ValidationError) as error:
        services.cohort_company_update(
            actor=world.coordinator, seat=seats[0], capacity=5, min_group=0, allow_empty=False
        )
    assert "har kun 3 ledige pladser" in error.value.message_dict["capacity"][0]
    seats[0].refresh_from_db()
    assert seats[0].capacity == 2


def test_commit_is_refused_when_the_company_filled_up_meanwhile(world):
    cohort, seats = cohort_with(world.jobcenter, candidates=2, companies=1, capacity=2)
    services.cohort_solve(actor=world.coordinator, cohort=cohort)
    company = seats[0].company
    company.capacity = 2
    company.save(update_fields=["capacity"])
    for _ in range(2):  # the company's 2 seats are taken by placements made outside the cohort
        PlacementFactory(citizen__jobcenter=world.jobcenter, company=seats[0].company, status=PlacementStatus.PROPOSED)
    before = Placement.objects.count()
    with pytest.raises(ValidationError) as error:
        services.cohort_commit(actor=world.coordinator, cohort=cohort)
    assert "ingen ledige pladser" in " ".join(error.value.messages)
    assert Placement.objects.count() == before
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.SOLVED


def test_the_cohort_page_flags_companies_without_a_leader_before_proposals_go_out(world, login):
    cohort, seats = cohort_with(world.jobcenter, candidates=2, companies=2, capacity=2)
    Membership.objects.filter(user=world.leader_a).update(company=seats[0].company)  # only the first has a leader
    services.cohort_solve(actor=world.coordinator, cohort=cohort)
    page = login(world.coordinator).get(reverse("matching:cohort_detail", kwargs={"pk": cohort.pk})).content.decode()
    assert "Ingen leder kan svare i portalen" in page
    assert reverse("companies:leader_invite", kwargs={"pk": seats[1].company_id}) in page
    assert reverse("companies:leader_invite", kwargs={"pk": seats[0].company_id}) not in page
    assert "Virksomheden har 12 ledige af 12 pladser (0 i forløb nu)." in page


def test_the_create_form_shows_each_companys_room_types_and_leader(world, login):
    kind = PlacementTypeFactory(jobcenter=world.jobcenter, name="Virksomhedspraktik")
    world.company_a.placement_types.add(kind)
    world.company_a.capacity = 4
    world.company_a.save(update_fields=["capacity"])
    PlacementFactory(citizen__jobcenter=world.jobcenter, company=world.company_a, status=PlacementStatus.ACTIVE)
    page = login(world.coordinator).get(reverse("matching:cohort_create")).content.decode()
    assert "Hammel Maskinfabrik A/S – 3 ledige af 4 pladser (1 i forløb) · Virksomhedspraktik" in page
    assert "Hinnerup Bageri ApS – 1 ledige af 1 pladser (0 i forløb) · ingen forløbstyper angivet" in page
    assert world.other_company.name not in page
