"""The jobcenter admin's switch: with federation configured, staff of the jobcenter sign in through the Context
Handler only. Switching off needs the admin's own federated sign-in and the jobcenter's CVR number."""

import pytest
from django.urls import reverse

from accounts.models import Jobcenter, Role, User
from accounts.saml.privileges import role_uri
from accounts.saml.testidp import Person
from accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from audit.models import ActivityLog
from conftest import login_verified

from .conftest import CVR_FAVRSKOV

pytestmark = pytest.mark.django_db

ADMIN = Person(
    name_id="persistent-id-admin",
    email="admin@favrskov.dk",
    privileges={CVR_FAVRSKOV: [role_uri(Role.JOBCENTER_ADMIN)]},
)


def password_login(client, email):
    return client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def test_a_federated_admin_switches_passwords_off_and_staff_are_sent_to_federation(sign_in, jobcenters, client):
    favrskov = jobcenters[0]
    caseworker = UserFactory(email="sagsbehandler@favrskov.dk")
    MembershipFactory(user=caseworker, jobcenter=favrskov, role=Role.CASEWORKER)
    leader_elsewhere = UserFactory(email="koordinator@kalundborg.dk")
    MembershipFactory(user=leader_elsewhere, jobcenter=jobcenters[1], role=Role.COORDINATOR)
    assert sign_in(ADMIN).status_code == 302

    page = client.get(reverse("saml:local_passwords"))
    assert page.status_code == 200
    assert "Slå adgangskoder fra" in page.content.decode()
    answer = client.post(reverse("saml:local_passwords"), {"disabled": "1"})

    assert answer.status_code == 302
    favrskov.refresh_from_db()
    assert favrskov.local_passwords_disabled
    assert ActivityLog.objects.filter(action="accounts.federation.passwords_disabled", jobcenter=favrskov).exists()
    client.logout()
    refused = password_login(client, "sagsbehandler@favrskov.dk")
    assert refused.status_code == 200
    assert "Fælleskommunal adgangsstyring" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another jobcenter's staff keep their passwords.
    assert password_login(client, "koordinator@kalundborg.dk").status_code == 302


def test_an_admin_signed_in_with_a_password_cannot_switch_passwords_off(federation, jobcenters, client):
    admin = MembershipFactory(jobcenter=jobcenters[0], role=Role.JOBCENTER_ADMIN, user=UserFactory(is_staff=True)).user
    login_verified(client, admin)
    page = client.get(reverse("saml:local_passwords"))
    assert "Log selv ind via Fælleskommunal adgangsstyring først" in page.content.decode()
    answer = client.post(reverse("saml:local_passwords"), {"disabled": "1"}, follow=True)
    assert "kan først slås fra" in answer.content.decode()
    assert not Jobcenter.objects.get(pk=jobcenters[0].pk).local_passwords_disabled


def test_without_federation_passwords_cannot_be_switched_off(settings, jobcenters, client):
    settings.SAML_FEDERATION = None
    admin = MembershipFactory(jobcenter=jobcenters[0], role=Role.JOBCENTER_ADMIN, user=UserFactory(is_staff=True)).user
    login_verified(client, admin)
    assert "ikke sat op" in client.get(reverse("saml:local_passwords")).content.decode()
    client.post(reverse("saml:local_passwords"), {"disabled": "1"})
    assert not Jobcenter.objects.get(pk=jobcenters[0].pk).local_passwords_disabled


def test_the_platform_operator_keeps_the_password(jobcenters, client):
    Jobcenter.objects.filter(pk=jobcenters[0].pk).update(local_passwords_disabled=True)
    operator = User.objects.create_superuser(email="platform@example.dk", password=PASSWORD, full_name="Drift")
    MembershipFactory(user=operator, jobcenter=jobcenters[0], role=Role.COORDINATOR)
    assert password_login(client, "platform@example.dk").status_code == 302
