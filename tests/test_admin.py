"""Django admin: the superuser sees every jobcenter; a jobcenter admin sees only their own rows."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from accounts.tests.factories import TOTPDeviceFactory
from audit.models import AccessLog
from companies.models import Company
from mentorship.admin import RoleAwareAdmin

pytestmark = pytest.mark.django_db

# Our models' admins give rights by role; third-party ones (two-factor devices, lockouts, groups)
# keep Django's permission rows, which only the platform superuser has.
CHANGELISTS = [
    (f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", isinstance(model_admin, RoleAwareAdmin))
    for model, model_admin in admin.site._registry.items()
]


@pytest.mark.parametrize(("url_name", "for_jobcenter_admins"), [("admin:index", True), *CHANGELISTS])
def test_admin_pages_by_role(url_name, for_jobcenter_admins, world, login, client):
    url = reverse(url_name)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert login(world.coordinator).get(url).status_code == 403  # logged in, but not an admin
    assert login(world.jobcenter_admin).get(url).status_code == (200 if for_jobcenter_admins else 403)
    assert login(world.superuser).get(url).status_code == 200


def test_admin_login_is_the_product_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_jobcenter_admin_sees_only_own_jobcenter(world, login):
    client = login(world.jobcenter_admin)
    page = client.get(reverse("admin:companies_company_changelist")).content.decode()
    assert world.company_a.name in page
    assert world.other_company.name not in page
    other = reverse("admin:companies_company_change", args=[world.other_company.pk])
    assert client.get(other).status_code == 404  # another jobcenter's object answers as an absent one
    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert world.coordinator.email in users
    assert world.other_coordinator.email not in users


def test_jobcenter_admin_creates_company_in_own_jobcenter(world, login):
    client = login(world.jobcenter_admin)
    response = client.post(reverse("admin:companies_company_add"), {"name": "Ny Virksomhed ApS", "cvr": "12345674"})
    assert response.status_code == 302
    assert Company.objects.get(name="Ny Virksomhed ApS").jobcenter == world.jobcenter


def test_superuser_sees_all_jobcenters(world, login):
    page = login(world.superuser).get(reverse("admin:companies_company_changelist")).content.decode()
    assert world.company_a.name in page
    assert world.other_company.name in page


def test_logs_are_read_only_in_admin(world, login):
    client = login(world.superuser)
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    assert AccessLog.objects.count() == 0


def test_new_jobcenter_in_admin_gets_default_vocabulary(world, login):
    from accounts.models import Jobcenter
    from corps.models import Competence

    client = login(world.superuser)
    response = client.post(
        reverse("admin:accounts_jobcenter_add"),
        {"name": "Jobcenter Aarhus", "municipality_code": "751", "slug": "aarhus", "is_active": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    jobcenter = Jobcenter.objects.get(slug="aarhus")
    assert Competence.objects.filter(jobcenter=jobcenter).count() >= 10


def _follow(client, response, limit=10) -> tuple[list[str], object]:
    hops = []
    while response.status_code in (301, 302) and len(hops) < limit:
        hops.append(response["Location"])
        response = client.get(response["Location"])
    return hops, response


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", False),
        ("caseworker", False),
        ("leader_a", False),
        ("jobcenter_admin", True),
        ("superuser", True),
    ],
)
def test_admin_login_walk_ends_on_the_admin_or_403_never_a_loop(who, allowed, world, client):
    """From /admin/ through the product's login (password, then the code) and back: the walk ends on the
    admin's index for those allowed and on 403 for every other role, in a few hops, and a logged-in user
    sent to the admin's login page again is not sent round once more."""
    from accounts.tests.factories import PASSWORD, TOTPDeviceFactory
    from accounts.tests.test_authentication import token_for

    user = getattr(world, who)
    device = TOTPDeviceFactory(user=user)
    hops, page = _follow(client, client.get(reverse("admin:index")))
    assert page.status_code == 200 and hops[-1].startswith(reverse("accounts:login"))
    response = client.post(hops[-1], {"username": user.email, "password": PASSWORD})
    hops, page = _follow(client, response)
    assert page.status_code == 200 and reverse("accounts:two_factor_verify") in hops[-1]
    response = client.post(hops[-1], {"token": token_for(device)})
    hops, page = _follow(client, response)
    assert len(hops) <= 3, hops
    assert page.status_code == (200 if allowed else 403)
    if allowed:
        assert page.request["PATH_INFO"] == reverse("admin:index")
    again = client.get(reverse("admin:login") + "?next=" + reverse("admin:index"))
    assert again.status_code == (302 if allowed else 403)
    if allowed:
        assert again["Location"] == reverse("admin:index")


