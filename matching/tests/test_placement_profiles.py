"""The placement ranking's input (matching.selectors.placement._company_profiles), read as rows: which companies,
their free seats, whether they offer the placement type, and their active mentors with competences, in order."""

import datetime

import pytest

from citizens.models import PlacementStatus
from citizens.tests.factories import PlacementFactory, PlacementTypeFactory
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.tests.factories import CompetenceFactory
from matching.placement import CompanyProfile
from matching.selectors.placement import _company_profiles

pytestmark = pytest.mark.django_db


def test_the_profiles_are_the_active_and_interested_companies_with_their_active_mentors(world):
    wage = PlacementTypeFactory(jobcenter=world.jobcenter, code="loentilskud", name="Løntilskud")
    structure = CompetenceFactory(jobcenter=world.jobcenter, name="Struktur i hverdagen")
    danish = CompetenceFactory(jobcenter=world.jobcenter, name="Dansk på arbejdspladsen")
    lager = CompanyFactory(jobcenter=world.jobcenter, name="Lager ApS", status="active", capacity=3)
    lager.placement_types.set([wage])
    cafe = CompanyFactory(jobcenter=world.jobcenter, name="Café A/S", status="interested", capacity=1)
    CompanyFactory(jobcenter=world.jobcenter, name="Pause ApS", status="paused")
    CompanyFactory(jobcenter=world.other_jobcenter, name="Fremmed ApS", status="active")
    bo = CompanyMentorFactory(company=lager, full_name="Bo Berg", years_in_company=4)
    bo.competences.set([structure, danish])
    CompanyMentorFactory(
        company=lager, full_name="Anna Ager", years_in_company=None, course_completed_on=datetime.date(2026, 3, 1)
    )
    CompanyMentorFactory(company=lager, full_name="Carl Gammel", is_active=False)
    for status in (PlacementStatus.ACTIVE, PlacementStatus.PROPOSED, PlacementStatus.DECLINED):
        PlacementFactory(citizen__jobcenter=world.jobcenter, company=lager, company_mentor=bo, status=status)

    profiles, names = _company_profiles(jobcenter=world.jobcenter.pk, placement_type_id=wage.pk)
    by_id = {profile.id: profile for profile in profiles}
    # The world's own companies A and B are active in the jobcenter too.
    assert set(names.values()) == {"Lager ApS", "Café A/S", world.company_a.name, world.company_b.name}
    assert set(by_id) == {str(pk) for pk in names}
    assert by_id[str(cafe.pk)] == CompanyProfile(id=str(cafe.pk), free=1, offers_type=False, mentors=())
    assert by_id[str(lager.pk)] == CompanyProfile(
        id=str(lager.pk),
        free=1,  # three seats, an active and a proposed placement
        offers_type=True,
        mentors=(
            (str(lager.mentors.get(full_name="Anna Ager").pk), "Anna Ager", frozenset(), 0, True),
            (str(bo.pk), "Bo Berg", frozenset({"struktur i hverdagen", "dansk på arbejdspladsen"}), 4, False),
        ),
    )
    without_type, _names = _company_profiles(jobcenter=world.jobcenter.pk, placement_type_id=None)
    assert all(profile.offers_type for profile in without_type)
