"""Holes found in the security review of the admin tenancy, account and form-token work (issues 18 and 19).

Each test reproduces one hole as an attacker would; each failed before its fix.
"""

import uuid
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db.models import Q
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import PASSWORD
from audit.models import AccessLog
from citizens.tests.factories import CitizenFactory
from mentorship.ratelimit import over_limit

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


def _from_proxy(forwarded_for: str):
    return RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_one_client_at_the_limit_does_not_turn_away_the_others():
    """Behind the documented reverse proxy every request came from the proxy's address: whoever sent the
    limit's worth (five applications an hour) turned away every applicant of the jobcenter."""
    scope = f"review:{uuid.uuid4().hex}"
    for _ in range(2):
        assert not over_limit(_from_proxy("203.0.113.7"), scope, limit=2, window=60)
    assert over_limit(_from_proxy("203.0.113.7"), scope, limit=2, window=60)
    assert not over_limit(_from_proxy("198.51.100.4"), scope, limit=2, window=60)
    # The entries before the proxy's are the client's to write: a made-up one does not reset its count.
    assert over_limit(_from_proxy("192.0.2.99, 203.0.113.7"), scope, limit=2, window=60)


def test_without_a_proxy_the_forwarded_header_is_ignored():
    scope = f"review:{uuid.uuid4().hex}"
    assert not over_limit(_from_proxy("203.0.113.7"), scope, limit=1, window=60)
    assert over_limit(_from_proxy("198.51.100.4"), scope, limit=1, window=60)


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_failed_logins_lock_out_the_client_not_everyone(world):
    """django-axes locks a client address after AXES_FAILURE_LIMIT failed logins; behind the proxy that was
    the proxy's address, so anyone's five wrong guesses locked every user out for the cool-off."""
    url = reverse("accounts:login")
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(url, {"username": f"gaet{attempt}@example.dk", "password": "forkert-gaet"})
    assert attacker.post(url, {"username": world.caseworker.email, "password": PASSWORD}).status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert colleague.post(url, {"username": world.coordinator.email, "password": PASSWORD}).status_code == 302


def test_a_nul_in_the_session_cookie_is_no_session_rather_than_a_500(world):
    client = Client(raise_request_exception=False, HTTP_COOKIE='sessionid="abcdefgh\\000ijklmnop"')
    assert client.get(reverse("accounts:login")).status_code == 200


def test_a_cpr_number_typed_into_an_admin_search_never_reaches_the_access_log(world, login):
    """The app refuses a CPR number in a list search, so it never sits in a URL or the append-only access
    log; Django admin's searches logged it there (criterion and path), kept for the log's whole period."""
    CitizenFactory(jobcenter=world.jobcenter, name="Hans Hansen", cpr_number="010190-1234")
    client = login(world.jobcenter_admin)
    changelist = reverse("admin:citizens_citizen_changelist")
    for term in ("010190-1234", "0101901234"):
        response = client.get(changelist + "?" + urlencode({"q": term}))
        assert response.status_code == 302
        assert response["Location"] == changelist
    query = {"app_label": "citizens", "model_name": "placement", "field_name": "citizen", "term": "010190-1234"}
    response = client.get(reverse("admin:autocomplete") + "?" + urlencode(query))
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert not AccessLog.objects.filter(Q(criterion__contains="1234") | Q(path__contains="1234")).exists()

    assert client.get(changelist + "?q=Hansen").status_code == 200  # a name search is searched and logged
    assert AccessLog.objects.filter(criterion__contains="Hansen").exists()
