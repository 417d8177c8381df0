"""Single logout both ways against pysaml2's IdP: the SP's signed LogoutRequest and the IdP's answer, and the
IdP's signed LogoutRequest that ends the sessions it names, wherever the browser is."""

import re
from html import unescape

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.saml.models import FederatedSession
from accounts.saml.privileges import role_uri
from accounts.saml.testidp import Person
from audit.models import ActivityLog

from .conftest import CVR_FAVRSKOV

pytestmark = pytest.mark.django_db

ANNA = Person(
    name_id="persistent-id-anna",
    email="anna@favrskov.dk",
    privileges={CVR_FAVRSKOV: [role_uri(Role.COORDINATOR)]},
)


def test_sp_initiated_logout_ends_the_session_here_and_asks_the_idp(sign_in, jobcenters, client, federation):
    assert sign_in(ANNA).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    idp_session = FederatedSession.objects.get().session_index  # the IdP's SessionIndex in the assertion
    assert idp_session

    answer = client.post(reverse("accounts:logout"))  # the header's "Log ud"

    assert answer.status_code == 200  # a page that moves on to the IdP (a form may not redirect off-site)
    target = unescape(re.search(r'<a href="([^"]+)">Fortsæt</a>', answer.content.decode()).group(1))
    assert target.startswith(federation.slo_url)
    back = federation.logout_response_for(target)  # verifies our redirect signature
    request = federation.last_logout_request
    assert request.name_id.text == "persistent-id-anna"
    assert [index.text for index in request.session_index] == [idp_session]
    assert not FederatedSession.objects.exists()
    assert client.get(reverse("home")).status_code == 302  # logged out here already
    done = client.get(back)
    assert done.status_code == 302
    assert done["Location"] == reverse("saml:logged_out")
    assert "Du er logget ud" in client.get(done["Location"]).content.decode()


def test_idp_initiated_logout_ends_the_named_session_and_answers_signed(sign_in, jobcenters, client, federation):
    assert sign_in(ANNA).status_code == 302
    assert sign_in(ANNA).status_code == 302  # a second sign-in of Anna in this browser; the first session ends
    idp_session = FederatedSession.objects.get().session_index
    # The IdP's request arrives without our session cookie (a front channel from another site's page).
    answer = Client().get(federation.logout_request_url(ANNA, session_index=idp_session))

    assert answer.status_code == 302
    assert federation.logout_response_accepted(answer["Location"])  # signed by us, status Success
    assert not Session.objects.exists()
    assert not FederatedSession.objects.exists()
    assert client.get(reverse("home")).status_code == 302
    assert ActivityLog.objects.filter(action="accounts.federation.logged_out_by_idp").count() == 1


def test_an_unsigned_idp_logout_request_ends_nothing(sign_in, jobcenters, client, federation):
    assert sign_in(ANNA).status_code == 302
    answer = Client().get(federation.logout_request_url(ANNA, sign=False))
    assert answer.status_code == 403
    assert client.get(reverse("home")).status_code == 200
    assert FederatedSession.objects.count() == 1
