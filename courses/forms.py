"""Forms for the courses pages: choices are narrowed to the jobcenter (and company, in the portal)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from accounts.models import Membership, User
from accounts.permissions import STAFF
from companies.models import Company, CompanyMentor
from companies.selectors import with_mentor_label
from corps.models import Mentor, MentorStatus
from courses.models import Course, CourseType, InvitationSource
from courses.services import SessionData, YearPlan
from mentorship.dates import PlanDateField
from mentorship.widgets import FastSelect, PickerCheckboxSelectMultiple

# Form classes build their choice fields when defined; tenant querysets then need the scope lifted (the
# real choices are narrowed per request in __init__). The scope is restored at the end of the module.
_unscoped = scopes_disabled()
_unscoped.__enter__()

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAYS = [
    (0, _("Mandag")),
    (1, _("Tirsdag")),
    (2, _("Onsdag")),
    (3, _("Torsdag")),
    (4, _("Fredag")),
    (5, _("Lørdag")),
    (6, _("Søndag")),
]
MONTHS = [
    (i, name)
    for i, name in enumerate(
        [
            _("Januar"),
            _("Februar"),
            _("Marts"),
            _("April"),
            _("Maj"),
            _("Juni"),
            _("Juli"),
            _("August"),
            _("September"),
            _("Oktober"),
            _("November"),
            _("December"),
        ],
        start=1,
    )
]
NTH = [(1, _("Første")), (2, _("Anden")), (3, _("Tredje")), (4, _("Fjerde")), (5, _("Sidste"))]


def staff_users(jobcenter):
    ids = Membership.objects.filter(jobcenter=jobcenter, role__in=STAFF, is_active=True).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("full_name")


class ConsultantChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class CourseForm(forms.ModelForm):
    job_consultants = ConsultantChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Jobkonsulenter med"),
        help_text=_("Jobcentret sender altid to jobkonsulenter med."),
    )

    class Meta:
        model = Course
        fields = [
            "course_type",
            "title",
            "theme",
            "description",
            "venue",
            "address",
            "provider",
            "capacity",
            "registration_deadline",
        ]
        field_classes = {"registration_deadline": PlanDateField}
        widgets = {"registration_deadline": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_type"].queryset = CourseType.objects.filter(jobcenter=jobcenter, is_active=True)
        self.fields["job_consultants"].queryset = staff_users(jobcenter)
        if self.instance.pk:
            self.initial.setdefault("job_consultants", list(self.instance.job_consultants.all()))

    def course_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SessionForm(forms.Form):
    date = PlanDateField(label=_("Dato"), widget=DATE)
    starts_at = forms.TimeField(label=_("Fra kl."), widget=TIME)
    ends_at = forms.TimeField(label=_("Til kl."), widget=TIME)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return data

    def session(self) -> SessionData:
        return SessionData(self.cleaned_data["date"], self.cleaned_data["starts_at"], self.cleaned_data["ends_at"])


class NewCourseForm(CourseForm):
    """A course with its first days: the first day, how many days in a row, and the times."""

    first_day = PlanDateField(label=_("Første dag"), widget=DATE)
    days = forms.IntegerField(label=_("Antal dage i træk"), min_value=1, max_value=10, initial=1)
    starts_at = forms.TimeField(label=_("Fra kl."), widget=TIME, initial=datetime.time(9, 0))
    ends_at = forms.TimeField(label=_("Til kl."), widget=TIME, initial=datetime.time(15, 30))

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        if data.get("first_day") and data["first_day"] < timezone.localdate():
            self.add_error("first_day", _("Første dag kan ikke ligge i fortiden."))
        if (
            data.get("first_day")
            and data.get("registration_deadline")
            and data["registration_deadline"] > data["first_day"]
        ):
            self.add_error("registration_deadline", _("Tilmeldingsfristen skal ligge senest på første kursusdag."))
        return data

    def sessions(self) -> list[SessionData]:
        data = self.cleaned_data
        return [
            SessionData(data["first_day"] + datetime.timedelta(days=i), data["starts_at"], data["ends_at"])
            for i in range(data["days"])
        ]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class YearPlanForm(forms.Form):
    course_type = forms.ModelChoiceField(queryset=CourseType.objects.none(), label=_("Kursustype"))
    year = forms.IntegerField(label=_("År"))
    months = forms.TypedMultipleChoiceField(
        choices=MONTHS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label=_("Måneder"),
        help_text=_("Fx marts og september for netværksmøder to gange om året."),
    )
    nth = forms.TypedChoiceField(choices=NTH, coerce=int, label=_("Uge i måneden"), initial=2)
    weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, label=_("Ugedag"), initial=1)
    days = forms.IntegerField(label=_("Antal dage i træk"), min_value=1, max_value=10, initial=1)
    starts_at = forms.TimeField(label=_("Fra kl."), widget=TIME, initial=datetime.time(16, 30))
    ends_at = forms.TimeField(label=_("Til kl."), widget=TIME, initial=datetime.time(19, 0))
    venue = forms.CharField(label=_("Sted"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    provider = forms.CharField(label=_("Udbyder"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Antal pladser"), min_value=1, max_value=500, initial=25)
    deadline_days = forms.IntegerField(label=_("Tilmeldingsfrist (dage før)"), min_value=0, max_value=120, initial=14)
    themes = forms.CharField(
        label=_("Temaer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ét tema pr. linje, i månedernes rækkefølge."),
    )
    job_consultants = ConsultantChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Jobkonsulenter med")
    )

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_type"].queryset = CourseType.objects.filter(jobcenter=jobcenter, is_active=True)
        self.fields["job_consultants"].queryset = staff_users(jobcenter)
        this_year = timezone.localdate().year
        self.fields["year"].initial = this_year + 1
        self.fields["year"].validators.append(
            lambda value: (
                None if this_year <= value <= this_year + 5 else _raise(_("Vælg et år fra i år og fem år frem."))
            )
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        if not self.errors and data.get("year") and data.get("months"):
            plan = self.plan()
            today = timezone.localdate()
            if any(dates[0] - datetime.timedelta(days=plan.deadline_days) < today for dates in plan.dates()):
                self.add_error(
                    "months", _("Et af møderne ville få en tilmeldingsfrist i fortiden. Vælg senere måneder.")
                )
        return data

    def plan(self) -> YearPlan:
        data = self.cleaned_data
        return YearPlan(
            course_type=data["course_type"],
            year=data["year"],
            months=data["months"],
            weekday=data["weekday"],
            nth=data["nth"],
            days=data["days"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue=data["venue"],
            address=data["address"],
            provider=data["provider"],
            capacity=data["capacity"],
            deadline_days=data["deadline_days"],
            themes=[line for line in data["themes"].splitlines() if line.strip()],
        )


def _raise(message):
    raise ValidationError(message)


class InviteForm(forms.Form):
    source = forms.ChoiceField(
        choices=InvitationSource.choices,
        widget=forms.RadioSelect,
        label=_("Hvem skal inviteres?"),
        initial=InvitationSource.COMPANIES,
    )
    companies = forms.ModelMultipleChoiceField(
        queryset=Company.objects.none(),
        required=False,
        label=_("Udvalgte virksomheder"),
        help_text=_("Virksomhedens kontaktperson får invitationen."),
        widget=PickerCheckboxSelectMultiple(label_field="name"),
    )
    corps_mentors = forms.ModelMultipleChoiceField(
        queryset=Mentor.objects.none(),
        required=False,
        label=_("Udvalgte mentorer i korpset"),
        widget=PickerCheckboxSelectMultiple(label_field="full_name"),
    )
    company_mentors = forms.ModelMultipleChoiceField(
        queryset=CompanyMentor.objects.none(),
        required=False,
        label=_("Udvalgte virksomhedsmentorer"),
        widget=PickerCheckboxSelectMultiple(label_field="label"),  # "name (company)"
    )
    emails = forms.CharField(
        label=_("Andre e-mailadresser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én pr. linje, fx sociale mentorer eller koordinerende sagsbehandlere."),
    )

    PICKED_LISTS = ("companies", "corps_mentors", "company_mentors")

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        # The picked lists (at the largest jobcenter 2,400 people and companies, half a megabyte) are read and shown
        # only when "Udvalgte modtagere" is the choice: posted, or asked for with ?source=picked (the page fetches
        # them so when the choice is made). Otherwise they are left out, and a post ignores them.
        source = self.data.get("source") if self.is_bound else self.initial.get("source")
        self.lists_shown = source == InvitationSource.PICKED
        if not self.lists_shown:
            for name in self.PICKED_LISTS:
                self.fields[name].disabled = True
            self.fields["company_mentors"].queryset = with_mentor_label(CompanyMentor.objects.none())
            return
        self.fields["companies"].queryset = Company.objects.filter(jobcenter=jobcenter).exclude(contact_email="")
        self.fields["corps_mentors"].queryset = Mentor.objects.filter(
            jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED]
        )
        self.fields["company_mentors"].queryset = with_mentor_label(
            CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True)
            .exclude(email="")
            .select_related("company")
        )

    def clean_emails(self):
        emails = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        validator = forms.EmailField()
        for email in emails:
            try:
                validator.clean(email)
            except ValidationError:
                raise ValidationError(_("“%(email)s” er ikke en gyldig e-mailadresse.") % {"email": email}) from None
        return emails

    def clean(self):
        data = super().clean()
        if data.get("source") == InvitationSource.PICKED and not (
            data.get("companies") or data.get("corps_mentors") or data.get("company_mentors") or data.get("emails")
        ):
            self.add_error("companies", _("Vælg mindst én modtager."))
        return data

    def invitees(self):
        from courses.services import Invitee

        data = self.cleaned_data
        result = [Invitee(email=c.contact_email, name=c.contact_name or c.name, company=c) for c in data["companies"]]
        result += [Invitee(email=m.email, name=m.full_name, corps_mentor=m) for m in data["corps_mentors"]]
        result += [
            Invitee(email=m.email, name=m.full_name, company_mentor=m, company=m.company)
            for m in data["company_mentors"]
        ]
        result += [Invitee(email=email) for email in data["emails"]]
        return result


class RegisterForm(forms.Form):
    """A coordinator registers a corps mentor, a company mentor, or another person."""

    # The selects are written in Python (mentorship.widgets): each lists hundreds of a jobcenter's people.
    corps_mentor = forms.ModelChoiceField(
        queryset=Mentor.objects.none(),
        required=False,
        label=_("Mentor i korpset"),
        widget=FastSelect(label_field="full_name"),
    )
    company_mentor = forms.ModelChoiceField(
        queryset=CompanyMentor.objects.none(),
        required=False,
        label=_("Virksomhedsmentor"),
        widget=FastSelect(label_field="label"),
    )
    name = forms.CharField(label=_("Eller: navn"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    company = forms.ModelChoiceField(
        queryset=Company.objects.none(), required=False, label=_("Virksomhed"), widget=FastSelect(label_field="name")
    )

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corps_mentor"].queryset = Mentor.objects.filter(
            jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED, MentorStatus.APPROVED]
        )
        self.fields["company_mentor"].queryset = with_mentor_label(
            CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True).select_related("company")
        )
        self.fields["company_mentor"].label_from_instance = lambda m: f"{m.full_name} ({m.company.name})"
        self.fields["company"].queryset = Company.objects.filter(jobcenter=jobcenter)

    def clean(self):
        data = super().clean()
        chosen = [
            bool(data.get("corps_mentor")),
            bool(data.get("company_mentor")),
            bool(data.get("name") or data.get("email")),
        ]
        if sum(chosen) == 0:
            self.add_error("corps_mentor", _("Vælg en mentor, eller skriv navn og e-mail."))
        elif sum(chosen) > 1:
            self.add_error(
                "corps_mentor", _("Vælg kun én: en mentor i korpset, en virksomhedsmentor eller en anden person.")
            )
        elif chosen[2]:
            if not data.get("name"):
                self.add_error("name", _("Skriv deltagerens navn."))
            if not data.get("email"):
                self.add_error("email", _("Skriv deltagerens e-mailadresse."))
        return data


class PortalRegisterForm(forms.Form):
    mentor = forms.ModelChoiceField(queryset=CompanyMentor.objects.none(), label=_("Mentor"))

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = CompanyMentor.objects.filter(company=company, is_active=True)


class EvaluationForm(forms.Form):
    SCORES = [(i, str(i)) for i in range(1, 6)]
    overall = forms.TypedChoiceField(
        choices=SCORES, coerce=int, widget=forms.RadioSelect, label=_("Samlet vurdering (1 = dårlig, 5 = fremragende)")
    )
    relevance = forms.TypedChoiceField(
        choices=SCORES, coerce=int, widget=forms.RadioSelect, label=_("Var indholdet relevant for dig?")
    )
    usefulness = forms.TypedChoiceField(
        choices=SCORES, coerce=int, widget=forms.RadioSelect, label=_("Kan du bruge det i praksis?")
    )
    comments = forms.CharField(
        label=_("Kommentarer"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ShadowingForm(forms.Form):
    KIND_CHOICES = [("corps", _("Mentorkorpset")), ("company", _("Virksomhedsmentorer"))]
    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.RadioSelect, label=_("Type"), initial="corps")
    # The selects are written in Python (mentorship.widgets): each lists hundreds of a jobcenter's people.
    new_corps = forms.ModelChoiceField(
        queryset=Mentor.objects.none(),
        required=False,
        label=_("Ny mentor (korps)"),
        widget=FastSelect(label_field="full_name"),
    )
    experienced_corps = forms.ModelChoiceField(
        queryset=Mentor.objects.none(),
        required=False,
        label=_("Erfaren mentor (korps)"),
        widget=FastSelect(label_field="full_name"),
    )
    new_company = forms.ModelChoiceField(
        queryset=CompanyMentor.objects.none(),
        required=False,
        label=_("Ny virksomhedsmentor"),
        widget=FastSelect(label_field="label"),
    )
    experienced_company = forms.ModelChoiceField(
        queryset=CompanyMentor.objects.none(),
        required=False,
        label=_("Erfaren virksomhedsmentor"),
        widget=FastSelect(label_field="label"),
    )
    starts_on = PlanDateField(label=_("Fra"), widget=DATE)
    ends_on = PlanDateField(label=_("Til og med"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        corps = Mentor.objects.filter(jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.APPROVED])
        company = with_mentor_label(
            CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True).select_related("company")
        )
        for name in ("new_corps", "experienced_corps"):
            self.fields[name].queryset = corps
        for name in ("new_company", "experienced_company"):
            self.fields[name].queryset = company
            self.fields[name].label_from_instance = lambda m: f"{m.full_name} ({m.company.name})"

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for role in ("new", "experienced"):
            if kind and not data.get(f"{role}_{kind}"):
                self.add_error(f"{role}_{kind}", _("Vælg en mentor."))
        return data

    def pair(self):
        kind = self.cleaned_data["kind"]
        return self.cleaned_data[f"new_{kind}"], self.cleaned_data[f"experienced_{kind}"]


_unscoped.__exit__(None, None, None)
