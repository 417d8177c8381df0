import django_filters
from django.utils.translation import gettext_lazy as _

from notifications import kinds
from notifications.models import MessageStatus


class OutboxFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=kinds.choices, empty_label=_("Alle typer"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MessageStatus.choices, empty_label=_("Alle"))
    period = django_filters.ChoiceFilter(label=_("Periode"), choices=[], empty_label=_("Alle perioder"))
    q = django_filters.CharFilter(label=_("Modtager"), field_name="recipient_email", lookup_expr="icontains")

    def __init__(self, *args, period_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["period"].extra["choices"] = list(period_choices)
