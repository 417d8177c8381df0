"""company_update and company_mentor_update save what differs from the stored row, even when the
caller's instance already holds the new values (as a bound ModelForm's instance does)."""

import pytest

from companies import services
from companies.models import Company, CompanyMentor
from companies.tests.factories import CompanyMentorFactory

pytestmark = pytest.mark.django_db


def test_company_update_saves_what_the_callers_instance_already_holds(world):
    company = world.company_a
    company.name, company.city = "Nyt Navn A/S", "Hadsten"
    services.company_update(actor=world.coordinator, company=company, data={"name": "Nyt Navn A/S", "city": "Hadsten"})
    stored = Company.objects.get(pk=company.pk)
    assert (stored.name, stored.city) == ("Nyt Navn A/S", "Hadsten")


def test_company_mentor_update_saves_what_the_callers_instance_already_holds(world):
    mentor = CompanyMentorFactory(company=world.company_a, job_title="Værkfører")
    mentor.job_title = "Produktionsleder"
    services.company_mentor_update(actor=world.leader_a, mentor=mentor, data={"job_title": "Produktionsleder"})
    assert CompanyMentor.objects.get(pk=mentor.pk).job_title == "Produktionsleder"
