"""The leader's forms. Choices (mentors, dimensions) come from the leader's own company and jobcenter."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import FollowUpKind
from mentorship.dates import EventDateField, PlanDateField


class PlacementAnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(
        label=_("Svar"),
        choices=[(ACCEPT, _("Ja, vi tager imod borgeren")), (DECLINE, _("Nej, vi siger nej tak"))],
        widget=forms.RadioSelect,
    )
    company_mentor = forms.ModelChoiceField(
        label=_("Virksomhedsmentor"),
        queryset=None,
        required=False,
        empty_label=_("Vælg mentor"),
        help_text=_("Den medarbejder, der skal være borgerens mentor. Mangler mentoren, så tilføj vedkommende først."),
    )
    reason = forms.CharField(
        label=_("Begrundelse, hvis I siger nej"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company_mentor"].queryset = company.mentors.filter(is_active=True).order_by("full_name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == self.ACCEPT and not cleaned.get("company_mentor"):
            self.add_error("company_mentor", _("Vælg den mentor, der skal tage imod borgeren."))
        if cleaned.get("answer") == self.DECLINE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Skriv kort, hvorfor virksomheden siger nej."))
        return cleaned


SCORE_CHOICES = [
    (1, _("1 – langt fra")),
    (2, _("2")),
    (3, _("3 – på vej")),
    (4, _("4")),
    (5, _("5 – helt på plads")),
]


class AssessmentForm(forms.Form):
    """The competence cards: one score 1-5 and a comment per dimension (adfærd, engagement, ...)."""

    assessed_on = EventDateField(
        label=_("Dato for vurderingen"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, dimensions, **kwargs):
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.dimensions = list(dimensions)
        for dimension in self.dimensions:
            self.fields[f"score_{dimension.pk}"] = forms.TypedChoiceField(
                label=dimension.name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=dimension.description if hasattr(dimension, "description") else "",
                error_messages={"required": _("Giv en score fra 1 til 5 for %(name)s.") % {"name": dimension.name}},
            )
            self.fields[f"comment_{dimension.pk}"] = forms.CharField(
                label=_("Kommentar til %(name)s") % {"name": dimension.name},  # the form marks it "(frivilligt)"
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def score_items(self):
        return [
            (dimension, self.cleaned_data[f"score_{dimension.pk}"], self.cleaned_data[f"comment_{dimension.pk}"])
            for dimension in self.dimensions
        ]


class CompanyFollowUpForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=FollowUpKind.choices)
    occurred_on = EventDateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    participants = forms.CharField(label=_("Hvem deltog (valgfrit)"), required=False, max_length=300)
    notes = forms.CharField(
        label=_("Notat"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skriv om arbejdet og samarbejdet på arbejdspladsen. Skriv ikke om helbred eller private forhold."),
    )
    next_action = forms.CharField(label=_("Næste skridt (valgfrit)"), required=False, max_length=300)
    next_action_on = PlanDateField(
        label=_("Næste skridt senest (valgfrit)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"occurred_on": timezone.localdate(), "kind": FollowUpKind.MEETING})
        super().__init__(*args, **kwargs)
