"""Forms for the corps. Choices are narrowed to the request's jobcenter; layout in DKFDS via crispy."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from corps.models import DAY_PARTS, WEEKDAYS, Gender, Mentor, MentorStatus, QualificationKind
from corps.selectors import competences_for, languages_all, mentor_citizens
from corps.services import APPLICATION_FIELDS, PROFILE_FIELDS
from matching.postcodes import validate_danish_postcode
from mentorship.dates import EventDateField, PlanDateField, PlanDateTimeField
from mentorship.web import chosen_id, refresh_field_attributes
from mentorship.widgets import FastSelect

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class BitsField(forms.TypedMultipleChoiceField):
    """Check boxes stored as a bit set in one integer column."""

    def __init__(self, *, choices, **kwargs):
        super().__init__(
            choices=[(str(bit), label) for bit, label in choices],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, int):
            return [str(bit) for bit, _label in self.choices if value & int(bit)]
        return value

    def clean(self, value):
        return sum(super().clean(value) or [])


def _helper(submit_label, *, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.add_input(Submit("submit", submit_label))
    return helper


class _ProfileBase(forms.ModelForm):
    available_weekdays = BitsField(choices=WEEKDAYS, label=_("Hvilke ugedage kan du?"))
    available_day_parts = BitsField(choices=DAY_PARTS, label=_("Hvornår på dagen kan du?"))

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.jobcenter = jobcenter
        self.fields["competences"].queryset = competences_for(jobcenter=jobcenter)
        self.fields["competences"].widget = forms.CheckboxSelectMultiple()
        self.fields["competences"].widget.choices = self.fields["competences"].choices
        self.fields["languages"].queryset = languages_all()
        self.fields["languages"].widget = forms.CheckboxSelectMultiple()
        self.fields["languages"].widget.choices = self.fields["languages"].choices
        self.fields["attachment"].widget = forms.RadioSelect(choices=self.fields["attachment"].choices[1:])
        self.fields["attachment"].error_messages["required"] = _(
            "Vælg hvordan du er tilknyttet arbejdsmarkedet: i job, i uddannelse eller pensioneret."
        )
        if "gender" in self.fields:
            self.fields["gender"].choices = [("", _("Ønsker ikke at oplyse"))] + [c for c in Gender.choices if c[0]]

    def clean_postcode(self):
        value = (self.cleaned_data.get("postcode") or "").strip()
        validate_danish_postcode(value)
        return value

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        return email

    def profile_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name in PROFILE_FIELDS}


# ModelForm classes build their choice fields when defined; tenant querysets then need the scope
# lifted (the real choices are narrowed per request in __init__).
with scopes_disabled():

    class MentorApplicationForm(_ProfileBase):
        """The public "Bliv mentor" form. `website` is a honeypot: people do not see it, bots fill it."""

        consent = forms.BooleanField(
            label=_("Jeg giver samtykke til, at jobcentret opbevarer min ansøgning og oplysningerne i den."),
            help_text=_(
                "Oplysningerne bruges kun til at vurdere dig som mentor og, hvis du bliver mentor, til at matche dig "
                "med borgere. Du kan til enhver tid trække samtykket tilbage ved at kontakte jobcentret; så sletter vi "
                "ansøgningen."
            ),
            error_messages={"required": _("Du skal give samtykke, før vi kan modtage din ansøgning.")},
        )
        website = forms.CharField(required=False, label=_("Lad dette felt stå tomt"))

        class Meta:
            model = Mentor
            fields = [*APPLICATION_FIELDS, "competences", "languages"]
            labels = {
                "full_name": _("Dit fulde navn"),
                "email": _("Din e-mail"),
                "phone": _("Dit telefonnummer"),
                "postcode": _("Dit postnummer"),
                "attachment": _("Hvordan er du tilknyttet arbejdsmarkedet?"),
                "education": _("Din uddannelse"),
                "work_experience": _("Din erhvervserfaring"),
                "industries": _("Brancher, du kender"),
                "competences": _("Hvad kan du bidrage med?"),
                "languages": _("Hvilke sprog taler du?"),
                "motivation": _("Hvorfor vil du være mentor?"),
                "birth_year": _("Dit fødselsår"),
                "hours_per_week": _("Hvor mange timer om ugen kan du typisk?"),
            }
            help_texts = {
                "industries": _("Fx byggeri, detail, transport, sundhed."),
                "birth_year": _("Vi bruger det kun til at sikre bredde i aldersgrupper."),
            }
            widgets = {
                "education": forms.Textarea(attrs={"rows": 3}),
                "work_experience": forms.Textarea(attrs={"rows": 3}),
                "motivation": forms.Textarea(attrs={"rows": 5}),
            }

        def __init__(self, *args, jobcenter, **kwargs):
            super().__init__(*args, jobcenter=jobcenter, **kwargs)
            self.fields["motivation"].required = True
            self.fields["phone"].required = True
            self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
            self.helper = _helper(_("Send ansøgning"))
            self.helper.layout = Layout(
                Fieldset(_("Om dig"), "full_name", "email", "phone", "postcode", "gender", "birth_year"),
                Fieldset(
                    _("Din baggrund"),
                    "attachment",
                    "education",
                    "work_experience",
                    "industries",
                    "languages",
                    "competences",
                ),
                Fieldset(_("Hvornår kan du?"), "available_weekdays", "available_day_parts", "hours_per_week"),
                Fieldset(_("Motivation og samtykke"), "motivation", "consent"),
                Div("website", css_class="corps-hp", aria_hidden="true"),
            )

        def validate_unique(self):
            # The service handles a repeated e-mail without revealing that an application exists.
            pass

        @property
        def is_spam(self) -> bool:
            return bool(self.cleaned_data.get("website"))

        def application_data(self) -> dict:
            return {name: self.cleaned_data.get(name) for name in APPLICATION_FIELDS}


with scopes_disabled():  # built at import, narrowed per request (see above)

    class MentorForm(_ProfileBase):
        """A coordinator creates or edits a mentor's profile (never the status: screening does that)."""

        initial_status = forms.ChoiceField(
            label=_("Status ved oprettelse"),
            choices=[
                (MentorStatus.ACTIVE, MentorStatus.ACTIVE.label),
                (MentorStatus.APPLICANT, MentorStatus.APPLICANT.label),
            ],
            initial=MentorStatus.ACTIVE,
            help_text=_("Vælg aktiv for en mentor, der allerede er i korpset."),
        )

        class Meta:
            model = Mentor
            fields = [*PROFILE_FIELDS, "competences", "languages"]
            field_classes = {"contract_start": PlanDateField, "contract_end": PlanDateField}
            widgets = {
                "education": forms.Textarea(attrs={"rows": 2}),
                "work_experience": forms.Textarea(attrs={"rows": 3}),
                "network_notes": forms.Textarea(attrs={"rows": 3}),
                "motivation": forms.Textarea(attrs={"rows": 3}),
                "contract_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "contract_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            }
            localized_fields = ["hourly_rate"]
            labels = {
                "available_weekdays": _("Ugedage"),
                "available_day_parts": _("Tidspunkter"),
            }

        def __init__(self, *args, jobcenter, **kwargs):
            super().__init__(*args, jobcenter=jobcenter, **kwargs)
            self.fields["available_weekdays"].label = _("Ugedage")
            self.fields["available_day_parts"].label = _("Tidspunkter")
            if self.instance.pk:
                del self.fields["initial_status"]
            self.helper = _helper(_("Gem"))
            self.helper.layout = Layout(
                *(["initial_status"] if "initial_status" in self.fields else []),
                Fieldset(_("Person"), "full_name", "email", "phone", "postcode", "gender", "birth_year"),
                Fieldset(
                    _("Baggrund"),
                    "attachment",
                    "education",
                    "work_experience",
                    "industries",
                    "network_notes",
                    "motivation",
                    "competences",
                    "languages",
                ),
                Fieldset(
                    _("Tid og kapacitet"), "available_weekdays", "available_day_parts", "hours_per_week", "capacity"
                ),
                Fieldset(
                    _("Ansættelse"), "employment", "offers_section_85", "hourly_rate", "contract_start", "contract_end"
                ),
            )

        def validate_unique(self):
            # Checked per jobcenter below (the model form does not know the jobcenter of a new mentor).
            pass

        def clean(self):
            cleaned = super().clean()
            email = cleaned.get("email")
            if email:
                others = Mentor.objects.filter(jobcenter=self.jobcenter, email__iexact=email)
                if self.instance.pk:
                    others = others.exclude(pk=self.instance.pk)
                if others.exists():
                    self.add_error("email", _("Der findes allerede en mentor med den e-mail."))
            if cleaned.get("offers_section_85") and cleaned.get("employment") != "full_time":
                self.add_error("offers_section_85", _("Kun fuldtidsansatte mentorer kan give støtte efter § 85."))
            start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
            if start and end and end < start:
                self.add_error("contract_end", _("Kontraktophør skal ligge efter kontraktstart."))
            return cleaned


