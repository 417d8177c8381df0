"""Matching selectors: the corps mentors as the engine sees them, loaded from the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizens.models import AgreementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.models import Employment, Language, MentorStatus
from corps.tests.factories import CompetenceFactory, MentorFactory
from matching import selectors
from matching.engine.scoring import FULL_TIME
from matching.models import OfferStatus
from matching.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _agreement(world, mentor, status):
    return AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), mentor=mentor, status=status)


def _busy_mentor(world, competences, languages):
    mentor = MentorFactory(jobcenter=world.jobcenter, capacity=5, employment=Employment.FULL_TIME)
    mentor.competences.set(competences)
    mentor.languages.set(languages)
    for status in (AgreementStatus.ACTIVE, AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.DRAFT):
        _agreement(world, mentor, status)
    OfferFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        mentor=mentor,
        status=OfferStatus.ACCEPTED,
        answered_at=timezone.now(),
    )
    return mentor


def test_mentor_profiles_carry_competences_languages_and_load(world):
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    housing = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    danish, english = Language.objects.get(code="da"), Language.objects.get(code="en")
    busy = _busy_mentor(world, [economy, housing], [danish, english])
    bare = MentorFactory(jobcenter=world.jobcenter)
    MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.RESIGNED)
    speaker = _busy_mentor(world, [], [danish])
    MentorFactory(jobcenter=world.other_jobcenter)

    profiles, names = selectors.mentor_profiles(jobcenter=world.jobcenter)

    by_id = {profile.id: profile for profile in profiles}
    # The resigned mentor and the other jobcenter's are not loaded.
    assert set(by_id) == {str(busy.pk), str(bare.pk), str(speaker.pk)}
    loaded = by_id[str(busy.pk)]
    assert loaded.competences == {"personlig økonomi", "bolig"}
    assert loaded.languages == {"da", "en"}
    # Two active agreements, and the seat an accepted offer holds; ended and draft agreements do not count.
    assert loaded.active == 3
    assert loaded.corps == FULL_TIME
    empty = by_id[str(bare.pk)]
    assert (empty.competences, empty.languages, empty.active) == (frozenset(), frozenset(), 0)
    assert (by_id[str(speaker.pk)].competences, by_id[str(speaker.pk)].languages) == (frozenset(), {"da"})
    assert names[busy.pk] == busy.full_name and names[bare.pk] == bare.full_name


def test_mentor_profiles_narrowed_by_severe_needs_exclusions_and_ids(world):
    busy = _busy_mentor(world, [], [])
    bare = MentorFactory(jobcenter=world.jobcenter)

    def loaded(**narrowing):
        return {profile.id for profile in selectors.mentor_profiles(jobcenter=world.jobcenter, **narrowing)[0]}

    assert loaded(severe_only=True) == {str(busy.pk)}
    assert loaded(exclude_ids=[busy.pk]) == {str(bare.pk)}
    assert loaded(only_ids=[busy.pk]) == {str(busy.pk)}
    assert loaded(only_ids=[]) == set()


def test_mentor_profiles_cost_the_same_queries_for_many_mentors(world, django_assert_num_queries):
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    danish = Language.objects.get(code="da")
    _busy_mentor(world, [economy], [danish])
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.mentor_profiles(jobcenter=world.jobcenter)[0]) == 1
    for _ in range(4):
        _busy_mentor(world, [economy], [danish])
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(selectors.mentor_profiles(jobcenter=world.jobcenter)[0]) == 5
