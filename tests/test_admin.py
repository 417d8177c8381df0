"""Django admin: the superuser sees every jobcenter; a jobcenter admin sees only their own rows."""

import pytest
from django.contrib import admin
from django.urls import reverse

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
