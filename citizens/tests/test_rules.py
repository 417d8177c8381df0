"""The pages state citizens' rules with the rules' own numbers (citizens.rules), never a copy."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.rules import AGREEMENT_ENDING_WARNING_DAYS, AGREEMENT_ENDING_WARNING_WEEKS
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def test_the_agreements_ending_page_names_the_rules_weeks(world, login):
    today = timezone.localdate()
    AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Snart Slut"),
        status="active",
        mentor=MentorFactory(jobcenter=world.jobcenter),
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=AGREEMENT_ENDING_WARNING_DAYS),
    )
    page = login(world.coordinator).get(reverse("citizens:agreements_ending")).content.decode()
    assert f"Mentoraftaler der udløber inden for {AGREEMENT_ENDING_WARNING_WEEKS} uger" in page
    assert "Snart Slut" in page
