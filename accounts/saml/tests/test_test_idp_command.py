"""`manage.py saml_test_idp`: its IdP signs the demo staff in, through its own pages, with the roles they have."""

import io
import re
from html import unescape
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts.demo import seed_accounts
from accounts.management.commands.saml_test_idp import Command, demo_people
from accounts.models import Membership, Role, User
from accounts.saml.testidp import TestIdP

pytestmark = pytest.mark.django_db


def call(app, method: str, path: str, query: str = "", body: str = ""):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body.encode())),
        "wsgi.input": io.BytesIO(body.encode()),
    }
    content = b"".join(app(environ, start_response)).decode()
    return answer["status"], answer["headers"], content


def test_the_demo_consultant_signs_in_with_both_jobcenters(tmp_path, settings, client):
    seed_accounts()
    idp = TestIdP(tmp_path, base_url="http://127.0.0.1:8001", sp_base_url="http://testserver")
    settings.SAML_FEDERATION = idp.sp_settings()
    people = demo_people()
    app = Command().app(idp, people)
    assert set(people) >= {"koordinator@favrskov.demo", "admin@favrskov.demo", "konsulent@mentorordning.demo"}
    assert "leder@favrskov.demo" not in people  # company leaders do not sign in through KOMBIT

    to_idp = client.get(reverse("saml:login"))["Location"]
    query = urlsplit(to_idp).query
    status, _headers, page = call(app, "GET", "/saml/sso", query)
    assert status == "200 OK" and "konsulent@mentorordning.demo" in page
    hidden = unescape(re.search(r'name="request" value="([^"]*)"', page).group(1))
    body = urlencode({"request": hidden, "email": "konsulent@mentorordning.demo"})
    status, _headers, form = call(app, "POST", "/saml/sso/vaelg", body=body)
    saml_response = unescape(re.search(r'name="SAMLResponse" value="([^"]*)"', form).group(1))

    answer = client.post(reverse("saml:acs"), {"SAMLResponse": saml_response})

    assert answer.status_code == 302
    user = User.objects.get(email="konsulent@mentorordning.demo")
    assert client.get(reverse("home")).wsgi_request.user == user
    with scopes_disabled():
        roles = {(m.jobcenter.slug, m.role) for m in Membership.objects.filter(user=user, is_active=True)}
    assert roles == {("favrskov", Role.COORDINATOR), ("kalundborg", Role.CASEWORKER)}
