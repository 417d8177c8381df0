"""Forms that catch mistakes (issue 21): an unknown postcode, a referral in the future, a duplicate CPR number
or a likely duplicate citizen, a follow-up before its placement starts, a claim for a month not yet over. Each
is refused with a Danish error next to the field, and nothing is saved."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citizens.models import Citizen, FollowUp
from citizens.tests.factories import CitizenFactory, PlacementFactory, TargetGroupFactory, today
from companies import services as company_services
from companies.tests.factories import CompanyMentorFactory
from matching.models import PostcodeLocation

pytestmark = pytest.mark.django_db


def _referral(world, **fields):
    group = TargetGroupFactory(jobcenter=world.jobcenter)
    return {
        "name": "Ali Hassan",
        "postcode": "8450",
        "target_group": group.pk,
        "referred_on": today().isoformat(),
        **fields,
    }


def _errors_of(response, field: str) -> str:
    """The text next to `field` (its error block in the DKFDS form)."""
    page = html.unescape(response.content.decode())
    start = page.find(f'id="id_{field}"')
    assert start != -1, field
    return page[max(0, start - 1500) : start]


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("99999", "højst have 4 tegn (den har 5)"),
        ("9999", "Postnummeret 9999 findes ikke i Danmark"),
        ("0000", "Postnummeret 0000 findes ikke i Danmark"),
        ("84a0", "Postnummeret skal være fire cifre"),
    ],
)
def test_a_postcode_outside_denmark_is_refused(world, login, postcode, message):
    response = login(world.caseworker).post(reverse("citizens:create"), _referral(world, postcode=postcode))
    assert response.status_code == 200
    assert message in _errors_of(response, "postcode")
    assert not Citizen.objects.exists()


def test_with_the_postcode_list_imported_only_real_postcodes_pass(world, login):
    PostcodeLocation.objects.create(code="8450", name="Hammel", latitude=56.25, longitude=9.86)
    client = login(world.caseworker)
    response = client.post(reverse("citizens:create"), _referral(world, postcode="8451"))
    assert "Postnummeret 8451 findes ikke i Danmark" in _errors_of(response, "postcode")
    assert not Citizen.objects.exists()
    response = client.post(reverse("citizens:create"), _referral(world, postcode="8450"))
    assert response.status_code == 302
    assert Citizen.objects.get().postcode == "8450"


@pytest.mark.parametrize("days_ahead", [1, 1500])
def test_a_referral_in_the_future_is_refused(world, login, days_ahead):
    # The date is taken when the test runs, not when it is collected: a run that crosses midnight must hold.
    referred_on = (today() + datetime.timedelta(days=days_ahead)).isoformat()
    response = login(world.caseworker).post(reverse("citizens:create"), _referral(world, referred_on=referred_on))
    assert response.status_code == 200
    assert not Citizen.objects.exists()
    errors = _errors_of(response, "referred_on")
    assert "Henvisningsdatoen kan ikke ligge efter i dag." in errors or "Datoen skal ligge mellem" in errors


def test_a_duplicate_cpr_is_refused_with_a_link_to_the_citizen_who_has_it(world, login):
    existing = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234", name="Første Borger")
    response = login(world.caseworker).post(
        reverse("citizens:create"), _referral(world, name="Anden Borger", cpr_number="0101901234")
    )
    assert response.status_code == 200
    errors = _errors_of(response, "cpr_number")
    assert "Der findes allerede en borger med dette CPR-nummer:" in errors
    assert f'<a href="{reverse("citizens:detail", kwargs={"pk": existing.pk})}">Første Borger</a>' in errors
    assert Citizen.objects.count() == 1


def test_the_same_cpr_in_another_jobcenter_is_no_duplicate_and_not_shown(world, login):
    CitizenFactory(jobcenter=world.other_jobcenter, cpr_number="010190-1234", name="Fremmed Borger")
    response = login(world.caseworker).post(reverse("citizens:create"), _referral(world, cpr_number="010190-1234"))
    assert response.status_code == 302
    assert "Fremmed Borger" not in response.content.decode()


def test_a_likely_duplicate_by_name_and_birth_date_is_flagged_until_confirmed(world, login):
    existing = CitizenFactory(jobcenter=world.jobcenter, name="Ali Hassan", cpr_number="010190-1111")
    client = login(world.coordinator)
    data = _referral(world, name="ali  hassan", cpr_number="010190-1234")
    response = client.post(reverse("citizens:create"), data)
    assert response.status_code == 200
    errors = _errors_of(response, "name")
    assert "Der findes måske allerede en borger med et lignende navn og samme eller ukendt fødselsdato:" in errors
    assert reverse("citizens:detail", kwargs={"pk": existing.pk}) in errors
    assert "Det er en anden borger: opret alligevel" in response.content.decode()
    assert Citizen.objects.count() == 1
    response = client.post(reverse("citizens:create"), {**data, "not_duplicate": "on"})
    assert response.status_code == 302
    assert Citizen.objects.count() == 2


def test_a_citizen_without_cpr_with_the_same_name_is_flagged(world, login):
    CitizenFactory(jobcenter=world.jobcenter, name="Ali Hassan")
    response = login(world.caseworker).post(reverse("citizens:create"), _referral(world))
    assert "Der findes måske allerede en borger" in _errors_of(response, "name")
    assert Citizen.objects.count() == 1


def test_another_name_is_no_duplicate(world, login):
    CitizenFactory(jobcenter=world.jobcenter, name="Ali Hassan", cpr_number="010190-1111")
    response = login(world.caseworker).post(reverse("citizens:create"), _referral(world, name="Ali Hansen"))
    assert response.status_code == 302


def test_a_follow_up_before_the_placement_starts_is_refused(world, login):
    placement = PlacementFactory(citizen__jobcenter=world.jobcenter, starts_on=today() - datetime.timedelta(days=3))
    response = login(world.coordinator).post(
        reverse("citizens:follow_up_create", kwargs={"pk": placement.citizen_id}),
        {
            "placement": placement.pk,
            "kind": "visit",
            "occurred_on": (today() - datetime.timedelta(days=10)).isoformat(),
            "notes": "Godt besøg.",
            "mentor_hours": "0",
        },
    )
    assert response.status_code == 200
    expected = f"Opfølgningen kan ikke ligge før forløbet starter ({placement.starts_on:%d.%m.%Y})."
    assert expected in _errors_of(response, "occurred_on")
    assert not FollowUp.objects.exists()


def test_a_claim_for_a_month_not_yet_over_is_refused(world):
    placement = PlacementFactory(
        citizen__jobcenter=world.jobcenter,
        company=world.company_a,
        company_mentor=CompanyMentorFactory(company=world.company_a, hourly_wage=Decimal("250")),
        starts_on=today() - datetime.timedelta(days=90),
    )
    with pytest.raises(ValidationError) as error:
        company_services.claim_submit(
            actor=world.leader_a,
            company=world.company_a,
            placement=placement,
            month=today().replace(day=1),
            hours=Decimal("8"),
        )
    assert error.value.message_dict["month"] == ["Der kan først søges frikøb for en måned, når den er slut."]


def test_company_and_mentor_forms_refuse_a_postcode_outside_denmark(world):
    from companies.forms import CompanyForm
    from corps.forms import MentorForm

    company = CompanyForm(data={"name": "Ny ApS", "postcode": "9999"}, jobcenter=world.jobcenter)
    assert not company.is_valid()
    assert company.errors["postcode"] == [
        "Postnummeret 9999 findes ikke i Danmark. Tjek det på brevet eller i adressen."
    ]
    mentor = MentorForm(data={"full_name": "Ny Mentor", "postcode": "0000"}, jobcenter=world.jobcenter)
    assert not mentor.is_valid()
    assert mentor.errors["postcode"] == [
        "Postnummeret 0000 findes ikke i Danmark. Tjek det på brevet eller i adressen."
    ]
