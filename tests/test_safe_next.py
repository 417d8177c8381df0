"""Every view that follows a return address (`next`) stays on this site (mentorship.web.safe_next)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from accounts.tests.test_authentication import token_for
from citizens.tests.factories import CitizenFactory, FollowUpFactory
from conftest import login_verified
from mentorship.web import safe_next

pytestmark = pytest.mark.django_db

EVIL = [
    "//evil.example/x",
    "https://evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "javascript:alert(1)",
    "http:evil.example",
]
HOME = reverse("home")
LOGIN = reverse("accounts:login")


@pytest.mark.parametrize("target", EVIL)
def test_safe_next_refuses_another_site_and_other_schemes(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next(request, "home") == HOME


def test_safe_next_keeps_an_address_on_this_site():
    assert safe_next(RequestFactory().post("/", {"next": "/borgere/?side=2"}), "home") == "/borgere/?side=2"
    assert safe_next(RequestFactory().get("/", {"next": "/borgere/"}), "home") == "/borgere/"
    assert safe_next(RequestFactory().post("/"), "citizens:hours") == reverse("citizens:hours")


def test_safe_next_refuses_plain_http_from_a_secure_page():
    request = RequestFactory().post("/", {"next": "http://testserver/borgere/"}, secure=True)
    assert safe_next(request, "home") == HOME


@pytest.mark.parametrize("target", EVIL)
def test_confirming_hours_never_redirects_off_site(world, client, target):
    follow_up = FollowUpFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), mentor_hours=2)
    login_verified(client, world.coordinator)
    url = reverse("citizens:follow_up_confirm_hours", kwargs={"pk": follow_up.pk})
    response = client.post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:hours")


def test_confirming_hours_returns_to_the_page_it_came_from(world, client):
    follow_up = FollowUpFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), mentor_hours=2)
    login_verified(client, world.coordinator)
    back = reverse("citizens:placement_detail", kwargs={"pk": 1}) + "?side=2"
    url = reverse("citizens:follow_up_confirm_hours", kwargs={"pk": follow_up.pk})
    assert client.post(url, {"next": back})["Location"] == back


@pytest.mark.parametrize("target", EVIL)
def test_login_never_redirects_off_site(world, client, target):
    page = client.get(LOGIN, {"next": target})
    assert target not in page.content.decode()
    response = client.post(LOGIN, {"username": world.caseworker.email, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_login_follows_next_on_this_site(world, client):
    back = reverse("citizens:list")
    response = client.post(LOGIN, {"username": world.caseworker.email, "password": PASSWORD, "next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("target", EVIL)
def test_logout_never_redirects_off_site(world, client, target):
    login_verified(client, world.caseworker)
    response = client.post(reverse("accounts:logout"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == LOGIN


@pytest.mark.parametrize("target", EVIL)
def test_two_factor_verify_never_redirects_off_site(world, client, target):
    device = TOTPDeviceFactory(user=world.coordinator)
    client.post(LOGIN, {"username": world.coordinator.email, "password": PASSWORD})
    page = client.get(reverse("accounts:two_factor_verify"), {"next": target})
    assert target not in page.content.decode()
    response = client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == HOME


@pytest.mark.parametrize("target", EVIL)
def test_two_factor_setup_never_redirects_off_site(world, client, target):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.post(LOGIN, {"username": world.coordinator.email, "password": PASSWORD})
    page = client.get(reverse("accounts:two_factor_setup"), {"next": target})
    assert target not in page.content.decode()
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)
    # A moment later than the page, as a person typing the code would be.
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        response = client.post(reverse("accounts:two_factor_setup"), {"token": token_for(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == HOME