# --- Screening -----------------------------------------------------------------------------------


class InterviewForm(forms.Form):
    happens_at = PlanDateTimeField(
        label=_("Tidspunkt for samtalen"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    note = forms.CharField(label=_("Sted og bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    note = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse.")},
    )


class PauseForm(ReasonForm):
    until = PlanDateField(
        label=_("På pause til og med"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    field_order = ["until", "reason"]


class ConfirmForm(forms.Form):
    pass


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ny note"), widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": _("Skriv en note.")}
    )


class QualificationForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=QualificationKind.choices)
    completed_on = EventDateField(
        label=_("Gennemført"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Datoen for gennemførelse kan ikke ligge i fremtiden."))
        return value


# --- Hours, import, payroll ----------------------------------------------------------------------


NO_AGREEMENT_WITH_MENTOR = _("Borgeren har ingen indgået mentoraftale med mentoren. Vælg en af mentorens borgere.")


class HoursForm(forms.Form):
    """A mentor's hours with one of their citizens in one week. The citizens to choose from are the mentor's own
    (those with a mentor agreement with them, hours_record's rule), never the jobcenter's every citizen: the list
    appears once the mentor is chosen (the page reloads the field with htmx, or with ?mentor= from the mentor's
    page)."""

    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, widget=FastSelect(label_field="full_name"))
    week = EventDateField(
        label=_("Uge (mandag)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Vælg ugens mandag."),
    )
    citizen = forms.ModelChoiceField(
        label=_("Borger"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": NO_AGREEMENT_WITH_MENTOR},
    )
    mentee_reference = forms.CharField(
        label=_("Reference"),
        max_length=60,
        required=False,
        help_text=_("Kun hvis borgeren ikke findes i systemet: initialer eller sagsreference, aldrig CPR-nummer."),
    )
    hours = forms.DecimalField(label=_("Timer"), min_value=0.25, max_value=80, decimal_places=2, localize=True)
    agreed_hours = forms.DecimalField(
        label=_("Aftalte timer"),
        min_value=0,
        max_value=80,
        decimal_places=2,
        required=False,
        localize=True,
        help_text=_("Tom: timerne i borgerens aktive mentoraftale."),
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)

    def __init__(self, *args, jobcenter, refresh_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Mentor.objects.filter(
            jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED, MentorStatus.RESIGNED]
        ).only("id", "full_name")
        self.mentor_id = chosen_id(self, "mentor")
        citizen = self.fields["citizen"]
        citizen.queryset = mentor_citizens(jobcenter=jobcenter, mentor_id=self.mentor_id)
        citizen.label_from_instance = lambda c: c.name
        if self.mentor_id is None:
            citizen.help_text = _("Vælg mentoren først. Så kan du vælge blandt mentorens borgere.")
        elif not citizen.queryset.exists():
            citizen.help_text = _("Mentoren har ingen borgere med en indgået mentoraftale. Skriv en reference.")
        if refresh_url:
            self.fields["mentor"].widget.attrs.update(refresh_field_attributes(refresh_url, "citizen"))
        self.helper = _helper(_("Registrér timer"))

    def clean_week(self):
        week = self.cleaned_data["week"]
        if week.weekday() != 0:
            raise forms.ValidationError(_("Vælg ugens mandag."))
        return week

    def clean_mentee_reference(self):
        from notifications.rendering import contains_cpr

        value = self.cleaned_data["mentee_reference"].strip()
        if contains_cpr(value):
            raise forms.ValidationError(_("Skriv ikke CPR-numre her. Brug initialer eller en sagsreference."))
        return value

    def clean(self):
        cleaned = super().clean()
        answered = "citizen" in self.errors or "mentee_reference" in self.errors
        if not cleaned.get("citizen") and not cleaned.get("mentee_reference") and not answered:
            self.add_error("citizen", _("Vælg borgeren eller skriv en reference."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("Semikolonsepareret CSV fra Excel (UTF-8). Hent skabelonen for kolonnerne."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Kontrollér og importér"))
        self.helper.form_enctype = "multipart/form-data"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Filen er for stor (højst 10 MB)."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Vælg en CSV-fil."))
        return upload


def month_choices(today: datetime.date | None = None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    names = [
        _("januar"), _("februar"), _("marts"), _("april"), _("maj"), _("juni"),
        _("juli"), _("august"), _("september"), _("oktober"), _("november"), _("december"),
    ]  # fmt: skip
    result = []
    year, month = today.year, today.month
    for _i in range(18):
        result.append((f"{year:04d}-{month:02d}", f"{names[month - 1]} {year}"))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return result


class PayrollForm(forms.Form):
    month = forms.ChoiceField(label=_("Måned"), choices=month_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].initial = month_choices()[1][0]

    @property
    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)
