"""A pysaml2 identity provider with keys made for the test run, and the SP configured to trust it."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.saml.client import xmlsec_binary
from accounts.saml.testidp import Person, TestIdP
from accounts.saml.views import REQUESTS_COOKIE
from accounts.tests.factories import JobcenterFactory

SP_BASE = "http://testserver"
CVR_FAVRSKOV = "29189714"
CVR_KALUNDBORG = "29189919"
CVR_ELSEWHERE = "29188386"


@pytest.fixture(scope="session", autouse=True)
def _xmlsec1():
    """pysaml2 signs and verifies through Debian's xmlsec1: skipped without it, failed under CI (as conftest.py
    does for PostgreSQL, Redis and Chromium)."""
    if not Path(xmlsec_binary()).is_file():
        message = "needs Debian's xmlsec1 (apt-get install xmlsec1)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def test_idp(tmp_path_factory):
    return TestIdP(tmp_path_factory.mktemp("saml"), sp_base_url=SP_BASE)


@pytest.fixture
def federation(test_idp, settings):
    settings.SAML_FEDERATION = test_idp.sp_settings()
    test_idp.trust_sp()
    return test_idp


@pytest.fixture
def jobcenters(db):
    return (
        JobcenterFactory(name="Jobcenter Favrskov", cvr=CVR_FAVRSKOV),
        JobcenterFactory(name="Jobcenter Kalundborg", cvr=CVR_KALUNDBORG),
    )


class SignIn:
    """Drives the Django test client through the real redirect to the IdP and the POST back."""

    def __init__(self, client, idp: TestIdP):
        self.client = client
        self.idp = idp
        self.last_response_xml: str | None = None
        self.last_cookie: str | None = None

    def start(self, next_url: str = ""):
        url = reverse("saml:login") + (f"?next={next_url}" if next_url else "")
        answer = self.client.get(url)
        assert answer.status_code == 302
        assert answer["Location"].startswith(self.idp.sso_url)
        return self.idp.authn_request(answer["Location"])

    def post(self, saml_response: str):
        return self.client.post(reverse("saml:acs"), {"SAMLResponse": saml_response})

    def __call__(self, person: Person, **response_options):
        request = self.start()
        self.last_cookie = self.client.cookies[REQUESTS_COOKIE].value
        self.last_response_xml = self.idp.response(person, in_response_to=request.id, **response_options)
        return self.post(self.last_response_xml)


@pytest.fixture
def sign_in(client, federation):
    return SignIn(client, federation)
