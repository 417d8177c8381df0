"""Holes found in the security review of the admin tenancy, account and form-token work (issues 18 and 19).

Each test reproduces one hole as an attacker would; each failed before its fix.
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

NEW_PASSWORD = "Ny-medarbejder-2026!"


def login_answers(user) -> int:
    client = Client(raise_request_exception=False)
    return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD}).status_code


def test_jobcenter_admin_cannot_create_a_case_twin_of_another_jobcenters_user(world, login):
    """A user whose e-mail differed only in case from another jobcenter's user (or the platform operator's)
    made every login with that address answer 500: login finds a user by e-mail in any case."""
    for victim in (world.other_coordinator, world.superuser):
        response = login(world.jobcenter_admin).post(
            reverse("admin:accounts_user_add"),
            {
                "email": victim.email.upper(),
                "full_name": "Tvilling",
                "role": Role.CASEWORKER,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "usable_password": "true",
            },
        )
        assert response.status_code == 200
        assert "Der findes allerede en bruger med denne e-mail." in response.content.decode()
        assert User.objects.filter(email__iexact=victim.email).count() == 1
        assert login_answers(victim) == 302


def test_jobcenter_admin_cannot_give_an_own_user_another_users_address_in_other_case(world, login):
    own = world.caseworker
    response = login(world.jobcenter_admin).post(
        reverse("admin:accounts_user_change", args=[own.pk]),
        {"email": world.superuser.email.upper(), "full_name": own.full_name, "is_active": "on"},
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.email.lower() != world.superuser.email.lower()
    assert login_answers(world.superuser) == 302
