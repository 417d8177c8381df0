"""MitID Erhverv sign-in end to end against a local OpenID Connect provider (accounts.oidc.testprovider):
the site's redirect, the provider's authorisation answer, and the callback that exchanges the code over HTTP
and verifies the signed ID token against the provider's JWKS. Only the person's browser is played by the test."""

import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from accounts.models import Membership, Role, User
from accounts.oidc.models import ProfessionalBinding
from accounts.oidc.testprovider import Person, callback_query
from audit.models import ActivityLog
from companies.models import LeaderInvitation
from companies.services import leader_remove
from companies.tests.factories import LeaderInvitationFactory
from conftest import login_verified

pytestmark = pytest.mark.django_db

PERSISTENT_ID = "urn:uuid:6f1c2a9e-3b7d-4e51-9a0c-2d8e5f4b7a13"


def person_for(company, **overrides) -> Person:
    fields = {
        "persistent_id": PERSISTENT_ID,
        "cvr": company.cvr,
        "name": "Lone Kjær",
        "email": "lone@hammel-maskinfabrik.dk",
        "org_name": company.name,
    }
    return Person(**{**fields, **overrides})


def invite(company, email="lone.kjaer@hammel-maskinfabrik.dk"):
    token = secrets.token_urlsafe(16)
    invitation = LeaderInvitationFactory(company=company, token=token, email=email, full_name="Lone Kjær")
    return invitation, token


