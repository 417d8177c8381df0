"""Staff sign-in through the Context Handler, end to end against pysaml2's IdP: the signed AuthnRequest goes out
by the real redirect, the signed (or encrypted) assertion comes back by the real POST, and every refusal is a
Danish page, an audit entry and nothing else."""

import base64
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Membership, Role, User
from accounts.saml.models import FederatedIdentity, FederatedSession, SeenAssertion
from accounts.saml.privileges import role_uri
from accounts.saml.testidp import Person
from accounts.saml.views import REQUESTS_COOKIE
from accounts.tests.factories import MembershipFactory, UserFactory
from audit.models import ActivityLog

from .conftest import CVR_ELSEWHERE, CVR_FAVRSKOV, CVR_KALUNDBORG

pytestmark = pytest.mark.django_db


def person(role=Role.COORDINATOR, cvr=CVR_FAVRSKOV, **fields) -> Person:
    defaults = {"name_id": "persistent-id-anna", "email": "anna@favrskov.dk", "first_name": "Anna", "last_name": "Holm"}
    return Person(**{**defaults, **fields}, privileges={cvr: [role_uri(role)]} if role else {})


def memberships(user):
    with scopes_disabled():
        return {(m.jobcenter.cvr, m.role, m.is_active) for m in Membership.objects.filter(user=user)}


def refusals():
    return list(ActivityLog.objects.filter(action="accounts.federation.refused").values_list("data", flat=True))


def assert_refused(answer, reason: str, text: str):
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Du blev ikke logget ind" in page
    assert text in page
    assert "_auth_user_id" not in answer.wsgi_request.session
    assert [entry["reason"] for entry in refusals()] == [reason]
    assert not User.objects.exists()
    assert not Membership.objects.exists()
    assert not FederatedIdentity.objects.exists()
    assert not SeenAssertion.objects.exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CASEWORKER, Role.JOBCENTER_ADMIN])
def test_good_sign_in_per_role_creates_the_user_and_membership_just_in_time(sign_in, jobcenters, client, role):
    answer = sign_in(person(role))

    assert answer.status_code == 302
    assert answer["Location"] == reverse("home")
    user = User.objects.get(email="anna@favrskov.dk")
    assert user.full_name == "Anna Holm"
    assert not user.has_usable_password()
    assert user.is_staff == (role == Role.JOBCENTER_ADMIN)
    assert memberships(user) == {(CVR_FAVRSKOV, role, True)}
    # Federated sign-in is the second factor: the start page opens without a TOTP step.
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.wsgi_request.user == user
    assert FederatedSession.objects.filter(user=user, name_id="persistent-id-anna").count() == 1
    assert ActivityLog.objects.filter(action="accounts.federation.signed_in", actor=user).count() == 1


def test_an_encrypted_assertion_signs_in_too(sign_in, jobcenters):
    assert sign_in(person(), encrypt=True).status_code == 302
    assert User.objects.filter(email="anna@favrskov.dk").exists()


def test_sign_in_returns_to_the_page_asked_for(sign_in, jobcenters, federation):
    request = sign_in.start(next_url="/borgere/")
    answer = sign_in.post(federation.response(person(), in_response_to=request.id))
    assert answer["Location"] == "/borgere/"


def test_metadata_names_entity_acs_slo_and_certificate(client, federation):
    answer = client.get(reverse("saml:metadata"))
    xml = answer.content.decode()
    assert answer.status_code == 200
    assert 'entityID="http://testserver/saml/metadata/"' in xml
    assert 'Location="http://testserver/saml/acs/"' in xml
    assert 'Location="http://testserver/saml/slo/"' in xml
    assert 'AuthnRequestsSigned="true"' in xml
    assert 'WantAssertionsSigned="true"' in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml
    certificate = "".join(Path(federation.sp_cert_file).read_text().splitlines()[1:-1])
    assert certificate in xml.replace("\n", "")


def test_the_authn_request_is_signed_and_asks_for_substantial(sign_in):
    request = sign_in.start()  # pysaml2's IdP verified the redirect signature against our metadata
    assert request.requested_authn_context.authn_context_class_ref[0].text.endswith("/loa/Substantial")
    assert request.requested_authn_context.comparison == "minimum"


def test_bad_signature_is_refused(sign_in, jobcenters, federation):
    request = sign_in.start()
    xml = base64.b64decode(federation.response(person(Role.CASEWORKER), in_response_to=request.id)).decode()
    # The signed assertion is changed after signing: someone puts their own address on Anna's sign-in.
    forged = xml.replace("anna@favrskov.dk", "mallory@favrskov.dk")
    assert forged != xml
    answer = sign_in.post(base64.b64encode(forged.encode()).decode())
    assert_refused(answer, "signature", "kunne ikke godkendes")


def test_an_unsigned_assertion_in_a_signed_response_is_refused(sign_in, jobcenters):
    assert_refused(sign_in(person(), sign_assertion=False), "signature", "kunne ikke godkendes")


def test_expired_assertion_is_refused(sign_in, jobcenters, federation):
    request = sign_in.start()
    response = federation.response(person(), in_response_to=request.id)
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):  # the policy gives 5 minutes, skew 1
        answer = sign_in.post(response)
    assert_refused(answer, "expired", "for gammelt")


