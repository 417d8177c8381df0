"""corps_breadth: the lines the corps overview and the corps report share, in the vocabulary's order."""

import pytest

from citizens.tests.factories import CitizenFactory
from corps.models import Language, MentorStatus
from corps.selectors import corps_breadth
from corps.tests.factories import CompetenceFactory, MentorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]


def waiting_citizen(world, needs=(), languages=()):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    citizen.needs.set(needs)
    citizen.languages.set(languages)
    return citizen


def test_lines_count_active_mentors_and_waiting_citizens_in_vocabulary_order(world):
    # Created in the opposite order of their positions: the lines follow the positions, not the ids.
    later = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig", position=2)
    first = CompetenceFactory(jobcenter=world.jobcenter, name="Misbrug", position=1)
    CompetenceFactory(jobcenter=world.jobcenter, name="Helbred", position=3)
    arabic, tigrinya = Language.objects.get(code="ar"), Language.objects.get(code="ti")
    MentorFactory.create_batch(2, jobcenter=world.jobcenter, competences=[first, later], languages=[arabic])
    MentorFactory(jobcenter=world.jobcenter, competences=[first], status=MentorStatus.PAUSED, paused_until="2099-01-01")
    MentorFactory(jobcenter=world.other_jobcenter, languages=[tigrinya, arabic])
    waiting_citizen(world, [later], [tigrinya])
    waiting_citizen(world, [later, first])

    competences, languages = corps_breadth(jobcenter=world.jobcenter)

    assert [(line.label, line.mentors, line.waiting) for line in competences] == [
        ("Misbrug", 2, 1),
        ("Bolig", 2, 2),
        ("Helbred", 0, 0),
    ]
    # A language is listed when an active mentor here speaks it or a waiting citizen needs it.
    spoken = sorted([arabic, tigrinya], key=lambda language: (language.position, language.name))
    expected = {arabic.name: (2, 0), tigrinya.name: (0, 1)}
    assert [(line.label, line.mentors, line.waiting) for line in languages] == [
        (language.name, *expected[language.name]) for language in spoken
    ]
