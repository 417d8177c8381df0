"""Forms for companies, company mentors, leader invitations and compensation claims.

Every choice of a related object is narrowed to the actor's jobcenter (and company, in the portal),
so a forged id in a POST is "not one of the available choices", never another tenant's row.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from companies import validators
from companies.models import Company, CompanyMentor, Industry
from companies.services import COMPANY_FIELDS, LEADER_COMPANY_FIELDS, MENTOR_FIELDS
from matching.postcodes import validate_danish_postcode
from mentorship.dates import EventDateField


def _placement_types(jobcenter):
    from citizens.models import PlacementType

    return PlacementType.objects.filter(jobcenter=jobcenter, is_active=True).order_by("position", "name")


def _competences(jobcenter):
    from corps.models import Competence

    return Competence.objects.filter(jobcenter=jobcenter, is_active=True).order_by("position", "name")


class CompanyForm(forms.ModelForm):
    """The coordinator's form. The CVR number is normalised (spaces, "DK") and checked with modulus 11."""

    field_order = COMPANY_FIELDS

    # Declared with an empty queryset: the scoped manager refuses a query before the jobcenter is known.
    placement_types = forms.ModelMultipleChoiceField(
        label=_("Forløbstyper, der tilbydes"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Company
        fields = [*COMPANY_FIELDS, "placement_types"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "cvr": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "p_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        }

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.jobcenter = jobcenter
        # The service validates the model too, but a field's own rules (P-number, postcode) belong next
        # to the field in the same round as the other errors.
        for name, field in self.fields.items():
            if name in COMPANY_FIELDS:
                extra = [v for v in Company._meta.get_field(name).validators if v not in field.validators]
                field.validators = [*field.validators, *extra]
        self.fields["industry"].queryset = Industry.objects.filter(is_active=True)
        self.fields["placement_types"].queryset = _placement_types(jobcenter)
        if "cvr" in self.fields:
            # Room for "DK" and spaces before normalising; the model's 8-digit validator runs in clean_cvr.
            self.fields["cvr"].max_length = 12
            self.fields["cvr"].widget.attrs["maxlength"] = 12
            self.fields["cvr"].validators = []

    def clean_postcode(self):
        value = (self.cleaned_data.get("postcode") or "").strip()
        if value:
            validate_danish_postcode(value)
        return value

    def clean_cvr(self):
        cvr = validators.normalise_cvr(self.cleaned_data["cvr"])
        validators.validate_cvr(cvr)
        duplicate = Company.objects.filter(jobcenter=self.jobcenter, cvr=cvr)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("Der findes allerede en virksomhed med CVR-nummer %(cvr)s i jobcentret."), params={"cvr": cvr}
            )
        return cvr

    def clean_p_number(self):
        return "".join((self.cleaned_data.get("p_number") or "").split())

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in COMPANY_FIELDS}

    def _post_clean(self):
        # The service validates and saves; the form must not assign a half-built instance.
        pass


class LeaderCompanyForm(CompanyForm):
    """What a company leader keeps up to date in the portal."""

    field_order = LEADER_COMPANY_FIELDS

    class Meta(CompanyForm.Meta):
        fields = [*LEADER_COMPANY_FIELDS, "placement_types"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement_types"].label = _("Forløbstyper, virksomheden kan tilbyde")

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in LEADER_COMPANY_FIELDS}


class CompanyMentorForm(forms.ModelForm):
    shadowing = forms.ModelChoiceField(
        label=_("Følger erfaren mentor"),
        queryset=None,
        required=False,
        empty_label=_("Ingen"),
        help_text=_("En ny mentor kan følge en erfaren mentor i en opstartsperiode."),
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Kompetencer"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CompanyMentor
        fields = [*MENTOR_FIELDS, "competences"]
        field_classes = {"course_completed_on": EventDateField}
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 4}),
            "course_completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hourly_wage": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
        }

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        shadowing = CompanyMentor.objects.filter(company=company, is_active=True, is_new=False)
        if self.instance.pk:
            shadowing = shadowing.exclude(pk=self.instance.pk)
        self.fields["shadowing"].queryset = shadowing.order_by("full_name")
        self.fields["competences"].queryset = _competences(company.jobcenter)
        self.fields["hourly_wage"].localize = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shadowing") and not cleaned.get("is_new"):
            self.add_error("shadowing", _("Kun en ny mentor følger en erfaren mentor. Sæt flueben i 'Ny mentor'."))
        email = cleaned.get("email")
        if email:
            duplicate = CompanyMentor.objects.filter(company=self.company, email__iexact=email)
            if self.instance.pk:
                duplicate = duplicate.exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("email", _("Virksomheden har allerede en mentor med denne e-mail."))
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in MENTOR_FIELDS}

    def _post_clean(self):
        pass


class LeaderInviteForm(forms.Form):
    full_name = forms.CharField(label=_("Lederens navn"), max_length=200)
    email = forms.EmailField(label=_("Lederens e-mail"))


class InvitationAcceptForm(forms.Form):
    """A new leader chooses a password (Django's password validators apply)."""

    new_password1 = forms.CharField(
        label=_("Ny adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("Gentag adgangskoden"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("De to adgangskoder er ikke ens."))
        elif first:
            user = get_user_model()(email=self.invitation.email, full_name=self.invitation.full_name)
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class CourseNominationForm(forms.Form):
    wish = forms.CharField(
        label=_("Ønsker til kurset (valgfrit)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx tidspunkter, der passer virksomheden, eller særlige moduler."),
    )


class MonthField(EventDateField):
    """A month as <input type="month"> (YYYY-MM); also accepts MM.YYYY."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m.%Y", "%m-%Y", "%Y-%m-%d"]

    def to_python(self, value):
        result = super().to_python(value)
        return result.replace(day=1) if isinstance(result, date) else result


class ClaimForm(forms.Form):
    placement = forms.ModelChoiceField(label=_("Forløb"), queryset=None, empty_label=_("Vælg forløb"))
    month = MonthField(label=_("Måned"), help_text=_("Fx 2026-10 for oktober 2026."))
    hours = forms.DecimalField(
        label=_("Mentorens timer på mentoropgaven"),
        min_value=Decimal("0.25"),
        max_value=Decimal("200"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Kun tid brugt sammen med eller på borgeren i denne plads. Deler flere borgere samme mentor, "
            "fordeles timerne på hver plads."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=_("Bemærkning (valgfrit)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm_exclusions = forms.BooleanField(
        label=_("Timerne omfatter ikke transporttid, rejseudgifter eller løn under sygdom"),
        error_messages={"required": _("Bekræft, at timerne ikke omfatter transport, rejser eller sygdom.")},
    )

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        self.fields["placement"].label_from_instance = lambda p: f"{p.citizen.name} – {p.placement_type.name}"


class ClaimRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse (virksomheden kan se den)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
