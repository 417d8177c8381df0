"""The reports' filters (django-filter): period, target group, cohort (hold: the group, or team,
a citizen was started with), company and mentor. Every choice list is narrowed to the request's
jobcenter, and a value from another jobcenter is rejected as an invalid choice.

Each report's filter set narrows its base population (citizens, offers, mentors, companies,
courses, placements); where the period applies inside an aggregation instead (hours in a period,
claims in a period), the selector reads the period from the form's cleaned data."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from citizens.models import Citizen, MentorAgreement, Placement, TargetGroup
from companies.models import Company
from corps.models import Mentor, MentorStatus
from courses.models import Category, Course
from matching.models import Cohort, CohortCandidate, Offer
from mentorship.dates import PlausibleDateFilter
from mentorship.widgets import FastSelect

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label):
    return PlausibleDateFilter(label=label, method="no_op", widget=DATE_WIDGET)


class ReportFilter(django_filters.FilterSet):
    """Shared shape: the period fields and the jobcenter-scoped choice lists."""

    date_from = _date(_("Fra og med"))
    date_to = _date(_("Til og med"))

    def __init__(self, data=None, *args, jobcenter, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.jobcenter = jobcenter
        # (queryset, the field its __str__ shows): the largest jobcenters have over a thousand mentors,
        # and loading every column of each cost more than the report itself.
        choices = {
            "target_group": (TargetGroup.objects.filter(jobcenter=jobcenter), "name"),
            "cohort": (Cohort.objects.filter(jobcenter=jobcenter).order_by("-starts_on", "name"), "name"),
            "company": (Company.objects.filter(jobcenter=jobcenter).order_by("name"), "name"),
            "mentor": (
                Mentor.objects.filter(jobcenter=jobcenter)
                .exclude(status__in=[MentorStatus.APPLICANT, MentorStatus.INTERVIEW, MentorStatus.REJECTED])
                .order_by("full_name"),
                "full_name",
            ),
        }
        for name, (queryset, label_field) in choices.items():
            if name in self.filters:
                self.filters[name].queryset = queryset.only("pk", label_field)
                self.filters[name].extra["widget"] = FastSelect(label_field=label_field)

    def no_op(self, queryset, name, value):
        return queryset

    def filter_pk(self, queryset, name, value):
        # The chosen row itself (filter(pk=<instance>) raises a TypeError: pk is not a relation).
        return queryset.filter(pk=value.pk)

    @property
    def params(self) -> dict:
        """The validated values (empty when the form is invalid, so a bad value shows everything)."""
        if self.is_bound and self.form.is_valid():
            return {key: value for key, value in self.form.cleaned_data.items() if value not in (None, "")}
        return {}

    @property
    def result(self):
        return self.qs if self.is_bound and self.is_valid() else self.queryset


def _choice(label, method):
    return django_filters.ModelChoiceFilter(
        label=label, queryset=Company.objects.none(), method=method, empty_label=_("Alle")
    )


class CitizenReportFilter(ReportFilter):
    """Citizens referred in the period (the intake), narrowed by target group, cohort, company, mentor."""

    date_from = PlausibleDateFilter(
        label=_("Henvist fra og med"), field_name="referred_on", lookup_expr="gte", widget=DATE_WIDGET
    )
    date_to = PlausibleDateFilter(
        label=_("Henvist til og med"), field_name="referred_on", lookup_expr="lte", widget=DATE_WIDGET
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Målgruppe"), queryset=TargetGroup.objects.none(), empty_label=_("Alle")
    )
    cohort = _choice(_("Hold"), "filter_cohort")
    company = _choice(_("Virksomhed"), "filter_company")
    mentor = _choice(_("Mentor fra mentorkorpset"), "filter_mentor")

    class Meta:
        model = Citizen
        fields = ["date_from", "date_to", "target_group", "cohort", "company", "mentor"]

    def filter_cohort(self, queryset, name, value):
        return queryset.filter(Exists(CohortCandidate.objects.filter(cohort=value, citizen=OuterRef("pk"))))

    def filter_company(self, queryset, name, value):
        return queryset.filter(
            Exists(Placement.objects.filter(company=value, citizen=OuterRef("pk"), status__in=["active", "ended"]))
        )

    def filter_mentor(self, queryset, name, value):
        return queryset.filter(Exists(MentorAgreement.objects.filter(mentor=value, citizen=OuterRef("pk"))))


class OutcomeFilter(CitizenReportFilter):
    per = django_filters.ChoiceFilter(
        label=_("Fordelt på"),
        method="no_op",
        empty_label=None,
        choices=[
            ("target_group", _("Målgruppe")),
            ("cohort", _("Hold")),
            ("company", _("Virksomhed")),
            ("mentor", _("Mentor fra mentorkorpset")),
        ],
    )

    class Meta(CitizenReportFilter.Meta):
        fields = [*CitizenReportFilter.Meta.fields, "per"]


class OfferReportFilter(ReportFilter):
    """Offers made in the period, narrowed by the citizen's target group and by mentor."""

    date_from = PlausibleDateFilter(
        label=_("Tilbudt fra og med"), field_name="offered_at__date", lookup_expr="gte", widget=DATE_WIDGET
    )
    date_to = PlausibleDateFilter(
        label=_("Tilbudt til og med"), field_name="offered_at__date", lookup_expr="lte", widget=DATE_WIDGET
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Målgruppe"),
        field_name="citizen__target_group",
        queryset=TargetGroup.objects.none(),
        empty_label=_("Alle"),
    )
    mentor = django_filters.ModelChoiceFilter(label=_("Mentor"), queryset=Mentor.objects.none(), empty_label=_("Alle"))

    class Meta:
        model = Offer
        fields = ["date_from", "date_to", "target_group", "mentor"]


