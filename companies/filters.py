"""List filters for companies and compensation claims (django-filter), applied to selector querysets."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from companies.forms import MonthField
from companies.models import ClaimStatus, CollaborationStatus, Company, CourseNomination, Industry, NominationStatus

YES_NO = [("", _("Alle")), ("ja", _("Ja")), ("nej", _("Nej"))]


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class CompanyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Søg"), method="search", help_text=_("Navn, CVR-nummer eller by"))
    industry = django_filters.ModelChoiceFilter(
        label=_("Branche"), queryset=Industry.objects.filter(is_active=True), empty_label=_("Alle brancher")
    )
    status = django_filters.ChoiceFilter(
        label=_("Samarbejdsstatus"), choices=CollaborationStatus.choices, empty_label=_("Alle")
    )
    trained = django_filters.ChoiceFilter(
        label=_("Har uddannede mentorer"), choices=YES_NO[1:], empty_label=_("Alle"), method="filter_trained"
    )
    capacity_free = django_filters.ChoiceFilter(
        label=_("Ledig kapacitet"), choices=YES_NO[1:], empty_label=_("Alle"), method="filter_capacity"
    )
    # The start page's to-do item "mentors nominated for a course" lists these companies (?nominated=ja).
    nominated = django_filters.ChoiceFilter(
        label=_("Mentorer indstillet til kursus"), choices=YES_NO[1:], empty_label=_("Alle"), method="filter_nominated"
    )

    class Meta:
        model = Company
        fields = ["q", "industry", "status", "trained", "capacity_free", "nominated"]

    def search(self, queryset, name, value):
        value = value.strip()
        digits = "".join(value.split())
        condition = Q(name__icontains=value) | Q(city__icontains=value)
        if digits.isdigit():
            condition |= Q(cvr__startswith=digits) | Q(p_number__startswith=digits)
        return queryset.filter(condition)

    def filter_trained(self, queryset, name, value):
        if value == "ja":
            return queryset.filter(trained_mentor_count__gt=0)
        if value == "nej":
            return queryset.filter(trained_mentor_count=0)
        return queryset

    def filter_nominated(self, queryset, name, value):
        open_nominations = Exists(
            CourseNomination.objects.filter(mentor__company=OuterRef("pk"), status=NominationStatus.NEW)
        )
        if value == "ja":
            return queryset.filter(open_nominations)
        if value == "nej":
            return queryset.exclude(open_nominations)
        return queryset

    def filter_capacity(self, queryset, name, value):
        if value == "ja":
            return queryset.filter(capacity__gt=F("active_placement_count"))
        if value == "nej":
            return queryset.filter(capacity__lte=F("active_placement_count"))
        return queryset


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ClaimStatus.choices, empty_label=_("Alle"))
    month = MonthFilter(label=_("Måned"), field_name="month")
    q = django_filters.CharFilter(label=_("Virksomhed"), method="search")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(company__name__icontains=value) | Q(company__cvr__startswith=value))


class PortalClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ClaimStatus.choices, empty_label=_("Alle"))
    month = MonthFilter(label=_("Måned"), field_name="month")
