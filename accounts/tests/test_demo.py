"""The demo accounts: one user per role, and a consultant in both jobcenters to show "Skift jobcenter"."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import RequestFactory

from accounts.demo import seed_accounts, totp_key_hex, two_factor_emails
from accounts.models import Membership, Role, User
from accounts.tenancy import resolve_tenant
from citizens import demo as citizens_demo
from citizens.models import Citizen, Placement
from companies import demo as companies_demo
from corps import demo as corps_demo

pytestmark = pytest.mark.django_db

CONSULTANT = "konsulent@mentorordning.demo"


def test_the_consultant_works_in_favrskov_and_kalundborg_and_starts_in_favrskov():
    seed_accounts()
    seed_accounts()  # idempotent
    consultant = User.objects.get(email=CONSULTANT)
    memberships = Membership.objects.filter(user=consultant, is_active=True).order_by("created_at", "pk")
    assert [(m.jobcenter.slug, m.role) for m in memberships] == [
        ("favrskov", Role.COORDINATOR),
        ("kalundborg", Role.CASEWORKER),
    ]
    request = RequestFactory().get("/")
    request.user, request.session = consultant, {}
    tenant = resolve_tenant(request)
    assert tenant.can_switch and tenant.jobcenter.slug == "favrskov"
    # A coordinator in one of them: the second factor, with a demo key `make totp` prints.
    assert consultant.totpdevice_set.filter(confirmed=True).exists()
    assert CONSULTANT in two_factor_emails()


def test_seed_demo_lists_the_consultant_and_demo_totp_shows_the_code():
    seed_accounts()
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    assert CONSULTANT in out.getvalue()


def test_the_consultant_takes_over_no_other_demo_users_citizens():
    """The citizens' demo spreads each jobcenter's citizens over its caseworkers and gives the placements to its
    first coordinator, so the consultant, a coordinator in Favrskov who joined later, takes over nothing of
    Favrskov's; in Kalundborg, where they are a caseworker, they have a share like the other caseworkers."""
    seed_accounts()
    companies_demo.seed(stdout=io.StringIO())
    corps_demo.seed(stdout=io.StringIO())
    citizens_demo.seed(stdout=io.StringIO())
    favrskov = set(Citizen.objects.filter(jobcenter__slug="favrskov").values_list("caseworker__email", flat=True))
    assert favrskov == {"sagsbehandler@favrskov.demo", "sagsbehandler2@favrskov.demo", "sagsbehandler3@favrskov.demo"}
    responsible = set(Placement.objects.filter(jobcenter__slug="favrskov").values_list("responsible__email", flat=True))
    assert responsible == {"koordinator@favrskov.demo"}
    kalundborg = set(Citizen.objects.filter(jobcenter__slug="kalundborg").values_list("caseworker__email", flat=True))
    assert kalundborg == {CONSULTANT, "sagsbehandler@kalundborg.demo", "sagsbehandler2@kalundborg.demo"}


def test_every_demo_user_has_the_demo_authenticator_and_make_totp_prints_them_all():
    """Every role logs in with a second factor (issue 23), so every demo user with a role, the extra company
    leaders included, has a confirmed device with the derived key, and `make totp` (demo_totp) lists each."""
    seed_accounts()
    companies_demo.seed(stdout=io.StringIO())
    users = User.objects.filter(Q(memberships__is_active=True) | Q(is_staff=True)).distinct()
    emails = set(users.values_list("email", flat=True))
    assert {"sagsbehandler@favrskov.demo", "leder@favrskov.demo", "leder.bageri@favrskov.demo"} <= emails
    for user in users:
        device = user.totpdevice_set.get(confirmed=True)
        assert device.key == totp_key_hex(user.email), user.email
    assert set(two_factor_emails()) == emails
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    printed = {line.split()[0] for line in out.getvalue().splitlines()}
    assert printed == emails
