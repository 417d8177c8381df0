"""The DKFDS pack's radio and checkbox lists write their choices in Python (mentorship/templatetags/dkfds_choices.py);
they must write what the template loop they replaced wrote, for every kind of choice a form of ours has."""

import copy
import re

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test.html import parse_html

from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.tests.factories import MentorFactory
from courses.forms import InviteForm
from courses.models import InvitationSource
from matching.forms import CohortForm, PreferencesForm
from mentorship.widgets import RowCheckboxSelectMultiple

pytestmark = pytest.mark.django_db

# The pack's loop before choice_inputs, as it stood in templates/dkfds/layout/radio_checkbox_select.html.
TEMPLATE_LOOP = Template(
    """{% load crispy_forms_filters %}
    {% for group, options, index in field|optgroups %}
    {% if group %}<p class="form-label">{{ group }}</p>{% endif %}
    {% for option in options %}
    <div class="form-group-{% if option.type == 'radio' %}radio{% else %}checkbox{% endif %}">
      <input type="{{ option.type }}" name="{{ option.name }}" class="form-{{ option.type }}" \
value="{{ option.value|stringformat:'s' }}"{% include "dkfds/layout/attrs.html" with widget=option %}>
      <label class="form-label" for="{{ option.attrs.id }}">{{ option.label }}</label>
    </div>
    {% endfor %}
    {% endfor %}"""
)
IN_PYTHON = Template("{% load dkfds_choices %}{{ field|choice_inputs }}")


class _Kinds(forms.Form):
    """The kinds of choice beyond the model lists: groups, numbers as labels, a disabled list, extra attributes."""

    grouped = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=[("Nord", [("a", "Aarhus & omegn"), ("b", '"Bjerringbro"')]), ("Syd", [("c", "<Kolding>")])],
    )
    numbers = forms.TypedChoiceField(
        widget=forms.RadioSelect(attrs={"data-x": "1 < 2", "hidden": True, "class": "ignored"}),
        choices=[(1000, 1000), (2500, 2500.5)],
        coerce=int,
    )
    locked = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("x", "X"), ("y", "Y")], disabled=True, required=False
    )


def _both(field) -> tuple[str, str]:
    context = Context({"field": field})
    return TEMPLATE_LOOP.render(context), IN_PYTHON.render(context)


