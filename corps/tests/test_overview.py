"""The corps overview: breadth of the active corps against the needs of citizens waiting for a mentor."""

import pytest
from django.urls import reverse

from citizens.models import AgreementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.models import Language, MentorStatus
from corps.selectors import waiting_needs_for_corps
from corps.tests.factories import CompetenceFactory, MentorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]


def waiting_citizen(world, needs=(), languages=(), **fields):
    citizen = CitizenFactory(jobcenter=world.jobcenter, **fields)
    citizen.needs.set(needs)
    citizen.languages.set(languages)
    return citizen


def test_waiting_means_referred_without_an_active_agreement(world):
    abuse = CompetenceFactory(jobcenter=world.jobcenter, name="Misbrug")
    tigrinya = Language.objects.get(code="ti")
    waiting_citizen(world, [abuse], [tigrinya], wish_gender="male", wish_age_band="55-64")
    waiting_citizen(world, [abuse], wish_gender="male")
    with_draft = waiting_citizen(world, [abuse])
    AgreementFactory(citizen=with_draft, status=AgreementStatus.DRAFT)  # a draft is no mentor yet
    with_mentor = waiting_citizen(world, [abuse], [tigrinya])
    AgreementFactory(
        citizen=with_mentor, status=AgreementStatus.ACTIVE, mentor=MentorFactory(jobcenter=world.jobcenter)
    )
    waiting_citizen(world, [abuse], status="active")  # in a course already
    other = CitizenFactory(jobcenter=world.other_jobcenter)
    other.languages.set([tigrinya])

    needs = waiting_needs_for_corps(jobcenter=world.jobcenter)

    assert needs.total == 3
    assert needs.competences == {abuse.pk: 3}
    assert needs.languages == {tigrinya.pk: 1}
    assert needs.genders == {"male": 2}
    assert needs.age_bands == {"55-64": 1}


def test_overview_names_the_gaps_in_danish(world, login, django_assert_max_num_queries):
    abuse = CompetenceFactory(jobcenter=world.jobcenter, name="Misbrug")
    housing = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    tigrinya = Language.objects.get(code="ti")
    MentorFactory.create_batch(2, jobcenter=world.jobcenter, competences=[abuse, housing])
    MentorFactory(jobcenter=world.jobcenter, competences=[housing])
    MentorFactory(jobcenter=world.jobcenter, competences=[abuse], status=MentorStatus.PAUSED, paused_until="2099-01-01")
    MentorFactory(jobcenter=world.other_jobcenter, languages=[tigrinya])
    for _ in range(9):
        waiting_citizen(world, [abuse])
    for _ in range(3):
        waiting_citizen(world, [housing], [tigrinya])
    client = login(world.coordinator)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("corps:overview"))

    overview = response.context["overview"]
    assert overview.waiting_citizens == 12
    assert overview.warnings == [("competence", "Misbrug", 2, 9), ("language", "Tigrinya", 0, 3)]
    assert {line.label: (line.mentors, line.waiting) for line in overview.competences}["Bolig"] == (3, 3)
    text = response.content.decode()
    assert "Ingen aktive mentorer taler Tigrinya; 3 ventende borgere har brug for det." in text
    assert "2 aktive mentorer med kompetencen “Misbrug”; 9 ventende borgere har brug for det." in text
    assert "12 henviste borgere venter på en mentor." in text


def test_overview_costs_the_same_queries_with_many_citizens(world, login, django_assert_num_queries):
    abuse = CompetenceFactory(jobcenter=world.jobcenter, name="Misbrug")
    client = login(world.coordinator)
    waiting_citizen(world, [abuse])
    client.get(reverse("corps:overview"))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("corps:overview"))
    for _ in range(15):
        waiting_citizen(world, [abuse], [Language.objects.get(code="ar")])
        MentorFactory(jobcenter=world.jobcenter, competences=[abuse])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("corps:overview"))
