"""A user in two jobcenters (a shared service centre, a consultant who covers two municipalities) switches
between their memberships in the header: what they see, the portal and Django admin follow the switch; a
membership that is not theirs, or not active, answers 404 and changes nothing."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Membership, Role
from accounts.tenancy import SESSION_KEY
from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from accounts.tests.test_authentication import token_for
from audit.models import ActivityLog
from companies.tests.factories import CompanyFactory
from conftest import login_verified
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db

SWITCHED = "accounts.membership.switched"


def switch_url(membership) -> str:
    return reverse("accounts:switch_membership", kwargs={"pk": membership.pk})


def main(client, url: str) -> str:
    """The page's content without the header, whose "Skift jobcenter" names every membership."""
    return client.get(url).content.decode().split('id="main-content"', 1)[1]


@pytest.fixture
def consultant(world):
    """A coordinator in Favrskov (the first membership, so the default) and a caseworker in Haderslev."""
    favrskov = MembershipFactory(jobcenter=world.jobcenter, role=Role.COORDINATOR, user__full_name="Jonas Friis")
    haderslev = MembershipFactory(jobcenter=world.other_jobcenter, role=Role.CASEWORKER, user=favrskov.user)
    return favrskov.user, favrskov, haderslev


def test_switching_shows_the_other_jobcenters_data_only(world, client, consultant):
    user, favrskov, haderslev = consultant
    MentorFactory(jobcenter=world.jobcenter, full_name="Aster Tesfay")
    MentorFactory(jobcenter=world.other_jobcenter, full_name="Bodil Haderslev")
    CompanyFactory(jobcenter=world.other_jobcenter, name="Sønderjysk Tømrer ApS")
    login_verified(client, user)

    page = main(client, reverse("corps:mentor_list"))
    assert "Aster Tesfay" in page and "Bodil Haderslev" not in page

    response = client.post(switch_url(haderslev))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == haderslev.pk

    home = client.get(reverse("home"))
    assert "Du arbejder nu i Jobcenter Haderslev som sagsbehandler." in home.content.decode()
    assert home.context["current_jobcenter"] == world.other_jobcenter
    companies = main(client, reverse("companies:list"))
    assert "Sønderjysk Tømrer ApS" in companies
    assert world.company_a.name not in companies
    # A caseworker in Haderslev: the coordinators' mentor list is not theirs any more.
    assert client.get(reverse("corps:mentor_list")).status_code == 403

    client.post(switch_url(favrskov))
    page = main(client, reverse("corps:mentor_list"))
    assert "Aster Tesfay" in page and "Bodil Haderslev" not in page


def test_a_switch_is_logged_in_the_jobcenter_switched_into(world, client, consultant):
    user, favrskov, haderslev = consultant
    login_verified(client, user)

    client.post(switch_url(haderslev))
    entry = ActivityLog.objects.get(action=SWITCHED)
    assert entry.actor == user
    assert entry.jobcenter == world.other_jobcenter
    assert entry.object_id == str(haderslev.pk)
    assert entry.data == {
        "role": Role.CASEWORKER,
        "from_membership": favrskov.pk,
        "from_jobcenter": "Jobcenter Favrskov",
    }

    # Choosing the membership one already works as is no switch.
    client.post(switch_url(haderslev))
    assert ActivityLog.objects.filter(action=SWITCHED).count() == 1


def test_the_header_offers_the_switch_only_with_more_than_one_membership(world, client, consultant):
    user, favrskov, haderslev = consultant
    # A leader's membership also names the company.
    Membership.objects.filter(pk=haderslev.pk).update(role=Role.COMPANY_LEADER, company=world.other_company)
    login_verified(client, user)

    page = client.get(reverse("home")).content.decode()
    assert page.count("Skift jobcenter") == 2  # the overflow menu and the mobile drawer
    assert page.count(switch_url(favrskov)) == 2 and page.count(switch_url(haderslev)) == 2
    assert "Jobcenter Haderslev" in page
    assert "Virksomhedsleder, Haderslev Gartneri ApS" in page

    login_verified(client, world.coordinator)
    page = client.get(reverse("home")).content.decode()
    assert "Skift jobcenter" not in page
    assert "membership-switch-form" not in page


@pytest.mark.parametrize("case", ["another_users", "inactive", "inactive_jobcenter", "absent"])
def test_a_foreign_or_inactive_membership_answers_404_and_changes_nothing(world, client, consultant, case):
    user, _favrskov, haderslev = consultant
    if case == "another_users":
        target = Membership.objects.get(user=world.other_coordinator)
    elif case == "inactive":
        Membership.objects.filter(pk=haderslev.pk).update(is_active=False)
        target = haderslev
    elif case == "inactive_jobcenter":
        world.other_jobcenter.is_active = False
        world.other_jobcenter.save(update_fields=["is_active"])
        target = haderslev
    else:
        target = Membership(pk=Membership.objects.order_by("-pk").first().pk + 1000)
    login_verified(client, user)

    response = client.post(switch_url(target))
    assert response.status_code == 404
    assert SESSION_KEY not in client.session
    assert not ActivityLog.objects.filter(action=SWITCHED).exists()
    assert client.get(reverse("home")).context["current_jobcenter"] == world.jobcenter


