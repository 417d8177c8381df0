"""Forms for citizens, agreements, placements and follow-up. Choices are narrowed to the request's
jobcenter (and to the citizen's own agreements and placements); layout in DKFDS via crispy."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from accounts.models import User
from accounts.permissions import STAFF
from citizens import cpr
from citizens.models import (
    AssessorKind,
    Citizen,
    CitizenStatus,
    FirstMeeting,
    FollowUp,
    GoalStatus,
    MentorAgreement,
    Outcome,
    Placement,
)
from citizens.models.citizen import SensitiveNoteKind
from citizens.models.placement import PLACEMENT_ASSESSORS
from citizens.selectors import (
    citizen_by_cpr,
    dimensions_for,
    likely_duplicates,
    placement_types_for,
    target_groups_for,
)
from citizens.services import (
    AGREEMENT_FIELDS,
    CASEWORKER_CHANGE_DENIED,
    CITIZEN_FIELDS,
    FIRST_MEETING_FIELDS,
    FOLLOW_UP_FIELDS,
    PLACEMENT_FIELDS,
)
from companies.models import Company, CompanyMentor
from companies.selectors import with_mentor_label
from corps.models import Competence, Language, Mentor, MentorStatus
from matching.postcodes import validate_danish_postcode
from mentorship.dates import EventDateField, PlanDateField
from mentorship.web import chosen_id, refresh_field_attributes
from mentorship.widgets import FastSelect


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(submit_label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


def staff_users(jobcenter, roles=STAFF):
    return (
        User.objects.filter(
            is_active=True, memberships__jobcenter=jobcenter, memberships__role__in=roles, memberships__is_active=True
        )
        .distinct()
        .order_by("full_name")
    )


def _checkboxes(field) -> None:
    field.widget = forms.CheckboxSelectMultiple()
    field.widget.choices = field.choices


# Form classes build their fields (and a ModelForm its choice querysets) at import, outside any tenant scope; the real
# choices are narrowed per request in __init__.
with scopes_disabled():

    class CitizenForm(forms.ModelForm):
        cpr_number = forms.CharField(
            label=_("CPR-nummer"),
            required=False,
            max_length=11,
            help_text=_("Valgfrit. Gemmes krypteret og vises kun skjult (DDMMÅÅ-XXXX)."),
            widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        )

        class Meta:
            model = Citizen
            fields = [*CITIZEN_FIELDS, "needs", "languages"]
            field_classes = {"referred_on": EventDateField}
            widgets = {
                "referred_on": _date_widget(),
                "referral_reason": forms.Textarea(attrs={"rows": 3}),
                "wish_text": forms.Textarea(attrs={"rows": 3}),
                "caseworker_view": forms.Textarea(attrs={"rows": 3}),
            }

        def __init__(self, *args, jobcenter, may_reassign_caseworker: bool = True, **kwargs):
            super().__init__(*args, **kwargs)
            self.jobcenter = jobcenter
            self.fields["target_group"].queryset = target_groups_for(jobcenter=jobcenter)
            self.fields["target_group"].error_messages["required"] = _("Vælg borgerens målgruppe.")
            self.fields["caseworker"].queryset = staff_users(jobcenter)
            if self.instance.pk and not may_reassign_caseworker:
                # The caseworker reads the citizen's sensitive notes: only a coordinator moves the case.
                # The current one stays a valid choice even after leaving the jobcenter's staff.
                caseworker = self.fields["caseworker"]
                caseworker.queryset = User.objects.filter(pk=self.instance.caseworker_id)
                caseworker.error_messages["invalid_choice"] = CASEWORKER_CHANGE_DENIED
                caseworker.help_text = CASEWORKER_CHANGE_DENIED
            self.fields["needs"].queryset = Competence.objects.filter(jobcenter=jobcenter, is_active=True)
            _checkboxes(self.fields["needs"])
            self.fields["languages"].queryset = Language.objects.all()
            _checkboxes(self.fields["languages"])
            self.fields["wish_language"].queryset = Language.objects.all()
            self.fields["name"].error_messages["required"] = _("Skriv borgerens navn.")
            if self.instance.pk and self.instance.has_cpr:
                self.fields["cpr_number"].help_text = _(
                    "Der er gemt et CPR-nummer (%(masked)s). Lad feltet stå tomt for at beholde det."
                ) % {"masked": self.instance.cpr_masked}
                self.fields["remove_cpr"] = forms.BooleanField(label=_("Slet det gemte CPR-nummer"), required=False)
            self.helper = _helper(_("Gem"))

        def clean_postcode(self):
            value = self.cleaned_data["postcode"].strip()
            validate_danish_postcode(value)
            return value

        def clean_referred_on(self):
            value = self.cleaned_data["referred_on"]
            if value and value > timezone.localdate():
                raise ValidationError(_("Henvisningsdatoen kan ikke ligge efter i dag."))
            return value

        def clean_cpr_number(self):
            value = self.cleaned_data["cpr_number"].strip()
            if value:
                cpr.parse(value)  # raises the Danish ValidationError at the field
                existing = citizen_by_cpr(jobcenter=self.jobcenter, cpr_number=value)
                if existing is not None and existing.pk != self.instance.pk:
                    # Everyone who may fill in this form may open the citizen (staff): the link is theirs to see.
                    raise ValidationError(
                        format_html(
                            '{} <a href="{}">{}</a>',
                            _("Der findes allerede en borger med dette CPR-nummer:"),
                            reverse("citizens:detail", kwargs={"pk": existing.pk}),
                            existing.name,
                        ),
                        code="cpr_duplicate",
                    )
            return value

        def clean(self):
            cleaned = super().clean()
            if self.instance.pk is None and cleaned.get("name") and not self.data.get("not_duplicate"):
                born = cpr.parse(cleaned["cpr_number"])[1] if cleaned.get("cpr_number") else None
                duplicates = likely_duplicates(jobcenter=self.jobcenter, name=cleaned["name"], birth_date=born)
                if duplicates:
                    links = format_html_join(
                        ", ",
                        '<a href="{}">{}</a>',
                        ((reverse("citizens:detail", kwargs={"pk": c.pk}), c.name) for c in duplicates),
                    )
                    self.add_error(
                        "name",
                        ValidationError(
                            format_html(
                                "{} {}. {}",
                                _(
                                    "Der findes måske allerede en borger med et lignende navn "
                                    "og samme eller ukendt fødselsdato:"
                                ),
                                links,
                                _("Åbn borgeren, eller sæt flueben nedenfor, hvis det er en anden person."),
                            ),
                            code="likely_duplicate",
                        ),
                    )
                    self.fields["not_duplicate"] = forms.BooleanField(
                        label=_("Det er en anden borger: opret alligevel"), required=False
                    )
            return cleaned

        def cpr_for_service(self) -> str | None:
            """None keeps the stored number; "" removes it."""
            if self.cleaned_data.get("remove_cpr"):
                return ""
            value = self.cleaned_data.get("cpr_number", "")
            if self.instance.pk and not value:
                return None
            return value

        def citizen_data(self) -> dict:
            return {name: self.cleaned_data[name] for name in CITIZEN_FIELDS}

    class AgreementForm(forms.ModelForm):
        class Meta:
            model = MentorAgreement
            fields = list(AGREEMENT_FIELDS)
            field_classes = {"starts_on": PlanDateField, "ends_on": PlanDateField}
            widgets = {
                "starts_on": _date_widget(),
                "ends_on": _date_widget(),
                "goal": forms.Textarea(attrs={"rows": 3}),
                "mentor_tasks": forms.Textarea(attrs={"rows": 3}),
                "complaint_guidance": forms.Textarea(attrs={"rows": 5}),
                # Written in Python (mentorship.widgets): a thousand options each at the largest jobcenter.
                "mentor": FastSelect(label_field="full_name"),
                "company_mentor": FastSelect(label_field="label"),  # annotated in __init__: "name (company)"
            }

        def __init__(self, *args, jobcenter, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["mentor"].queryset = Mentor.objects.filter(
                jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.APPROVED]
            ).order_by("full_name")
            self.fields["company_mentor"].queryset = with_mentor_label(
                CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True)
                .select_related("company")
                .order_by("full_name")
            )
            self.fields["company_mentor"].label_from_instance = lambda m: f"{m.full_name} ({m.company.name})"
            self.fields["caseworker"].queryset = staff_users(jobcenter)
            self.fields["complaint_guidance"].required = False
            self.fields["starts_on"].error_messages["required"] = _("Vælg startdato.")
            self.fields["ends_on"].error_messages["required"] = _("Vælg slutdato.")
            self.helper = _helper(_("Gem"))

        def clean(self):
            cleaned = super().clean()
            if cleaned.get("mentor") and cleaned.get("company_mentor"):
                self.add_error(
                    "company_mentor", _("Vælg enten en mentor fra mentorkorpset eller en virksomhedsmentor.")
                )
            return cleaned

        def agreement_data(self) -> dict:
            return {name: self.cleaned_data[name] for name in AGREEMENT_FIELDS}

    class RenewForm(AgreementForm):
        renewal_assessment = forms.CharField(
            label=_("Konkret vurdering af behovet for forlængelse"),
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"required": _("Beskriv den konkrete vurdering af behovet for forlængelse.")},
        )

    class FirstMeetingForm(forms.ModelForm):
        class Meta:
            model = FirstMeeting
            fields = list(FIRST_MEETING_FIELDS)
            field_classes = {"held_on": EventDateField}
            widgets = {
                "held_on": _date_widget(),
                "expectations": forms.Textarea(attrs={"rows": 3}),
                "goals": forms.Textarea(attrs={"rows": 3}),
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = _helper(_("Gem opstartsmødet"))

    class PlacementForm(forms.ModelForm):
        accepted = forms.BooleanField(
            label=_("Virksomheden har allerede sagt ja"),
            required=False,
            help_text=_("Ellers sendes forløbet til virksomheden, som svarer i virksomhedsportalen."),
        )

        class Meta:
            model = Placement
            fields = list(PLACEMENT_FIELDS)
            field_classes = {"starts_on": PlanDateField, "ends_on": PlanDateField}
            widgets = {
                "starts_on": _date_widget(),
                "ends_on": _date_widget(),
                "tasks": forms.Textarea(attrs={"rows": 3}),
                "proposal_note": forms.Textarea(attrs={"rows": 2}),
                "company": FastSelect(label_field="name"),
            }

        def __init__(self, *args, jobcenter, refresh_url: str = "", **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["company"].queryset = Company.objects.filter(jobcenter=jobcenter).order_by("name")
            # The chosen company's mentors only, not every company mentor of the jobcenter (a thousand at the
            # largest): the field fills in when the company is chosen (htmx fetches the form with ?company=).
            company_id = chosen_id(self, "company")
            mentors = self.fields["company_mentor"]
            # Active mentors, and the placement's own even if no longer active, so an edit never drops it.
            current = Q(pk=self.instance.company_mentor_id) if self.instance.company_mentor_id else Q(pk__in=[])
            mentors.queryset = (
                CompanyMentor.objects.filter(company__jobcenter=jobcenter, company_id=company_id)
                .filter(Q(is_active=True) | current)
                .only("id", "full_name", "company_id")
                .order_by("full_name")
                if company_id is not None
                else CompanyMentor.objects.none()
            )
            mentors.error_messages["invalid_choice"] = _("Virksomhedsmentoren skal være ansat i den valgte virksomhed.")
            if company_id is None:
                mentors.help_text = _("Vælg virksomheden først. Så kan du vælge blandt dens mentorer.")
            if refresh_url:
                self.fields["company"].widget.attrs.update(refresh_field_attributes(refresh_url, "company_mentor"))
            self.fields["placement_type"].queryset = placement_types_for(jobcenter=jobcenter)
            self.fields["responsible"].queryset = staff_users(jobcenter)
            if self.instance.pk:
                del self.fields["accepted"]
            self.helper = _helper(_("Gem"))

        def clean(self):
            cleaned = super().clean()
            mentor, company = cleaned.get("company_mentor"), cleaned.get("company")
            if mentor and company and mentor.company_id != company.pk:
                self.add_error("company_mentor", _("Virksomhedsmentoren skal være ansat i den valgte virksomhed."))
            if cleaned.get("accepted") and not mentor:
                self.add_error("company_mentor", _("Vælg virksomhedsmentoren, når virksomheden har sagt ja."))
            return cleaned

        def placement_data(self) -> dict:
            return {name: self.cleaned_data[name] for name in PLACEMENT_FIELDS}

    class FollowUpForm(forms.ModelForm):
        hours_confirmed_by_citizen = forms.BooleanField(label=_("Borgeren har bekræftet mentortimerne"), required=False)

        class Meta:
            model = FollowUp
            fields = list(FOLLOW_UP_FIELDS)
            field_classes = {"occurred_on": EventDateField, "next_action_on": PlanDateField}
            widgets = {
                "occurred_on": _date_widget(),
                "next_action_on": _date_widget(),
                "notes": forms.Textarea(attrs={"rows": 4}),
            }

        def __init__(self, *args, citizen, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["placement"].queryset = Placement.objects.filter(
                jobcenter_id=citizen.jobcenter_id, citizen=citizen
            ).select_related("company", "placement_type")
            self.fields["agreement"].queryset = MentorAgreement.objects.filter(
                jobcenter_id=citizen.jobcenter_id, citizen=citizen
            )
            self.fields["notes"].error_messages["required"] = _("Skriv et kort notat om opfølgningen.")
            self.initial.setdefault("occurred_on", timezone.localdate())
            self.helper = _helper(_("Gem opfølgning"))

        def follow_up_data(self) -> dict:
            return {name: self.cleaned_data[name] for name in FOLLOW_UP_FIELDS}


class CitizenFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg på navn"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *list(CitizenStatus.choices)]
    )
    target_group = forms.ModelChoiceField(label=_("Målgruppe"), required=False, queryset=None, empty_label=_("Alle"))
    mine = forms.BooleanField(label=_("Kun borgere, jeg har henvist"), required=False)

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = target_groups_for(jobcenter=jobcenter, active_only=False)


class CprSearchForm(forms.Form):
    cpr_number = forms.CharField(
        label=_("Find borger ud fra CPR-nummer"),
        max_length=11,
        error_messages={"required": _("Skriv CPR-nummeret.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_cpr_number(self):
        return cpr.parse(self.cleaned_data["cpr_number"])[0]


class SensitiveNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Emne"), choices=SensitiveNoteKind.choices)
    text = forms.CharField(
        label=_("Notat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv notatet.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Gem notat"))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Resultat"),
        choices=[("", _("Vælg resultat")), *list(Outcome.choices)],
        error_messages={"required": _("Vælg et resultat.")},
    )
    on = EventDateField(label=_("Dato"), widget=_date_widget(), error_messages={"required": _("Vælg datoen.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())
        self.helper = _helper(_("Afslut"))


class AgreementEndForm(forms.Form):
    ended_on = EventDateField(label=_("Afsluttet den"), widget=_date_widget())
    end_reason = forms.CharField(label=_("Begrundelse"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("ended_on", timezone.localdate())
        self.helper = _helper(_("Afslut aftalen"))


class FirstMeetingPlanForm(forms.Form):
    """When and where the first meeting is held, and who from the jobcenter takes part (the citizen and the
    agreement's mentor always do). The service checks the rest: not in the past, the end after the start."""

    date = PlanDateField(label=_("Dato"), widget=_date_widget())
    start = forms.TimeField(label=_("Fra kl."), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Til kl."), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(
        label=_("Sted"),
        max_length=150,
        help_text=_("Adresse og lokale, fx Jobcentret, Skovvej 20, 8382 Hinnerup, mødelokale 2."),
    )
    caseworker = forms.ModelChoiceField(
        label=_("Sagsbehandler eller kontaktperson"),
        queryset=User.objects.none(),
        help_text=_("Får kalenderinvitationen sammen med mentoren."),
    )

    def __init__(self, *args, jobcenter, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = staff_users(jobcenter)
        self.helper = _helper(submit_label)


class HoursStepForm(forms.Form):
    starts_on = PlanDateField(label=_("Fra og med"), widget=_date_widget())
    hours_per_week = forms.DecimalField(
        label=_("Timer om ugen"),
        min_value=0,
        max_digits=4,
        decimal_places=1,
        error_messages={"min_value": _("Timetallet kan ikke være negativt.")},
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Tilføj trin"))


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Mål"), max_length=300, error_messages={"required": _("Skriv målet.")})
    target_date = PlanDateField(label=_("Måldato"), required=False, widget=_date_widget())
    parent = forms.ModelChoiceField(
        label=_("Delmål af"), required=False, queryset=None, empty_label=_("Hovedmål (intet overordnet mål)")
    )

    def __init__(self, *args, owner, **kwargs):
        """`owner`: the placement or the mentor agreement whose top-level goals a sub-goal may go under."""
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = owner.goals.filter(parent__isnull=True)
        self.helper = _helper(_("Tilføj mål"))


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    target_date = PlanDateField(label=_("Måldato"), required=False, widget=_date_widget())


class AssessmentForm(forms.Form):
    """One score field (1-5) and one comment per dimension of the competence cards."""

    assessed_on = EventDateField(label=_("Dato"), widget=_date_widget())
    assessor_kind = forms.ChoiceField(label=_("Vurderet af"), choices=AssessorKind.choices)

    SCORE_CHOICES = [("", _("Ikke vurderet"))] + [(str(n), str(n)) for n in range(1, 6)]

    def __init__(self, *args, jobcenter, assessors=PLACEMENT_ASSESSORS, **kwargs):
        """`assessors`: who may have assessed (a placement's or a mentor agreement's, citizens.models)."""
        super().__init__(*args, **kwargs)
        self.fields["assessor_kind"].choices = [(kind.value, kind.label) for kind in assessors]
        self.dimensions = list(dimensions_for(jobcenter=jobcenter))
        self.initial.setdefault("assessed_on", timezone.localdate())
        for dimension in self.dimensions:
            self.fields[f"score_{dimension.pk}"] = forms.TypedChoiceField(
                label=dimension.name,
                choices=self.SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("1 = meget lav, 5 = meget høj"),
            )
            self.fields[f"comment_{dimension.pk}"] = forms.CharField(
                label=_("Kommentar til %(name)s") % {"name": dimension.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.helper = _helper(_("Gem vurdering"))

    def clean(self):
        cleaned = super().clean()
        if self.dimensions and not any(cleaned.get(f"score_{d.pk}") for d in self.dimensions):
            raise forms.ValidationError(_("Giv mindst én score."))
        return cleaned

    def score_inputs(self):
        from citizens.services import ScoreInput

        return [
            ScoreInput(
                dimension=d, score=self.cleaned_data[f"score_{d.pk}"], comment=self.cleaned_data[f"comment_{d.pk}"]
            )
            for d in self.dimensions
            if self.cleaned_data.get(f"score_{d.pk}")
        ]
