"""Forms for offers, the mentor's answer, matching preferences and cohorts. Choices are narrowed to the
request's jobcenter; layout in DKFDS via crispy."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from citizens.forms import staff_users
from citizens.models import PlacementType
from companies.models import Company
from corps.models import DAY_PARTS, WEEKDAYS, Mentor, MentorStatus
from matching.cohort_seats import companies_with_room, room_of
from matching.models import Cohort, CohortCompany
from matching.selectors import cohort_candidate_choices
from mentorship.dates import PlanDateField
from mentorship.widgets import PickerCheckboxSelectMultiple, RowCheckboxSelectMultiple

ANSWERS = [("accept", _("Ja, mentoren tager opgaven")), ("decline", _("Nej, mentoren siger nej"))]
# The same answers on the mentor's own page (the e-mail link), spoken to the mentor.
MENTOR_ANSWERS = [("accept", _("Ja, jeg tager opgaven")), ("decline", _("Nej tak, jeg kan ikke tage opgaven"))]


def _helper(label, *, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.add_input(Submit("submit", label))
    return helper


# Form classes build their fields (and a ModelForm its choice querysets) at import, outside any tenant scope;
# the real choices are narrowed per request in __init__, inside the request's scope.
with scopes_disabled():

    class OfferCreateForm(forms.Form):
        mentor = forms.ModelChoiceField(queryset=Mentor.objects.none(), widget=forms.HiddenInput)
        message = forms.CharField(
            label=_("Besked til mentoren (valgfri)"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Skriv ikke CPR-nummer eller helbredsoplysninger: beskeden sendes med e-mail."),
        )

        def __init__(self, *args, jobcenter, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["mentor"].queryset = Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.ACTIVE)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Svar"), choices=ANSWERS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Begrundelse, hvis nej"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, submit_label=None, by_mentor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label or _("Gem svar"))
        if by_mentor:
            self.fields["answer"].label = _("Dit svar")
            self.fields["answer"].choices = MENTOR_ANSWERS
            self.fields["reason"].label = _("Hvorfor ikke? (skriv kort, hvis du siger nej)")

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Skriv kort, hvorfor du siger nej. Så kan vi finde en bedre mentor."))
        return data


def _bits_field(label, choices):
    return forms.TypedMultipleChoiceField(
        label=label,
        choices=[(bit, text) for bit, text in choices],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


with scopes_disabled():  # built at import, narrowed per request (see OfferCreateForm)

    class PreferencesForm(forms.Form):
        weekdays = _bits_field(_("Borgeren kan mødes på disse dage"), WEEKDAYS)
        day_parts = _bits_field(_("… og på disse tidspunkter"), DAY_PARTS)
        severe_needs = forms.BooleanField(
            label=_("Kræver en mentor fra fuldtidskorpset"),
            required=False,
            help_text=_("Svær psykiatrisk diagnose eller tungt misbrug. Vises aldrig i e-mails eller portalen."),
        )
        preferred_mentors = forms.ModelMultipleChoiceField(
            label=_("Sagsbehandlerens foretrukne mentorer"),
            queryset=Mentor.objects.none(),
            required=False,
            widget=RowCheckboxSelectMultiple(label_field="full_name"),  # Mentor.__str__
        )

        def __init__(self, *args, jobcenter, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["preferred_mentors"].queryset = Mentor.objects.filter(
                jobcenter=jobcenter, status=MentorStatus.ACTIVE
            ).only("id", "full_name")
            self.helper = _helper(_("Gem"))

    class CohortForm(forms.ModelForm):
        citizens = forms.ModelMultipleChoiceField(
            label=_("Kandidater"),
            queryset=Company.objects.none(),
            # Citizen.__str__; thousands at a large jobcenter, so with a filter and "Vælg alle".
            widget=PickerCheckboxSelectMultiple(label_field="name"),
        )
        companies = forms.ModelMultipleChoiceField(
            label=_("Virksomheder"), queryset=Company.objects.none(), widget=PickerCheckboxSelectMultiple
        )
        capacity = forms.IntegerField(
            label=_("Pladser pr. virksomhed"),
            min_value=0,
            max_value=500,
            initial=6,
            help_text=_(
                "Højst så mange pr. virksomhed; ingen virksomhed får flere end sine ledige pladser. "
                "Kan ændres for hver virksomhed bagefter."
            ),
        )
        min_group = forms.IntegerField(label=_("Mindst pr. virksomhed"), min_value=0, max_value=500, initial=4)
        allow_empty = forms.BooleanField(
            label=_("En virksomhed må også få ingen"),
            required=False,
            help_text=_("Uden flueben er minimum et hårdt krav."),
        )

        class Meta:
            model = Cohort
            fields = [
                "name",
                "require_all_assigned",
                "placement_type",
                "starts_on",
                "ends_on",
                "hours_per_week",
                "tasks",
                "responsible",
            ]
            field_classes = {"starts_on": PlanDateField, "ends_on": PlanDateField}
            widgets = {
                "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "tasks": forms.Textarea(attrs={"rows": 3}),
            }

        def __init__(self, *args, jobcenter, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["citizens"].queryset = cohort_candidate_choices(jobcenter=jobcenter)
            # Each company with its free seats, placement types and whether a leader can answer in the portal.
            self.fields["companies"].queryset = companies_with_room(
                Company.objects.filter(jobcenter=jobcenter).only("id", "name", "capacity").order_by("name", "id")
            )
            self.fields["companies"].label_from_instance = lambda company: room_of(company).describe()
            self.fields["placement_type"].queryset = PlacementType.objects.filter(jobcenter=jobcenter, is_active=True)
            self.fields["responsible"].queryset = staff_users(jobcenter)
            self.helper = _helper(_("Opret hold"))

        def clean(self):
            data = super().clean()
            if (data.get("min_group") or 0) > (data.get("capacity") or 0):
                self.add_error("min_group", _("Mindste gruppe kan ikke være større end antal pladser."))
            return data

    class CohortCompanyForm(forms.ModelForm):
        class Meta:
            model = CohortCompany
            fields = ["capacity", "min_group", "allow_empty"]

    class CohortMoveForm(forms.Form):
        candidate = forms.IntegerField(widget=forms.HiddenInput)
        to = forms.ChoiceField(label=_("Flyt til"), required=False)

        def __init__(self, *args, companies, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["to"].choices = [("", _("Ingen virksomhed"))] + [
                (str(company.pk), company.company.name) for company in companies
            ]
