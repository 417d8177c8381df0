"""The invitation page and its confirmation state how long the link works from the service's own rule."""

import pytest
from django.urls import reverse

from companies.services import INVITATION_VALID_FOR

pytestmark = pytest.mark.django_db


def test_the_invite_page_and_message_state_the_links_lifetime(world, login, django_capture_on_commit_callbacks):
    client = login(world.coordinator)
    url = reverse("companies:leader_invite", args=[world.company_a.pk])
    days = INVITATION_VALID_FOR.days
    assert f"Linket virker én gang og i {days} dage." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"full_name": "Karen Leder", "email": "karen@hammel.dk"}, follow=True)
    assert f"Invitationen er sendt til karen@hammel.dk. Linket virker i {days} dage." in response.content.decode()
