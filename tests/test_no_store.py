"""Pages are never stored by a browser or proxy (they show personal data or carry a CSRF token); static
files keep their cache lifetimes (issue 18: the citizen page sent no Cache-Control)."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, client_for

pytestmark = pytest.mark.django_db

READERS = ("coordinator", "caseworker", "jobcenter_admin", "leader_a", "superuser", "anonymous")


def test_every_page_a_role_opens_is_sent_with_no_store(world):
    clients = {}
    missing = []
    for name, row in sorted(MATRIX.items()):
        role = next((role for role in READERS if row.expected(role) == 200), None)
        if role is None:
            continue
        client = clients.setdefault(role, client_for(role, world))
        url = reverse(name, kwargs=row.kwargs(world) if row.kwargs else None) + (f"?{row.query}" if row.query else "")
        response = client.get(url)
        if response.status_code == 200 and "no-store" not in response.get("Cache-Control", ""):
            missing.append(f"{name} ({url}) as {role}: Cache-Control {response.get('Cache-Control')!r}")
    assert not missing, "\n".join(missing)


def test_the_citizen_page_and_the_portal_are_not_stored(world, login):
    from citizens.tests.factories import CitizenFactory
    from companies.tests.factories import placement_for

    citizen = CitizenFactory(jobcenter=world.jobcenter)
    response = login(world.coordinator).get(reverse("citizens:detail", kwargs={"pk": citizen.pk}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"

    placement = placement_for(world.company_a)
    response = login(world.leader_a).get(reverse("portal:placement_detail", kwargs={"pk": placement.pk}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_static_files_stay_cacheable(client, world):
    assert finders.find("css/app.css")
    for user in (None, world.coordinator):
        if user is not None:
            client.force_login(user)
        response = client.get("/static/css/app.css")
        assert b"".join(response.streaming_content)  # read, and so closed: WhiteNoise streams the file
        assert response.status_code == 200
        assert "max-age" in response["Cache-Control"]
        assert "no-store" not in response["Cache-Control"]
