"""A caseworker's to-do links go to lists the caseworker may open (issue 21): the agreements running out are
their own citizens', on the same page the coordinators use, without the renewal work."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.models import AgreementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def _ending(world, caseworker, name):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=caseworker, name=name)
    today = timezone.localdate()
    return AgreementFactory(
        citizen=citizen,
        status=AgreementStatus.ACTIVE,
        mentor=MentorFactory(jobcenter=world.jobcenter),
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=10),
    )


def test_a_caseworker_sees_only_their_own_citizens_agreements_running_out(world, login):
    _ending(world, world.caseworker, "Min Borger")
    _ending(world, world.coordinator, "Anden Borger")
    response = login(world.caseworker).get(reverse("citizens:agreements_ending"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Min Borger" in page and "Anden Borger" not in page
    assert "Koordinatoren tager stilling til" in page


def test_a_coordinator_sees_them_all(world, login):
    _ending(world, world.caseworker, "Min Borger")
    _ending(world, world.coordinator, "Anden Borger")
    page = login(world.coordinator).get(reverse("citizens:agreements_ending")).content.decode()
    assert "Min Borger" in page and "Anden Borger" in page


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "jobcenter_admin"])
def test_every_link_on_the_start_page_to_do_opens_for_the_role(world, login, role):
    """Each to-do and waiting link of the start page answers 200 for the user who sees it (never a 403)."""
    _ending(world, world.caseworker, "Min Borger")
    CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker, name="Venter")
    client = login(getattr(world, role))
    page = client.get("/").content.decode()
    todo = page[page.index("Det skal gøres nu") :]
    links = {href.replace("&amp;", "&") for href in re.findall(r'<a href="([^"]+)" class="function-link"', todo)}
    links |= {href.replace("&amp;", "&") for href in re.findall(r'<a class="function-link" href="([^"]+)"', todo)}
    assert links
    for href in links:
        assert client.get(href).status_code == 200, href
    if role == "caseworker":
        assert reverse("citizens:agreements_ending") in links
