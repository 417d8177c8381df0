"""mentorship.widgets.FastSelect writes a select's options in Python; on the forms that list a jobcenter's mentors
and companies it must write exactly what Django's own Select does, through the DKFDS template pack too."""

import copy

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.test.html import parse_html

from audit.forms import AccessLogFilterForm
from citizens.forms import AgreementForm, PlacementForm
from citizens.tests.factories import CitizenFactory, PlacementFactory
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.forms import HoursForm
from corps.tests.factories import MentorFactory
from courses.forms import RegisterForm, ShadowingForm
from mentorship.widgets import FastSelect

pytestmark = pytest.mark.django_db


def _with_djangos_select(form):
    """The same form with Django's Select in place of every FastSelect (same attributes and choices)."""
    twin = copy.deepcopy(form)
    for field in twin.fields.values():
        if isinstance(field.widget, FastSelect):
            field.widget = forms.Select(attrs=field.widget.attrs)
            field.widget.choices = field.choices
            field.widget.is_required = field.required
    return twin


def test_the_fast_selects_write_what_djangos_select_writes(world):
    MentorFactory(jobcenter=world.jobcenter, full_name='Ane "<b>" Ø & Co', status="active")
    nameless = world.caseworker
    nameless.full_name = ""  # shown by e-mail address, as User.__str__ does
    nameless.save()
    chosen = MentorFactory(jobcenter=world.jobcenter, full_name="Bo Ærø", status="active")
    company = CompanyFactory(jobcenter=world.jobcenter, name="A & B 'Lager' ApS")
    CompanyMentorFactory(company=company, full_name="Cæcilie <Ø>")
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=company)
    forms_to_compare = [
        HoursForm(jobcenter=world.jobcenter, initial={"mentor": chosen.pk}),
        HoursForm({"mentor": chosen.pk, "hours": "x"}, jobcenter=world.jobcenter),
        AgreementForm(jobcenter=world.jobcenter, initial={"mentor": chosen.pk}),
        PlacementForm(instance=placement, jobcenter=world.jobcenter),
        PlacementForm({"company": company.pk}, jobcenter=world.jobcenter),
        RegisterForm(jobcenter=world.jobcenter),
        RegisterForm({"company": company.pk, "corps_mentor": chosen.pk}, jobcenter=world.jobcenter),
        ShadowingForm(jobcenter=world.jobcenter, initial={"new_corps": chosen.pk}),
        AccessLogFilterForm({"actor": world.coordinator.pk}, jobcenter=world.jobcenter),
    ]
    for form in forms_to_compare:
        form.is_bound and form.is_valid()
        fast = render_crispy_form(form)
        # The same HTML (attribute order and the whitespace between tags aside: parse_html, as assertHTMLEqual).
        assert parse_html(fast) == parse_html(render_crispy_form(_with_djangos_select(form)))
    assert any(isinstance(field.widget, FastSelect) for form in forms_to_compare for field in form.fields.values())
    # The labels themselves, escaped: a mentor's name, a company mentor's "name (company)", a user without a name.
    agreement = render_crispy_form(forms_to_compare[2])
    assert (
        "Ane &quot;&lt;b&gt;&quot; Ø &amp; Co" in agreement
        and "Cæcilie &lt;Ø&gt; (A &amp; B &#x27;Lager&#x27; ApS)" in agreement
    )
    assert f">{nameless.email}</option>" in render_crispy_form(forms_to_compare[-1])