def test_the_jobcenter_admin_has_a_link_to_the_admin_and_no_one_else_does(world, login):
    admin_url = reverse("admin:index")
    assert f'href="{admin_url}"' in login(world.jobcenter_admin).get(reverse("home")).content.decode()
    for user in (world.coordinator, world.caseworker):
        assert f'href="{admin_url}"' not in login(user).get(reverse("home")).content.decode()
    assert f'href="{admin_url}"' not in login(world.leader_a).get(reverse("portal:home")).content.decode()


def test_the_lockout_pages_in_admin_are_danish(world, login):
    """django-axes ships no Danish: its names come from our catalogue (mentorship/third_party_messages.py)."""
    client = login(world.superuser)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Loginforsøg og spærringer" in index and "Access attempts" not in index and "Axes" not in index
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    for english in ("Access attempts", "Locked Out", "Attempt Time", "Path", "IP Address"):
        assert english not in page, english
    assert "Spærret" in page


def test_admin_pages_carry_the_favicon(world, login):
    page = login(world.jobcenter_admin).get(reverse("admin:index")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page and "Mentorordning – administration" in page


def test_the_authenticator_admin_saves_what_it_shows_and_keeps_django_otps_rules(world, login, settings):
    """django-otp's admin in Danish (mentorship/admin/otp.py): the change form round-trips, the QR code is the
    library's, and a jobcenter admin is refused as before (Django's permission rows, which only the superuser has)."""
    device = TOTPDeviceFactory(user=world.caseworker, name="Telefon")
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    client = login(world.superuser)
    # By default the device's secret key and QR code are not shown (settings.OTP_ADMIN_HIDE_SENSITIVE_DATA).
    page = client.get(change).content.decode()
    assert "Nøgle" not in page and "Vis QR-kode" not in page
    assert client.get(reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})).status_code == 403
    settings.OTP_ADMIN_HIDE_SENSITIVE_DATA = False
    form = client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.pop("throttling_failure_timestamp", None)
    response = client.post(change, {**data, "confirmed": "on", "name": "Ny telefon", "_save": "Gem"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    device.refresh_from_db()
    assert (device.name, device.user, device.confirmed, device.digits) == ("Ny telefon", world.caseworker, True, 6)
    qrcode = client.get(reverse("admin:otp_totp_totpdevice_qrcode", kwargs={"pk": device.pk}))
    assert qrcode.status_code == 200 and qrcode["Content-Type"] == "image/svg+xml"
    assert login(world.jobcenter_admin).get(change).status_code == 403


def test_favicon_ico_leads_to_the_products_icon(client):
    """A browser asks for /favicon.ico where a document names no icon (a plain-text answer, a PDF in a tab):
    it gets the product's icon, signed in or not, instead of a 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content == (settings.BASE_DIR / "static" / "img" / "favicon.svg").read_bytes()


def test_the_admins_labels_give_a_moment_in_copenhagen_time():
    """A label (the change page's title, a delete confirmation, the history) of a row written at 00.30 on
    8 December in Copenhagen, 23.30 UTC on the 7th, says the 8th and 00.30, not the UTC day and hour, in the
    one Danish date style."""
    import datetime

    from audit.models import ActivityLog
    from citizens.models import SensitiveNote
    from corps.models import Mentor, MentorNote
    from submissions.models import SubmissionToken

    moment = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)
    note = SensitiveNote(kind="health", created_at=moment)
    assert str(note) == "Helbred – 08.12.2026"
    assert str(MentorNote(mentor=Mentor(full_name="Birgitte Mølgaard"), created_at=moment)).endswith(" – 08.12.2026")
    assert str(SubmissionToken(path="/borgere/ny/", created_at=moment)) == "/borgere/ny/ (08.12.2026 00.30)"
    assert str(AccessLog(at=moment, actor_label="Karen Holm", action="view")).startswith("08.12.2026 00.30 Karen")
    assert str(ActivityLog(at=moment, actor_label="Karen Holm", action="x")).startswith("08.12.2026 00.30 Karen")
