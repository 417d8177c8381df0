"""The federation URLs with federation configured, per role (the project's walk runs without it, where they all
answer 404): public endpoints answer everyone the same, the SP logout needs a login, and the local-passwords page
is the jobcenter admin's alone. A refused request changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Jobcenter
from conftest import login_verified

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "caseworker", "jobcenter_admin", "leader_a", "other_coordinator", "superuser"]


def client_for(world, role):
    client = Client()
    if role != "anonymous":
        login_verified(client, getattr(world, role))
    return client


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_public_federation_endpoints_answer_every_role_alike(federation, world, role):
    client = client_for(world, role)
    assert client.get(reverse("saml:metadata")).status_code == 200
    assert client.get(reverse("saml:login")).status_code == 302
    assert client.get(reverse("saml:logged_out")).status_code == 200
    assert client.get(reverse("saml:acs")).status_code == 405
    assert client.post(reverse("saml:acs")).status_code == 400  # no SAMLResponse
    assert client.get(reverse("saml:slo")).status_code == 400  # no SAML message
    assert client.post(reverse("saml:slo"), {"SAMLRequest": "bm90IHNhbWw="}).status_code == 403
    assert client.get(reverse("saml:logout")).status_code == (302 if role == "anonymous" else 405)


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_local_passwords_page_is_the_jobcenter_admins(federation, world, role):
    client = client_for(world, role)
    expected = {"anonymous": 302, "jobcenter_admin": 200}.get(role, 403)
    assert client.get(reverse("saml:local_passwords")).status_code == expected
    answer = client.post(reverse("saml:local_passwords"), {"disabled": "1"})
    assert answer.status_code == (302 if role == "jobcenter_admin" else expected)
    # Nobody here signed in through federation, so nobody switched passwords off.
    assert not Jobcenter.objects.filter(local_passwords_disabled=True).exists()


def test_sp_logout_of_a_password_session_just_logs_out(federation, world):
    client = client_for(world, "coordinator")
    answer = client.post(reverse("saml:logout"))
    assert answer.status_code == 302
    assert client.get(reverse("home")).status_code == 302
