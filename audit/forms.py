from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.models import AccessAction, RetentionRule
from mentorship.dates import PlanDateField
from mentorship.widgets import FastSelect


def _helper(submit_label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccessLogFilterForm(forms.Form):
    # Every user with a membership of the jobcenter, company leaders too (hundreds): written in Python.
    actor = forms.ModelChoiceField(
        label=_("Bruger"), required=False, queryset=None, empty_label=_("Alle"), widget=FastSelect(label_field="label")
    )
    q = forms.CharField(label=_("Person eller post"), required=False, max_length=100)
    action = forms.ChoiceField(label=_("Handling"), required=False, choices=[("", _("Alle")), *AccessAction.choices])
    date_from = PlanDateField(label=_("Fra og med"), required=False, widget=_date_widget())
    date_to = PlanDateField(label=_("Til og med"), required=False, widget=_date_widget())

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (
            User.objects.filter(memberships__jobcenter=jobcenter)
            .distinct()
            # User.__str__: the full name, else the e-mail address.
            .annotate(label=Coalesce(NullIf("full_name", Value("")), "email", output_field=CharField()))
            .order_by("full_name", "email")
        )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Slutdatoen skal ligge efter startdatoen."))
        return data


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        help_text=_("Fx borgerens anmodning om sletning og datoen for den. Skriv ikke navn eller CPR-nummer."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Skriv begrundelsen for sletningen.")},
    )
    confirm = forms.BooleanField(
        label=_("Jeg har kontrolleret, at oplysningerne må slettes, og forstår, at det ikke kan fortrydes."),
        error_messages={"required": _("Bekræft sletningen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Slet endeligt"))


class ArchiveHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse for bevaring"),
        help_text=_("Fx kommunens arkivbestemmelse eller en verserende klagesag."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Skriv begrundelsen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Markér til bevaring"))


class RetentionRuleForm(forms.Form):
    """One retention period; a plain form, so the rule changes only through the service (and its log)."""

    months = forms.IntegerField(min_value=1, max_value=600, help_text=_("Antal måneder, mellem 1 og 600."))

    def __init__(self, *args, rule: RetentionRule, **kwargs):
        super().__init__(*args, initial={"months": rule.months}, prefix=rule.kind, **kwargs)
        self.rule = rule
        self.fields["months"].label = rule.get_kind_display()
