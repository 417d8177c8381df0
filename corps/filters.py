"""The mentor list's filters, search and sorting (django-filter), applied to corps.selectors querysets."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from corps.models import DAY_PARTS, WEEKDAYS, Employment, MentorStatus
from corps.selectors import competences_for, languages_all
from mentorship.widgets import CSVFastSelect, FastSelect

EVERY_STATUS = "alle"
SEARCH_FIELDS = ("full_name", "email", "phone", "postcode", "industries", "education", "work_experience")


class MentorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Søg"), method="search")
    # Without a status the list leaves out resigned mentors; "Alle, også fratrådte" shows everyone.
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(EVERY_STATUS, _("Alle, også fratrådte")), *MentorStatus.choices],
        empty_label=_("Alle undtagen fratrådte"),
        method="by_status",
    )
    # Plain choices loaded with one query each (a ModelChoiceFilter iterates its queryset through a
    # server-side cursor on every render).
    competence = django_filters.ChoiceFilter(label=_("Kompetence"), field_name="competences", empty_label=_("Alle"))
    language = django_filters.ChoiceFilter(label=_("Sprog"), field_name="languages", empty_label=_("Alle"))
    weekday = django_filters.ChoiceFilter(
        label=_("Kan på ugedag"), choices=WEEKDAYS, method="has_bit", empty_label=_("Alle")
    )
    day_part = django_filters.ChoiceFilter(
        label=_("Kan på tidspunkt"), choices=DAY_PARTS, method="has_bit", empty_label=_("Alle")
    )
    capacity = django_filters.ChoiceFilter(
        label=_("Kapacitet"),
        choices=[("free", _("Har plads til flere")), ("full", _("Fuldt booket"))],
        method="by_capacity",
        empty_label=_("Alle"),
    )
    employment = django_filters.ChoiceFilter(label=_("Ansættelse"), choices=Employment.choices, empty_label=_("Alle"))
    order = django_filters.OrderingFilter(
        label=_("Sortér efter"),
        empty_label=None,
        null_label=None,
        fields=(
            ("full_name", "name"),
            ("status", "status"),
            ("postcode", "postcode"),
            ("capacity_left", "capacity"),
            ("created_at", "created"),
        ),
        # django-filter looks up an ascending label by the model field, a descending one by "-param".
        field_labels={
            "full_name": _("Navn (A–Å)"),
            "-name": _("Navn (Å–A)"),
            "status": _("Status"),
            "-status": _("Status (omvendt)"),
            "postcode": _("Postnummer"),
            "-postcode": _("Postnummer (faldende)"),
            "capacity_left": _("Ledig kapacitet (mindst først)"),
            "-capacity": _("Ledig kapacitet (mest først)"),
            "created_at": _("Oprettet (ældste først)"),
            "-created": _("Oprettet (nyeste først)"),
        },
    )

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["competence"].extra["choices"] = list(
            competences_for(jobcenter=jobcenter).values_list("pk", "name")
        )
        self.filters["language"].extra["choices"] = list(languages_all().values_list("pk", "name"))
        # Rendered without crispy, selects in Python (mentorship.widgets): the list is the hot page.
        for name, field in self.form.fields.items():
            if name == "q":
                field.widget = forms.TextInput(attrs={"type": "search", "class": "form-input"})
            else:
                widget = CSVFastSelect if name == "order" else FastSelect
                field.widget = widget(attrs={"class": "form-select"}, choices=field.choices)

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = super().qs  # validates a bound form first
            chosen = getattr(self.form, "cleaned_data", {}).get("status") if self.is_bound else None
            self._qs = queryset if chosen else queryset.exclude(status=MentorStatus.RESIGNED)
        return self._qs

    def by_status(self, queryset, name, value):
        return queryset if value == EVERY_STATUS else queryset.filter(status=value)

    def search(self, queryset, name, value):
        query = Q()
        for term in value.split()[:5]:
            term_query = Q()
            for field in SEARCH_FIELDS:
                term_query |= Q(**{f"{field}__icontains": term})
            query &= term_query
        return queryset.filter(query)

    def has_bit(self, queryset, name, value):
        column = {"weekday": "available_weekdays", "day_part": "available_day_parts"}[name]
        value = int(value)
        return queryset.alias(_bits=F(column).bitand(value)).filter(_bits=value)

    def by_capacity(self, queryset, name, value):
        if value == "free":
            return queryset.filter(capacity_left__gt=0)
        if value == "full":
            return queryset.filter(capacity_left__lte=0)
        return queryset
