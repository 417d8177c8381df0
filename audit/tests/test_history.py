import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_change_keeps_history_with_the_acting_user(world, login):
    client = login(world.jobcenter_admin)
    url = reverse("admin:companies_company_change", args=[world.company_a.pk])
    response = client.post(url, {"name": "Hammel Maskinfabrik Holding A/S", "cvr": world.company_a.cvr})
    assert response.status_code == 302
    history = list(world.company_a.history.order_by("history_date"))
    assert [h.name for h in history] == ["Hammel Maskinfabrik A/S", "Hammel Maskinfabrik Holding A/S"]
    assert history[-1].history_user == world.jobcenter_admin
    assert history[-1].history_type == "~"


def test_user_history_never_stores_passwords(world):
    world.caseworker.set_password("en-helt-ny-adgangskode-1")
    world.caseworker.save()
    fields = {field.name for field in world.caseworker.history.model._meta.get_fields()}
    assert "password" not in fields
    assert "last_login" not in fields