class MentorReportFilter(ReportFilter):
    """Active and paused corps mentors; the period selects the hours (by week)."""

    mentor = django_filters.ModelChoiceFilter(
        label=_("Mentor"), method="filter_pk", queryset=Mentor.objects.none(), empty_label=_("Alle")
    )

    class Meta:
        model = Mentor
        fields = ["date_from", "date_to", "mentor"]


class CompanyReportFilter(ReportFilter):
    """Companies; the period selects placements (by start and end), and claims (by month)."""

    company = django_filters.ModelChoiceFilter(
        label=_("Virksomhed"), method="filter_pk", queryset=Company.objects.none(), empty_label=_("Alle")
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Borgernes målgruppe"),
        queryset=TargetGroup.objects.none(),
        method="no_op",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Company
        fields = ["date_from", "date_to", "company", "target_group"]


class CourseReportFilter(ReportFilter):
    """Courses and meetings whose first day lies in the period, by kind."""

    date_from = PlausibleDateFilter(
        label=_("Første dag fra og med"), field_name="first_day", lookup_expr="gte", widget=DATE_WIDGET
    )
    date_to = PlausibleDateFilter(
        label=_("Første dag til og med"), field_name="first_day", lookup_expr="lte", widget=DATE_WIDGET
    )
    category = django_filters.ChoiceFilter(
        label=_("Kategori"), field_name="course_type__category", choices=Category.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Course
        fields = ["date_from", "date_to", "category"]


class PlacementReportFilter(ReportFilter):
    """Placements that started in the period, by the citizen's target group, company and cohort."""

    date_from = PlausibleDateFilter(
        label=_("Forløb startet fra og med"), field_name="starts_on", lookup_expr="gte", widget=DATE_WIDGET
    )
    date_to = PlausibleDateFilter(
        label=_("Forløb startet til og med"), field_name="starts_on", lookup_expr="lte", widget=DATE_WIDGET
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Målgruppe"),
        field_name="citizen__target_group",
        queryset=TargetGroup.objects.none(),
        empty_label=_("Alle"),
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Virksomhed"), queryset=Company.objects.none(), empty_label=_("Alle")
    )
    cohort = _choice(_("Hold"), "filter_cohort")

    class Meta:
        model = Placement
        fields = ["date_from", "date_to", "target_group", "company", "cohort"]

    def filter_cohort(self, queryset, name, value):
        return queryset.filter(
            Exists(CohortCandidate.objects.filter(cohort=value, citizen=OuterRef("citizen")))
            | Q(pk__in=CohortCandidate.objects.filter(cohort=value).values("placement"))
        )
