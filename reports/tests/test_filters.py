"""The reports' filter forms: the fast <select> writes the options Django's model choice field would, and
choosing one mentor or one company narrows the report to it."""

import pytest
from django.urls import reverse

from companies.tests.factories import CompanyFactory
from corps.tests.factories import MentorFactory
from reports.filters import FastSelect, MentorReportFilter, OutcomeFilter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["target_group", "cohort", "company", "mentor"])
def test_options_read_by_label_field_are_the_model_choices(world, known, name):
    MentorFactory(jobcenter=world.jobcenter, full_name='Ane "<b>" Ø')
    CompanyFactory(jobcenter=world.jobcenter, name="A & B ApS")
    field = OutcomeFilter(jobcenter=world.jobcenter).form.fields[name]
    chosen = str(next(iter(field.queryset)).pk)
    fast = field.widget.render(name, chosen)
    assert isinstance(field.widget, FastSelect) and field.widget.label_field
    # The same widget reading model instances (their __str__) through Django's ModelChoiceIterator.
    field.widget.label_field = None
    assert fast == field.widget.render(name, chosen)
    assert f'value="{chosen}" selected' in fast and fast.count("<option") == field.queryset.count() + 1


def test_a_mentor_can_be_chosen(login, world, known):
    anna = known.mentors["m1"]
    form = MentorReportFilter({"mentor": anna.pk}, jobcenter=world.jobcenter)
    assert form.is_valid()
    url = reverse("reports:report", kwargs={"slug": "mentorkorps"}) + f"?mentor={anna.pk}"
    response = login(world.coordinator).get(url)
    assert response.status_code == 200
    assert [row[0] for row in response.context["report"].table.rows] == ["Anna Mentor"]


def test_a_company_can_be_chosen(login, world, known):
    url = reverse("reports:report", kwargs={"slug": "virksomheder"}) + f"?company={world.company_b.pk}"
    response = login(world.coordinator).get(url)
    assert response.status_code == 200
    assert [row[0] for row in response.context["report"].table.rows] == ["Hinnerup Bageri ApS"]
