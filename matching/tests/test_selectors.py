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
from matching.engine.scoring import FULL_TIME, CitizenProfile
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


def test_mentor_columns_carry_what_the_scorer_reads(world):
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    housing = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    danish, english = Language.objects.get(code="da"), Language.objects.get(code="en")
    busy = _busy_mentor(world, [economy, housing], [danish, english])
    bare = MentorFactory(jobcenter=world.jobcenter, gender="", birth_year=None)
    citizen = CitizenProfile(id="1", needs=("bolig", "misbrug", "personlig økonomi"), languages=("en", "ar"))

    columns = selectors.mentor_columns(jobcenter=world.jobcenter, citizen=citizen)

    profiles = {profile.id: profile for profile in selectors.mentor_profiles(jobcenter=world.jobcenter)[0]}
    assert sorted(columns.ids) == sorted(profiles)
    row = {mentor_id: j for j, mentor_id in enumerate(columns.ids)}
    busy_row, bare_row = row[str(busy.pk)], row[str(bare.pk)]
    # Bits over the citizen's own needs and languages, in their order: bolig (bit 0) and økonomi (bit 2); English.
    assert (columns.competence[busy_row], columns.spoken[busy_row]) == (0b101, 0b01)
    assert (columns.competence[bare_row], columns.spoken[bare_row]) == (0, 0)
    for mentor_id, j in row.items():
        profile = profiles[mentor_id]
        assert columns.active[j] == profile.active  # agreements and the seat the accepted offer holds
        assert columns.capacity[j] == profile.capacity
        assert columns.full_time[j] == (profile.corps == FULL_TIME)
        assert columns.gender[j] == (profile.gender or "")
        assert columns.age[j] == (-1 if profile.age is None else profile.age)
        assert columns.slots[j] == sum(1 << slot for slot in profile.availability)
    assert selectors.mentor_columns(jobcenter=world.jobcenter, citizen=citizen, only_ids=[]).ids == []


def test_suggestions_narrowed_equal_ranking_every_mentor(world):
    import random

    rng = random.Random(5)  # noqa: S311 - reproducible test data
    competences = [CompetenceFactory(jobcenter=world.jobcenter, name=name) for name in ("Bolig", "Økonomi", "Misbrug")]
    languages = list(Language.objects.filter(code__in=["da", "en", "ar"]))
    for _ in range(40):
        mentor = MentorFactory(
            jobcenter=world.jobcenter,
            capacity=rng.randint(1, 3),
            employment=rng.choice([Employment.FULL_TIME, Employment.HOURLY]),
            gender=rng.choice(["female", "male", ""]),
        )
        mentor.competences.set(rng.sample(competences, rng.randint(0, 3)))
        mentor.languages.set(rng.sample(languages, rng.randint(0, 2)))
        if rng.random() < 0.3:
            _agreement(world, mentor, AgreementStatus.ACTIVE)
    for _ in range(6):
        citizen = CitizenFactory(jobcenter=world.jobcenter, wish_gender=rng.choice(["", "female"]))
        citizen.needs.set(rng.sample(competences, rng.randint(0, 3)))
        citizen.languages.set(rng.sample(languages, rng.randint(0, 2)))
        everyone = selectors.suggestions_for(citizen=citizen, top=None)
        for top in (1, 4, 10):
            assert selectors.suggestions_for(citizen=citizen, top=top) == everyone[:top]


def test_suggestions_cost_the_same_queries_for_many_mentors(world, django_assert_num_queries):
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    danish = Language.objects.get(code="da")
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    citizen.needs.set([economy])
    citizen.languages.set([danish])
    _busy_mentor(world, [economy], [danish])
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.suggestions_for(citizen=citizen)) == 1
    for _ in range(12):
        _busy_mentor(world, [economy], [danish])
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(selectors.suggestions_for(citizen=citizen)) == 10