def test_choice_inputs_write_what_the_template_loop_wrote(world):
    company = CompanyFactory(jobcenter=world.jobcenter, name="A & B 'Lager' ApS", contact_email="a@b.dk")
    CompanyFactory(jobcenter=world.jobcenter, name="Øst <ApS>", contact_email="o@b.dk")
    chosen = MentorFactory(jobcenter=world.jobcenter, full_name='Ane "<b>" Ø', status="active")
    MentorFactory(jobcenter=world.jobcenter, full_name="Bo Ærø", status="active")
    CompanyMentorFactory(company=company, full_name="Cæcilie <Ø>")
    fields = [
        *InviteForm(jobcenter=world.jobcenter, initial={"source": InvitationSource.PICKED}),
        *InviteForm(
            {"source": InvitationSource.PICKED, "corps_mentors": [chosen.pk], "companies": [company.pk]},
            jobcenter=world.jobcenter,
        ),
        *_Kinds(initial={"grouped": ["b", "c"], "numbers": 2500, "locked": ["y"]}),
        *_Kinds({"grouped": ["nope"]}),
    ]
    compared = 0
    for field in fields:
        if not isinstance(field.field.widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
            continue
        loop, python = _both(field)
        # The same HTML, the whitespace between tags aside (parse_html, as assertHTMLEqual).
        assert parse_html(python) == parse_html(loop), field.name
        compared += 1
    assert compared == 14
    # Spot checks of the escaping and the states, in the new markup itself.
    picked = InviteForm({"source": InvitationSource.PICKED, "corps_mentors": [chosen.pk]}, jobcenter=world.jobcenter)
    _loop, invite = _both(picked["corps_mentors"])
    assert "Ane &quot;&lt;b&gt;&quot; Ø" in invite
    assert f'value="{chosen.pk}" id="id_corps_mentors_0" checked>' in invite
    _loop, numbers = _both(_Kinds(initial={"numbers": 1000})["numbers"])
    assert 'data-x="1 &lt; 2" hidden id="id_numbers_0" required checked>' in numbers
    assert "ignored" not in numbers
    assert ">1000</label>" in numbers and ">2500,5</label>" in numbers  # localized, as the template wrote


def test_row_checkboxes_list_what_the_model_instances_listed(world):
    """RowCheckboxSelectMultiple reads its choices as rows: the same boxes and labels as Django's checkbox list over
    model instances (the label field is what __str__ shows)."""
    chosen = CitizenFactory(jobcenter=world.jobcenter, name='Åse "<i>" & Co')
    CitizenFactory(jobcenter=world.jobcenter, name="Bent Ærø")
    mentor = MentorFactory(jobcenter=world.jobcenter, full_name="Cæcilie <Ø>", status="active")
    MentorFactory(jobcenter=world.jobcenter, full_name="Dan Dø", status="active")
    company = CompanyFactory(jobcenter=world.jobcenter, name="A & B 'Lager' ApS", contact_email="a@b.dk")
    company_mentor = CompanyMentorFactory(company=company, full_name="Eva <Ø>", email="eva@b.dk")
    CompanyMentorFactory(
        company=CompanyFactory(jobcenter=world.jobcenter, name="Øst", contact_email="o@b.dk"), email="x@b.dk"
    )
    invite = InviteForm(
        {
            "source": InvitationSource.PICKED,
            "companies": [company.pk],
            "corps_mentors": [mentor.pk],
            "company_mentors": [company_mentor.pk],
        },
        jobcenter=world.jobcenter,
    )
    fields = [
        CohortForm(jobcenter=world.jobcenter)["citizens"],
        CohortForm({"citizens": [chosen.pk]}, jobcenter=world.jobcenter)["citizens"],
        PreferencesForm(jobcenter=world.jobcenter, initial={"preferred_mentors": [mentor.pk]})["preferred_mentors"],
        invite["companies"],
        invite["corps_mentors"],
        invite["company_mentors"],
        InviteForm(jobcenter=world.jobcenter, initial={"source": InvitationSource.PICKED})["company_mentors"],
    ]
    for field in fields:
        assert isinstance(field.field.widget, RowCheckboxSelectMultiple)
        twin_form = copy.deepcopy(field.form)
        twin = twin_form.fields[field.name]
        twin.widget = forms.CheckboxSelectMultiple(attrs=twin.widget.attrs)
        twin.widget.picker = getattr(field.field.widget, "picker", False)
        twin.widget.choices = twin.choices
        if field.name == "company_mentors":  # as the invitation form listed them before it read rows
            twin.label_from_instance = lambda m: f"{m.full_name} ({m.company.name})"
        _loop, rows = _both(field)
        _loop, instances = _both(twin_form[field.name])
        assert parse_html(rows) == parse_html(instances), field.name
        assert rows.count('type="checkbox"') >= 2
    _loop, picked = _both(fields[1])
    assert re.search(
        rf'value="{chosen.pk}" id="(id_citizens_\d+)" checked><label class="form-label" for="\1">'
        "Åse &quot;&lt;i&gt;&quot; &amp; Co</label>",
        picked,
    )
    assert picked.count(" checked>") == 1
    _loop, people = _both(invite["company_mentors"])
    assert "Eva &lt;Ø&gt; (A &amp; B &#x27;Lager&#x27; ApS)</label>" in people


def test_rows_refuse_a_field_keyed_on_another_column(world):
    field = forms.ModelMultipleChoiceField(
        queryset=Citizen.objects.filter(jobcenter=world.jobcenter),
        to_field_name="name",
        widget=RowCheckboxSelectMultiple(label_field="name"),
    )
    field.widget.choices = field.choices
    with pytest.raises(ImproperlyConfigured, match="keyed on 'name'"):
        field.widget.optgroups("citizens", [])


def test_the_invitation_lists_are_empty_until_picked_recipients_are_chosen(world):
    CompanyMentorFactory(company=CompanyFactory(jobcenter=world.jobcenter, contact_email="a@b.dk"), email="x@b.dk")
    MentorFactory(jobcenter=world.jobcenter, status="active")
    form = InviteForm(jobcenter=world.jobcenter)
    for name in InviteForm.PICKED_LISTS:
        _loop, python = _both(form[name])
        assert python == "" and form.fields[name].disabled
