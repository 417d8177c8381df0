"""The likely-duplicate warning when a citizen is created: names compared without regard to case, spaces,
hyphens, accents, æ/ø/å and word order, together with the birth date; a near-identical name only with the same
birth date on both sides; never a citizen of another jobcenter. The warning links the existing citizen, whom
every role that may create a citizen (staff) may open."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen
from citizens.selectors import likely_duplicates
from citizens.selectors.citizen import name_key
from citizens.tests.factories import CitizenFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

WARNING = "Der findes måske allerede en borger med et lignende navn og samme eller ukendt fødselsdato:"


def _referral(world, **fields):
    return {
        "name": "Ali Hassan",
        "postcode": "8450",
        "target_group": TargetGroupFactory(jobcenter=world.jobcenter).pk,
        "referred_on": timezone.localdate().isoformat(),
        **fields,
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("jorgen  ostergaard hansen", "Jørgen Østergaard-Hansen"),
        ("SØRENSEN, METTE", "Mette Sorensen"),
        ("Aase Bæk", "Åse Baek"),
        ("Lukasz Nguyen", "Łukasz Nguyễn"),
        ("  ali\thassan ", "Ali Hassan"),
    ],
)
def test_name_key_ignores_case_spaces_accents_danish_letters_and_order(typed, stored):
    assert name_key(typed) == name_key(stored)


@pytest.mark.parametrize(("typed", "stored"), [("Ali Hansen", "Ali Hassan"), ("Anne Jensen", "Anne Jensen Bo")])
def test_name_key_keeps_different_names_apart(typed, stored):
    assert name_key(typed) != name_key(stored)


def test_a_citizen_without_cpr_is_flagged_for_the_same_name_written_otherwise(world, login):
    existing = CitizenFactory(jobcenter=world.jobcenter, name="Jørgen Østergaard-Hansen")
    response = login(world.caseworker).post(
        reverse("citizens:create"), _referral(world, name="jorgen  ostergaard hansen")
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert WARNING in page
    # The caseworker creating the citizen may open the existing one: the warning links it.
    assert f'<a href="{reverse("citizens:detail", kwargs={"pk": existing.pk})}">Jørgen Østergaard-Hansen</a>' in page
    assert Citizen.objects.count() == 1


def test_a_near_identical_name_is_flagged_only_with_the_same_birth_date(world, login):
    existing = CitizenFactory(jobcenter=world.jobcenter, name="Mohammad Ali", cpr_number="010190-1111")
    client = login(world.coordinator)
    same_day = client.post(reverse("citizens:create"), _referral(world, name="Mohammed Ali", cpr_number="010190-1234"))
    assert same_day.status_code == 200
    assert reverse("citizens:detail", kwargs={"pk": existing.pk}) in same_day.content.decode()
    another_day = client.post(
        reverse("citizens:create"), _referral(world, name="Mohammed Ali", cpr_number="020190-1234")
    )
    assert another_day.status_code == 302  # a different person: created without a warning
    assert Citizen.objects.count() == 2


def test_a_birth_date_missing_on_one_side_needs_the_same_name(world):
    CitizenFactory(jobcenter=world.jobcenter, name="Mohammad Ali")  # no CPR, no birth date
    born = timezone.datetime(1990, 1, 1).date()
    assert likely_duplicates(jobcenter=world.jobcenter, name="Mohammed Ali", birth_date=born) == []
    [found] = likely_duplicates(jobcenter=world.jobcenter, name="mohammad  ALI", birth_date=born)
    assert found.name == "Mohammad Ali"


def test_another_jobcenters_citizen_is_no_duplicate_and_not_shown(world, login):
    CitizenFactory(jobcenter=world.other_jobcenter, name="Jørgen Østergaard", cpr_number="010190-1111")
    CitizenFactory(jobcenter=world.other_jobcenter, name="Jørgen Østergaard")
    assert likely_duplicates(jobcenter=world.jobcenter, name="Jørgen Østergaard", birth_date=None) == []
    response = login(world.coordinator).post(
        reverse("citizens:create"), _referral(world, name="Jorgen Ostergaard", cpr_number="010190-1234")
    )
    assert response.status_code == 302
    assert Citizen.objects.filter(jobcenter=world.jobcenter).count() == 1


def test_the_check_is_one_query_however_many_citizens(world, django_assert_num_queries):
    CitizenFactory.create_batch(30, jobcenter=world.jobcenter)
    CitizenFactory.create_batch(5, jobcenter=world.jobcenter, name="Mette Sørensen")
    with django_assert_num_queries(1):
        found = likely_duplicates(jobcenter=world.jobcenter, name="mette sorensen", birth_date=None)
    assert len(found) == 5
