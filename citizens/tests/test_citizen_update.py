"""Editing a citizen: the changes reach the database even when the caller's instance already holds
them (as a bound ModelForm's does), and only a coordinator moves a citizen to another caseworker (the
caseworker reads the citizen's sensitive notes). tests/test_edit_roundtrip.py covers every field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from citizens import services
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory, SensitiveNoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]

DENIED = "Kun en koordinator kan skifte borgerens sagsbehandler."


@pytest.fixture
def other_caseworker(world):
    return MembershipFactory(jobcenter=world.jobcenter, role=Role.CASEWORKER, user=UserFactory()).user


def _post_data(citizen, **changes) -> dict:
    data = {
        "name": citizen.name,
        "phone": citizen.phone,
        "postcode": citizen.postcode,
        "target_group": citizen.target_group_id,
        "caseworker": citizen.caseworker_id or "",
        "referred_on": citizen.referred_on.isoformat(),
    }
    data.update(changes)
    return data


def test_update_saves_what_the_callers_instance_already_holds(world):
    """The bug behind "Oplysningerne er gemt." with nothing saved: the form had already set the values."""
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Gammelt Navn", address="Gammel Vej 1")
    citizen.name, citizen.address = "Nyt Navn", "Ny Vej 2"
    services.citizen_update(actor=world.coordinator, citizen=citizen, data={"name": "Nyt Navn", "address": "Ny Vej 2"})
    stored = Citizen.objects.get(pk=citizen.pk)
    assert (stored.name, stored.address) == ("Nyt Navn", "Ny Vej 2")


def test_caseworker_cannot_take_over_another_caseworkers_citizen(world, login, other_caseworker):
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Gammelt Navn", caseworker=other_caseworker)
    SensitiveNoteFactory(citizen=citizen)
    client = login(world.caseworker)
    response = client.post(
        reverse("citizens:update", kwargs={"pk": citizen.pk}),
        _post_data(citizen, caseworker=world.caseworker.pk, name="Nyt Navn"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["caseworker"] == [DENIED]
    assert DENIED in response.content.decode()
    stored = Citizen.objects.get(pk=citizen.pk)
    assert (stored.caseworker_id, stored.name) == (other_caseworker.pk, "Gammelt Navn")  # nothing half-saved
    assert client.get(reverse("citizens:sensitive", kwargs={"pk": citizen.pk})).status_code == 403


def test_caseworker_cannot_clear_the_caseworker(world, login, other_caseworker):
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Gammelt Navn", caseworker=other_caseworker)
    client = login(world.caseworker)
    response = client.post(
        reverse("citizens:update", kwargs={"pk": citizen.pk}), _post_data(citizen, caseworker="", name="Nyt Navn")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["caseworker"] == [DENIED]
    stored = Citizen.objects.get(pk=citizen.pk)
    assert (stored.caseworker_id, stored.name) == (other_caseworker.pk, "Gammelt Navn")


def test_caseworker_is_offered_only_the_current_caseworker(world, login, other_caseworker):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=other_caseworker)
    response = login(world.caseworker).get(reverse("citizens:update", kwargs={"pk": citizen.pk}))
    assert list(response.context["form"].fields["caseworker"].queryset) == [other_caseworker]


def test_caseworker_edits_other_fields_and_keeps_the_caseworker(world, login, other_caseworker):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=other_caseworker)
    response = login(world.caseworker).post(
        reverse("citizens:update", kwargs={"pk": citizen.pk}), _post_data(citizen, name="Rettet Navn")
    )
    assert response.status_code == 302
    stored = Citizen.objects.get(pk=citizen.pk)
    assert (stored.name, stored.caseworker_id) == ("Rettet Navn", other_caseworker.pk)


def test_coordinator_reassigns_the_caseworker(world, login, other_caseworker):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=other_caseworker)
    response = login(world.coordinator).post(
        reverse("citizens:update", kwargs={"pk": citizen.pk}), _post_data(citizen, caseworker=world.caseworker.pk)
    )
    assert response.status_code == 302
    assert Citizen.objects.get(pk=citizen.pk).caseworker_id == world.caseworker.pk


def test_service_refuses_a_caseworker_changing_the_caseworker(world, other_caseworker):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=other_caseworker)
    with pytest.raises(ValidationError) as error:
        services.citizen_update(actor=world.caseworker, citizen=citizen, data={"caseworker": world.caseworker})
    assert error.value.message_dict == {"caseworker": [DENIED]}
    assert Citizen.objects.get(pk=citizen.pk).caseworker_id == other_caseworker.pk
    # A coordinator of another jobcenter is no coordinator here.
    with pytest.raises(ValidationError):
        services.citizen_update(actor=world.other_coordinator, citizen=citizen, data={"caseworker": None})
    services.citizen_update(actor=world.jobcenter_admin, citizen=citizen, data={"caseworker": world.caseworker})
    assert Citizen.objects.get(pk=citizen.pk).caseworker_id == world.caseworker.pk


def test_an_edit_form_sent_back_with_errors_is_logged_as_a_read(world, login):
    """The form shown again shows the citizen's data too, so it is a read like the first showing."""
    from audit.models import AccessLog

    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Jonna Ravn")
    client = login(world.coordinator)
    response = client.post(reverse("citizens:update", args=[citizen.pk]), {"name": ""})
    assert response.status_code == 200
    assert Citizen.objects.get(pk=citizen.pk).name == "Jonna Ravn"
    assert AccessLog.objects.filter(action="view", object_id=str(citizen.pk), actor=world.coordinator).count() == 1
