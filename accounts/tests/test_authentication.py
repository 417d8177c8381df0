import re
from datetime import timedelta

import pytest
import time_machine
from axes.utils import reset as axes_reset
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from accounts.tests.factories import PASSWORD, MembershipFactory, TOTPDeviceFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("home")


def token_for(device: TOTPDevice, at=None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at.timestamp()
    return f"{totp.token():0{device.digits}d}"


def post_login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def log_in_with_code(client, user) -> None:
    """The whole login: the password, then the code from the user's authenticator (set up on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDeviceFactory(user=user)
    assert post_login(client, user.email).status_code == 302
    verified = client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})
    assert verified.status_code == 302 and verified["Location"] == HOME


def test_login_page_is_danish_and_public(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()
    assert "Log ind" in response.content.decode()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("role", ["caseworker", "leader_a"])
def test_caseworker_and_leader_need_a_code_after_the_password(client, world, role):
    """Caseworkers and company leaders see personal data too: the password alone opens nothing (issue 23)."""
    user = getattr(world, role)
    response = post_login(client, user.email)
    assert response.status_code == 302
    first = client.get(HOME)
    assert first.status_code == 302 and first["Location"].startswith(reverse("accounts:two_factor_setup"))

    client.logout()
    device = TOTPDeviceFactory(user=user)
    post_login(client, user.email)
    later = client.get(HOME)
    assert later.status_code == 302 and later["Location"].startswith(reverse("accounts:two_factor_verify"))
    client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("has_device", [True, False])
def test_the_second_factor_gives_the_session_a_new_key(client, world, has_device):
    """The cookie of the password-only session must not become a verified session."""
    user = world.coordinator
    device = TOTPDeviceFactory(user=user) if has_device else None
    post_login(client, user.email)
    password_only_key = client.session.session_key
    if device is None:
        client.get(reverse("accounts:two_factor_setup"))
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        url = reverse("accounts:two_factor_setup")
    else:
        url = reverse("accounts:two_factor_verify")
    assert client.post(url, {"token": token_for(device)}).status_code == 302
    assert client.session.session_key != password_only_key
    assert client.get(HOME).status_code == 200


def test_wrong_password_is_refused_with_danish_message(client, world):
    response = post_login(client, world.caseworker.email, "forkert-adgangskode")
    assert response.status_code == 200
    assert "E-mail eller adgangskode er forkert" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_coordinator_without_device_must_set_up_two_factor_first(client, world):
    post_login(client, world.coordinator.email)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))

    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)
    assert "data:image/svg+xml;base64," in page.content.decode()

    wrong = client.post(
        reverse("accounts:two_factor_setup"), {"token": "000000" if token_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "Engangskoden er forkert" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    # django-otp throttles a device for a moment after a wrong code; a person waits that long anyway.
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        device.refresh_from_db()
        response = client.post(reverse("accounts:two_factor_setup"), {"token": token_for(device), "next": HOME})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(HOME).status_code == 200


def test_coordinator_with_device_must_enter_code(client, world):
    device = TOTPDeviceFactory(user=world.coordinator)
    post_login(client, world.coordinator.email)
    response = client.get(HOME)
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get(reverse("accounts:two_factor_setup"))["Location"] == reverse("accounts:two_factor_verify")

    bad = client.post(reverse("accounts:two_factor_verify"), {"token": "12ab56"})
    assert "Engangskoden består af seks cifre" in bad.content.decode()

    response = client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device), "next": HOME})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_next_url_to_another_host_is_ignored(client, world):
    device = TOTPDeviceFactory(user=world.coordinator)
    post_login(client, world.coordinator.email)
    response = client.post(
        reverse("accounts:two_factor_verify"), {"token": token_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == HOME


def test_jobcenter_admin_and_superuser_also_need_two_factor(client, world):
    for user in (world.jobcenter_admin, world.superuser):
        client.logout()
        post_login(client, user.email)
        target = reverse("admin:index") if user.is_superuser else HOME
        response = client.get(target)
        assert response.status_code == 302
        assert reverse("accounts:two_factor_setup") in response["Location"]


@pytest.mark.parametrize("role", ["coordinator", "caseworker", "leader_a"])
def test_wrong_codes_make_the_code_form_wait_for_every_role(client, world, role):
    """django-otp's throttling (per authenticator): after wrong codes even the right one is refused until the
    wait (1, 2, 4 ... seconds after each further failure) is over, so codes cannot be guessed in bulk."""
    user = getattr(world, role)
    device = TOTPDeviceFactory(user=user)
    post_login(client, user.email)
    verify = reverse("accounts:two_factor_verify")
    start = timezone.now()
    # Three wrong codes, each after the wait the one before asked for (1 s, then 2 s).
    for seconds in (0, 2, 5):
        with time_machine.travel(start + timedelta(seconds=seconds), tick=False):
            wrong = "000000" if token_for(device) != "000000" else "111111"
            assert "Engangskoden er forkert" in client.post(verify, {"token": wrong}).content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 3
    # The third asks for 4 seconds: within them even the right code is refused, and not counted.
    with time_machine.travel(start + timedelta(seconds=8), tick=False):
        refused = client.post(verify, {"token": token_for(device)})
        assert refused.status_code == 200
        assert "For mange forkerte forsøg. Vent lidt, og prøv igen." in refused.content.decode()
        assert client.get(HOME)["Location"].startswith(verify)
    with time_machine.travel(start + timedelta(seconds=10), tick=False):
        response = client.post(verify, {"token": token_for(device)})
        assert response.status_code == 302 and response["Location"] == HOME
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert client.get(HOME).status_code == 200


def test_the_leaders_two_factor_pages_have_the_portal_look(client, world):
    """A company leader meets the second factor in the portal's virk.dk theme with their company in the header;
    staff meet it in the standard theme."""
    post_login(client, world.leader_a.email)
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "dkfds-virkdk.min.css" in page
    assert world.company_a.name in page and world.jobcenter.name in page
    assert "data:image/svg+xml;base64," in page
    TOTPDeviceFactory(user=world.leader_a)
    page = client.get(reverse("accounts:two_factor_verify")).content.decode()
    assert "dkfds-virkdk.min.css" in page and world.company_a.name in page

    client.logout()
    post_login(client, world.caseworker.email)
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "dkfds-virkdk.min.css" not in page and "dkfds.min.css" in page


def test_lockout_after_repeated_failures_then_unlock(client, world):
    email = world.caseworker.email
    for _ in range(5):
        post_login(client, email, "forkert-adgangskode")
    locked = post_login(client, email)
    assert locked.status_code == 429
    assert "Kontoen er midlertidigt spærret" in locked.content.decode()
    assert client.get(HOME)["Location"].startswith(LOGIN)

    axes_reset(username=email, ip="127.0.0.1")  # what the admin does in Django admin
    assert post_login(client, email).status_code == 302
    # The password is accepted again; the second factor comes next.
    assert client.get(HOME)["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_changing_the_case_of_the_email_does_not_reset_the_count(client, world):
    email = world.caseworker.email
    for variant in (email, email.upper(), email.title(), email.swapcase(), email):
        post_login(client, variant, "forkert-adgangskode")
    assert post_login(client, email.upper()).status_code == 429


def test_lockout_ends_after_cool_off(client, world):
    email = world.caseworker.email
    for _ in range(5):
        post_login(client, email, "forkert-adgangskode")
    assert post_login(client, email).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert post_login(client, email).status_code == 302


def test_session_ends_after_idle_timeout_but_activity_keeps_it_alive(client, world):
    log_in_with_code(client, world.caseworker)
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=20)):
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + timedelta(minutes=45)):
        # 25 idle minutes since the last request: still inside the 30-minute window.
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + timedelta(minutes=80)):
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_pages_do_not_write_the_session_on_every_request(client, world):
    """The idle timeout moves forward at most once a minute: a read-only page view a few seconds after the last
    save writes nothing, one a minute later saves the session with a later expiry."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def session_writes(queries):
        return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in_with_code(client, world.caseworker)
        key = client.cookies["sessionid"].value
        saved = Session.objects.get(session_key=key).expire_date
    with (
        time_machine.travel(start + timedelta(seconds=30), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(HOME).status_code == 200
    assert session_writes(queries.captured_queries) == []
    assert Session.objects.get(session_key=key).expire_date == saved
    with (
        time_machine.travel(start + timedelta(seconds=61), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(HOME).status_code == 200
    assert len(session_writes(queries.captured_queries)) == 1
    assert Session.objects.get(session_key=key).expire_date == saved + timedelta(seconds=61)


def test_deactivated_user_session_ends(client, world):
    log_in_with_code(client, world.caseworker)
    assert client.get(HOME).status_code == 200
    # Deactivated as Django admin does it (the user's is_active): no product page deactivates a user.
    User.objects.filter(pk=world.caseworker.pk).update(is_active=False)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert post_login(client, world.caseworker.email).status_code == 200  # form again, not logged in


def test_password_reset_by_email(client, world):
    user = world.caseworker
    response = client.post(reverse("accounts:password_reset"), {"email": user.email.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Nulstil din adgangskode til Mentorordning"
    link = re.search(r"http://testserver(/konto/adgangskode/nulstil/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    too_short = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert too_short.status_code == 200
    assert "new_password2" in too_short.context["form"].errors
    done = client.post(
        set_url, {"new_password1": "ny-sikker-adgangskode-77", "new_password2": "ny-sikker-adgangskode-77"}
    )
    assert done.status_code == 302

    reused = client.get(link, follow=True)
    assert reused.context["validlink"] is False
    assert post_login(client, user.email, "ny-sikker-adgangskode-77").status_code == 302


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, world):
    response = client.post(reverse("accounts:password_reset"), {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_change(login, world):
    client = login(world.caseworker)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "endnu-en-god-kode-19", "new_password2": "endnu-en-god-kode-19"},
    )
    assert response.status_code == 302
    world.caseworker.refresh_from_db()
    assert world.caseworker.check_password("endnu-en-god-kode-19")


def test_logout_requires_post(login, world):
    client = login(world.caseworker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(HOME).status_code == 302


def test_company_leader_lands_in_portal(login, world):
    response = login(world.leader_a).get(HOME)
    assert response.status_code == 200
    assert world.company_a.name in response.content.decode()
    assert world.company_b.name not in response.content.decode()


def test_user_without_membership_is_forbidden(login, db):
    user = MembershipFactory(role=Role.CASEWORKER, is_active=False).user
    assert login(user).get(HOME).status_code == 403


def test_a_jobcenter_admin_resets_the_second_factor_of_their_own_users_only(client, world, login):
    """A lost phone (or an authenticator locked by wrong codes): the jobcenter admin resets it in Django admin;
    the user's verified session stops counting at once and the next login sets up a new authenticator. Users of
    another jobcenter are not in the admin's list, so the same action leaves them alone."""
    from django.test import Client

    from audit.models import ActivityLog
    from conftest import login_verified

    leader_session = Client()
    login_verified(leader_session, world.leader_a)
    assert leader_session.get(HOME).status_code == 200
    TOTPDeviceFactory(user=world.caseworker)
    foreign = TOTPDeviceFactory(user=world.other_coordinator)

    admin_client = login(world.jobcenter_admin)
    changelist = reverse("admin:accounts_user_changelist")
    response = admin_client.post(
        changelist,
        {
            "action": "reset_two_factor",
            "_selected_action": [world.leader_a.pk, world.caseworker.pk, world.other_coordinator.pk],
        },
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user__in=[world.leader_a, world.caseworker]).exists()
    assert TOTPDevice.objects.filter(pk=foreign.pk).exists()
    reset = ActivityLog.objects.filter(action="accounts.two_factor.reset")
    assert sorted(reset.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in (world.leader_a.pk, world.caseworker.pk)
    )

    again = leader_session.get(HOME)
    assert again.status_code == 302 and again["Location"].startswith(reverse("accounts:two_factor_setup"))