def test_get_answers_405_after_the_role_check(world, client, consultant):
    user, _favrskov, haderslev = consultant
    url = switch_url(haderslev)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))

    login_verified(client, world.superuser)  # no membership: no one to switch to, whatever the method
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403

    login_verified(client, user)
    assert client.get(url).status_code == 405
    assert SESSION_KEY not in client.session
    assert not ActivityLog.objects.filter(action=SWITCHED).exists()


def test_switching_into_a_two_factor_role_needs_the_second_factor(world, client):
    """A leader (password only) who is also a coordinator elsewhere: the middleware asks for the second
    factor before anything, the switch included, because one of the user's memberships needs it."""
    leader = MembershipFactory(jobcenter=world.jobcenter, role=Role.COMPANY_LEADER, company=world.company_a)
    coordinator = MembershipFactory(jobcenter=world.other_jobcenter, role=Role.COORDINATOR, user=leader.user)
    device = TOTPDeviceFactory(user=leader.user)
    client.force_login(leader.user)

    response = client.post(switch_url(coordinator))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert SESSION_KEY not in client.session
    assert not ActivityLog.objects.filter(action=SWITCHED).exists()

    verified = client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})
    assert verified.status_code == 302
    assert client.post(switch_url(coordinator)).status_code == 302
    assert client.session[SESSION_KEY] == coordinator.pk


def test_a_leader_and_caseworker_switches_only_after_the_second_factor(world, client):
    """Every role needs the second factor (issue 23): with a password alone even a switch between a leader's
    and a caseworker's membership is sent to the two-factor set-up and changes nothing."""
    leader = MembershipFactory(jobcenter=world.jobcenter, role=Role.COMPANY_LEADER, company=world.company_a)
    caseworker = MembershipFactory(jobcenter=world.other_jobcenter, role=Role.CASEWORKER, user=leader.user)
    client.force_login(leader.user)

    response = client.post(switch_url(caseworker))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert SESSION_KEY not in client.session
    assert not ActivityLog.objects.filter(action=SWITCHED).exists()

    login_verified(client, leader.user)
    response = client.post(switch_url(caseworker))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == caseworker.pk


def test_the_portal_follows_the_switched_membership(world, client):
    """A leader of a company in each jobcenter sees one company at a time in the portal."""
    first = MembershipFactory(jobcenter=world.jobcenter, role=Role.COMPANY_LEADER, company=world.company_a)
    second = MembershipFactory(
        jobcenter=world.other_jobcenter, role=Role.COMPANY_LEADER, company=world.other_company, user=first.user
    )
    login_verified(client, first.user)

    page = main(client, reverse("portal:company"))
    assert world.company_a.name in page and world.other_company.name not in page

    response = client.post(switch_url(second))
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Du arbejder nu for Haderslev Gartneri ApS i Jobcenter Haderslev som virksomhedsleder." in (
        home.content.decode()
    )
    page = main(client, reverse("portal:company"))
    assert world.other_company.name in page and world.company_a.name not in page


def test_django_admin_follows_the_switched_membership(world, client):
    """A jobcenter admin of two jobcenters administers the one they switched to."""
    admin_user = UserFactory(is_staff=True)
    MembershipFactory(jobcenter=world.jobcenter, role=Role.JOBCENTER_ADMIN, user=admin_user)
    second = MembershipFactory(jobcenter=world.other_jobcenter, role=Role.JOBCENTER_ADMIN, user=admin_user)
    login_verified(client, admin_user)
    changelist = reverse("admin:companies_company_changelist")

    page = client.get(changelist).content.decode()
    assert world.company_a.name in page and world.other_company.name not in page
    assert client.get(reverse("admin:companies_company_change", args=[world.other_company.pk])).status_code == 404

    client.post(switch_url(second))
    page = client.get(changelist).content.decode()
    assert world.other_company.name in page and world.company_a.name not in page
    assert client.get(reverse("admin:companies_company_change", args=[world.company_a.pk])).status_code == 404


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_the_switch_never_redirects_off_site(world, client, consultant, target):
    user, _favrskov, haderslev = consultant
    login_verified(client, user)
    response = client.post(switch_url(haderslev), {"next": target})
    assert response["Location"] == reverse("home")


def test_the_switch_may_return_to_a_page_on_this_site(world, client, consultant):
    user, _favrskov, haderslev = consultant
    login_verified(client, user)
    response = client.post(switch_url(haderslev), {"next": reverse("companies:list")})
    assert response["Location"] == reverse("companies:list")


def test_the_service_refuses_another_users_membership(world):
    foreign = Membership.objects.get(user=world.other_coordinator)
    with pytest.raises(ValueError):
        services.membership_switch(actor=world.coordinator, membership=foreign, previous=None)
    assert not ActivityLog.objects.filter(action=SWITCHED).exists()