def test_not_yet_valid_assertion_is_refused(sign_in, jobcenters, federation):
    request = sign_in.start()
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):  # the IdP's clock runs 3 minutes fast
        response = federation.response(person(), in_response_to=request.id)
    answer = sign_in.post(response)
    assert_refused(answer, "not_yet_valid", "kom for tidligt")


def test_a_small_clock_difference_within_the_skew_is_accepted(sign_in, jobcenters, federation):
    request = sign_in.start()
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        response = federation.response(person(), in_response_to=request.id)
    assert sign_in.post(response).status_code == 302


def test_replayed_assertion_is_refused(sign_in, jobcenters, client):
    assert sign_in(person()).status_code == 302
    client.logout()
    # The attacker has the response and the browser's state of that moment (the request it answered).
    client.cookies[REQUESTS_COOKIE] = sign_in.last_cookie
    answer = sign_in.post(sign_in.last_response_xml)
    assert answer.status_code == 403
    assert "allerede brugt" in answer.content.decode()
    assert [entry["reason"] for entry in refusals()] == ["replayed"]
    assert SeenAssertion.objects.count() == 1


def test_wrong_audience_is_refused(sign_in, jobcenters, federation):
    request = sign_in.start()
    answer = sign_in.post(
        federation.response(person(), in_response_to=request.id, audience="https://another-service.example/saml")
    )
    assert_refused(answer, "audience", "kunne ikke godkendes")


def test_unsolicited_response_is_refused(sign_in, jobcenters, federation):
    answer = sign_in.post(federation.response(person(), in_response_to=None))
    assert_refused(answer, "unsolicited", "ikke til et login")


def test_a_response_to_another_browsers_request_is_refused(sign_in, jobcenters, federation, client):
    request = sign_in.start()
    client.cookies.pop(REQUESTS_COOKIE)
    answer = sign_in.post(federation.response(person(), in_response_to=request.id))
    assert_refused(answer, "unsolicited", "ikke til et login")


def test_level_of_assurance_below_substantial_is_refused(sign_in, jobcenters):
    assert_refused(sign_in(person(loa="Low")), "loa_too_low", "betydelig")


def test_privilege_for_a_municipality_not_served_is_refused(sign_in, jobcenters):
    answer = sign_in(person(cvr=CVR_ELSEWHERE))
    assert answer.status_code == 403
    assert "ikke bruger denne installation" in answer.content.decode()
    assert refusals()[0]["cvrs"] == [CVR_ELSEWHERE]
    assert not User.objects.exists()


def test_no_role_of_ours_is_refused(sign_in, jobcenters):
    assert_refused(sign_in(person(role=None)), "no_privilege", "ikke fået en rolle")


def test_a_role_withdrawn_is_removed_at_the_next_sign_in(sign_in, jobcenters, client):
    both = person()
    both.privileges = {
        CVR_FAVRSKOV: [role_uri(Role.COORDINATOR)],
        CVR_KALUNDBORG: [role_uri(Role.CASEWORKER), role_uri(Role.JOBCENTER_ADMIN)],
    }
    assert sign_in(both).status_code == 302
    user = User.objects.get()
    assert memberships(user) == {(CVR_FAVRSKOV, Role.COORDINATOR, True), (CVR_KALUNDBORG, Role.JOBCENTER_ADMIN, True)}
    assert user.is_staff
    client.logout()

    assert sign_in(person(Role.CASEWORKER)).status_code == 302  # Kalundborg withdrawn, Favrskov narrowed

    user.refresh_from_db()
    assert memberships(user) == {(CVR_FAVRSKOV, Role.CASEWORKER, True), (CVR_KALUNDBORG, Role.JOBCENTER_ADMIN, False)}
    assert not user.is_staff
    assert ActivityLog.objects.filter(action="accounts.federation.role_removed").count() == 1
    assert ActivityLog.objects.filter(action="accounts.federation.role_changed").count() == 1


def test_an_existing_local_user_is_linked_when_the_assertion_vouches_for_all_their_roles(sign_in, jobcenters):
    local = UserFactory(email="anna@favrskov.dk")
    MembershipFactory(user=local, jobcenter=jobcenters[0], role=Role.COORDINATOR)
    assert sign_in(person(Role.COORDINATOR)).status_code == 302
    assert FederatedIdentity.objects.get().user == local


def test_an_existing_user_with_roles_the_assertion_does_not_vouch_for_is_not_taken_over(sign_in, jobcenters):
    local = UserFactory(email="anna@favrskov.dk")
    MembershipFactory(user=local, jobcenter=jobcenters[1], role=Role.COORDINATOR)
    answer = sign_in(person(Role.COORDINATOR, cvr=CVR_FAVRSKOV))
    assert answer.status_code == 403
    assert [entry["reason"] for entry in refusals()] == ["email_taken"]
    assert not FederatedIdentity.objects.exists()
    assert memberships(local) == {(CVR_KALUNDBORG, Role.COORDINATOR, True)}


def test_without_federation_every_saml_url_is_absent(client, settings):
    settings.SAML_FEDERATION = None
    assert client.get(reverse("saml:metadata")).status_code == 404
    assert client.get(reverse("saml:login")).status_code == 404
    assert client.post(reverse("saml:acs"), {"SAMLResponse": "x"}).status_code == 404