def through_provider(client, start_url: str):
    """Follows the sign-in as a browser would: the site's redirect to the provider, the provider's redirect
    back, and the callback. Returns (authorisation request parameters, the callback's response)."""
    start = client.get(start_url)
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    answer = requests.get(authorize, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    params = {key: values[0] for key, values in parse_qs(urlsplit(authorize).query).items()}
    return params, client.get(callback_query(answer.headers["Location"]))


def snapshot():
    return (
        User.objects.count(),
        Membership.objects.count(),
        ProfessionalBinding.unscoped.count(),
        LeaderInvitation.objects.filter(accepted_at__isnull=False).count(),
    )


def refusals(reason: str):
    return ActivityLog.objects.filter(action="accounts.mitid_erhverv.refused", data__reason=reason)


def bind(client, provider, world):
    """The first sign-in through an invitation to company A; returns the membership it bound."""
    invitation, token = invite(world.company_a)
    provider.person = person_for(world.company_a)
    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start_invitation", args=[token]))
    assert response.status_code == 302, response.content.decode()
    return Membership.objects.get(user__email=invitation.email)


def test_first_sign_in_through_the_invitation_binds_the_persistent_id(client, provider, world):
    invitation, token = invite(world.company_a)
    page = client.get(reverse("companies:invitation_accept", args=[token]))
    start_url = reverse("accounts:mitid_erhverv:start_invitation", args=[token])
    assert start_url in page.content.decode()
    provider.person = person_for(world.company_a)

    params, response = through_provider(client, start_url)

    # The authorisation request carried PKCE (S256), a state and a nonce, and the code exchange its verifier.
    assert params["code_challenge_method"] == "S256" and params["code_challenge"]
    assert params["state"] and params["nonce"]
    assert provider.token_requests[-1]["code_verifier"]
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    membership = Membership.objects.select_related("user", "mitid_erhverv_binding").get(user__email=invitation.email)
    assert (membership.role, membership.company, membership.is_active) == (Role.COMPANY_LEADER, world.company_a, True)
    assert membership.mitid_erhverv_binding.persistent_id == PERSISTENT_ID
    assert membership.mitid_erhverv_binding.cvr == world.company_a.cvr
    assert membership.user.full_name == "Lone Kjær" and not membership.user.has_usable_password()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.user == membership.user
    assert ActivityLog.objects.filter(action="accounts.mitid_erhverv.bound", object_id=str(membership.pk)).exists()
    # The federated sign-in is the second factor: the portal opens without an authenticator app.
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    assert world.company_a.name in home.content.decode()
    # A user without a password is not offered to change one.
    assert reverse("accounts:password_change") not in home.content.decode()


def test_a_wrong_cvr_through_the_invitation_is_refused_and_creates_nothing(client, provider, world):
    _invitation, token = invite(world.company_a)
    provider.person = person_for(world.company_a, cvr=world.company_b.cvr)
    before = snapshot()

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start_invitation", args=[token]))

    assert response.status_code == 403
    text = response.content.decode()
    assert "Du er logget ind for en anden virksomhed" in text and world.company_b.cvr in text
    assert snapshot() == before
    assert refusals("wrong_cvr").filter(jobcenter=world.jobcenter).count() == 1
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:home")).status_code == 302  # not logged in


def test_a_later_sign_in_finds_the_person_by_the_persistent_id(client, provider, world, django_assert_max_num_queries):
    membership = bind(client, provider, world)
    client.logout()
    # At a later sign-in the provider may report another name and e-mail; the persistent ID is what counts.
    provider.person = person_for(world.company_a, name="Lone Kjær Madsen", email="lkm@example.dk")

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start"))

    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert int(client.session["_auth_user_id"]) == membership.user_id
    assert ActivityLog.objects.filter(action="accounts.mitid_erhverv.signed_in", actor=membership.user).count() == 1
    with django_assert_max_num_queries(40):
        assert client.get(reverse("portal:home")).status_code == 200


def test_a_later_sign_in_for_another_organisation_is_refused(client, provider, world):
    bind(client, provider, world)
    client.logout()
    provider.person = person_for(world.company_a, cvr="12345674")
    before = snapshot()

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start"))

    assert response.status_code == 403
    assert "12345674" in response.content.decode()
    assert snapshot() == before
    assert refusals("wrong_cvr").count() == 1
    assert "_auth_user_id" not in client.session


def test_a_revoked_person_loses_access(client, provider, world):
    membership = bind(client, provider, world)
    client.logout()
    leader_remove(actor=world.coordinator, membership=membership)
    provider.person = person_for(world.company_a)

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start"))

    assert response.status_code == 403
    assert "Din adgang til portalen er fjernet" in response.content.decode()
    assert refusals("revoked").filter(jobcenter=world.jobcenter).count() == 1
    assert "_auth_user_id" not in client.session


def test_an_unknown_person_without_an_invitation_is_refused(client, provider, world):
    provider.person = person_for(world.company_a)
    before = snapshot()

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start"))

    assert response.status_code == 403
    assert "invitationen fra jobcentret" in response.content.decode()
    assert snapshot() == before
    assert refusals("unknown").count() == 1


@pytest.mark.parametrize(
    ("fault", "reason", "status", "error"),
    [
        ("bad_signature", "token", 400, "BadSignatureError"),
        ("wrong_nonce", "token", 400, "InvalidClaimError: invalid_claim: Invalid claim: 'nonce'"),
        ("expired", "token", 400, "ExpiredTokenError"),
        ("wrong_audience", "token", 400, "InvalidClaimError"),
        ("no_id_token", "token", 400, "NoIdToken"),
        ("low_level", "level", 403, None),
    ],
)
def test_an_id_token_that_does_not_verify_signs_nobody_in(client, provider, world, fault, reason, status, error):
    _invitation, token = invite(world.company_a)
    provider.person = person_for(world.company_a)
    provider.faults.add(fault)
    before = snapshot()

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start_invitation", args=[token]))

    assert response.status_code == status, response.content.decode()
    assert snapshot() == before
    (entry,) = refusals(reason)
    if error is not None:
        assert entry.data["error"].startswith(error), entry.data
    else:
        assert entry.data["level"] == "Low"
    assert "_auth_user_id" not in client.session
    assert "Du er ikke logget ind." in response.content.decode()


def test_a_wrong_or_replayed_state_is_refused(client, provider, world):
    _invitation, token = invite(world.company_a)
    provider.person = person_for(world.company_a)
    start = client.get(reverse("accounts:mitid_erhverv:start_invitation", args=[token]))
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = callback_query(answer.headers["Location"])
    before = snapshot()

    forged = client.get(back.replace("state=", "state=x"))
    assert forged.status_code == 400
    assert snapshot() == before
    # The forged answer used up nothing; the real one then signs in once, and a replay of it is refused.
    other_client_replay = client.__class__().get(back)
    assert other_client_replay.status_code == 400  # another browser (no state in its session)
    assert refusals("state").count() == 2
    assert snapshot() == before


def test_an_existing_user_must_log_in_before_binding(client, provider, world):
    _invitation, token = invite(world.company_a, email=world.leader_b.email)
    provider.person = person_for(world.company_a)
    before = snapshot()

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start_invitation", args=[token]))

    assert response.status_code == 403
    assert snapshot() == before
    assert refusals("login_required").count() == 1


def test_a_logged_in_leader_binds_their_own_user(client, provider, world):
    _invitation, token = invite(world.other_company, email=world.leader_b.email)
    login_verified(client, world.leader_b)
    provider.person = person_for(world.other_company)

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start_invitation", args=[token]))

    assert response.status_code == 302
    binding = ProfessionalBinding.unscoped.get(persistent_id=PERSISTENT_ID)
    assert binding.membership.user == world.leader_b and binding.membership.company == world.other_company


def test_a_used_invitation_link_is_refused_before_the_provider(client, provider, world):
    invitation, token = invite(world.company_a)
    LeaderInvitation.objects.filter(pk=invitation.pk).update(revoked_at=invitation.created_at)

    response = client.get(reverse("accounts:mitid_erhverv:start_invitation", args=[token]))

    assert response.status_code == 410
    assert "trukket tilbage" in response.content.decode()


def test_the_provider_cancelled_sign_in_is_a_danish_page(client, provider, world):
    provider.people = [person_for(world.company_a)]  # the interactive page; the person presses "Afbryd"
    start = client.get(reverse("accounts:mitid_erhverv:start"))
    page = requests.get(start["Location"], timeout=10)
    ticket = page.text.split('name="ticket" value="')[1].split('"')[0]
    cancel = requests.post(
        f"{provider.issuer}/authorize", data={"ticket": ticket, "person": "cancel"}, allow_redirects=False, timeout=10
    )

    response = client.get(callback_query(cancel.headers["Location"]))

    assert response.status_code == 400
    assert "Du afbrød login med MitID Erhverv" in response.content.decode()
    assert refusals("cancelled").count() == 1


def test_without_configuration_there_is_no_mitid_erhverv(client, settings, world):
    settings.MITID_ERHVERV = None
    assert client.get(reverse("accounts:mitid_erhverv:start")).status_code == 404
    assert client.get(reverse("accounts:mitid_erhverv:callback")).status_code == 404
    assert "MitID Erhverv" not in client.get(reverse("accounts:login")).content.decode()


def test_a_password_session_of_a_bound_leader_still_needs_the_authenticator(client, provider, world):
    membership = bind(client, provider, world)
    client.logout()
    client.force_login(membership.user)  # a password alone, no second factor

    response = client.get(reverse("portal:home"))

    assert response.status_code == 302 and reverse("accounts:two_factor_setup") in response["Location"]


def test_a_person_their_leader_removes_loses_access(client, provider, world, django_assert_max_num_queries):
    membership = bind(client, provider, world)
    client.logout()
    colleague = client.__class__()
    login_verified(colleague, world.leader_a)
    with django_assert_max_num_queries(25):
        page = colleague.get(reverse("portal:people"))
    text = page.content.decode()
    assert page.status_code == 200 and membership.user.full_name in text and "MitID Erhverv (siden" in text

    removed = colleague.post(reverse("portal:person_remove", args=[membership.pk]))

    assert removed.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert ActivityLog.objects.filter(action="companies.leader.removed", actor=world.leader_a).count() == 1
    provider.person = person_for(world.company_a)
    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start"))
    assert response.status_code == 403
    assert refusals("revoked").count() == 1


def test_a_leader_cannot_remove_their_own_access(client, world):
    own = Membership.objects.get(user=world.leader_a)
    login_verified(client, world.leader_a)

    response = client.post(reverse("portal:person_remove", args=[own.pk]), follow=True)

    assert "Du kan ikke fjerne din egen adgang" in response.content.decode()
    own.refresh_from_db()
    assert own.is_active


@pytest.mark.parametrize(
    "role", ["anonymous", "coordinator", "caseworker", "jobcenter_admin", "leader_a", "other_coordinator", "superuser"]
)
def test_the_sign_in_urls_answer_every_role_alike_when_configured(client, provider, world, role):
    """The permission matrix walks these URLs unconfigured (404); configured, they are public: the start
    redirects anyone to the provider, a return without a started sign-in is refused (and logged), POST is 405."""
    if role != "anonymous":
        login_verified(client, getattr(world, role))
    _invitation, token = invite(world.company_a)
    urls = [
        reverse("accounts:mitid_erhverv:start"),
        reverse("accounts:mitid_erhverv:start_invitation", args=[token]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(f"{provider.issuer}/authorize?")
        assert client.post(url).status_code == 405
    before = snapshot()
    assert client.get(reverse("accounts:mitid_erhverv:callback")).status_code == 400
    assert client.post(reverse("accounts:mitid_erhverv:callback")).status_code == 405
    assert snapshot() == before
    assert refusals("state").count() == 1


def test_too_many_attempts_from_one_client_are_turned_away(client, provider, world, monkeypatch):
    from accounts.oidc import views

    monkeypatch.setattr(views, "RATE_LIMIT", 2)
    assert client.get(reverse("accounts:mitid_erhverv:start")).status_code == 302
    assert client.get(reverse("accounts:mitid_erhverv:callback")).status_code == 400  # counted, refused, logged

    response = client.get(reverse("accounts:mitid_erhverv:callback"))

    assert response.status_code == 429
    assert "Vent 10 minutter" in response.content.decode()
    assert ActivityLog.objects.filter(action="accounts.mitid_erhverv.refused").count() == 1


def test_the_demo_leader_signs_in_as_the_test_providers_person_for_the_company(client, provider, world):
    from accounts.oidc.demo import demo_binding_ensure, demo_persistent_id

    demo_binding_ensure(email=world.leader_a.email)
    demo_binding_ensure(email=world.leader_a.email)  # idempotent, as seed_demo is
    provider.person = person_for(world.company_a, persistent_id=demo_persistent_id(world.company_a.cvr))

    _params, response = through_provider(client, reverse("accounts:mitid_erhverv:start"))

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == world.leader_a.pk
    assert ProfessionalBinding.unscoped.filter(membership__user=world.leader_a).count() == 1
