"""Widgets written in Python: Django renders every <option> of a select through a template (about 0.08–0.3 ms
each), and the largest jobcenters have a thousand mentors and hundreds of companies. Each renders the markup
Django's own widget would."""

import html

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_filters.widgets import BaseCSVWidget


def escape_fast(value) -> str:
    """django.utils.html.conditional_escape, without its per-call lazy-argument check. It returns a plain str
    (not a SafeString): for markup the caller assembles and marks safe itself; passed on to format_html or a
    template it would be escaped twice."""
    if type(value) is int:  # a primary key: nothing to escape
        return str(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class RowChoices:
    """With `label_field`, a model choice field's choices are read as (pk, label_field) rows instead of model
    instances (about 30 µs each): the label field must be what the model's __str__ shows (ModelChoiceField's
    label)."""

    label_field: str | None = None

    # A mixin before a ChoiceWidget (Select, CheckboxSelectMultiple): super() is that widget.
    def __init__(self, attrs=None, choices=(), label_field: str | None = None):
        super().__init__(attrs, choices)
        self.label_field = label_field

    def _options(self):
        choices = self.choices
        if self.label_field is None or not isinstance(choices, ModelChoiceIterator):
            yield from choices
            return
        field = choices.field
        if field.to_field_name not in (None, "", "pk", choices.queryset.model._meta.pk.attname):
            # The rows hold the pk: a field keyed on another column would offer values it then refuses. (A field
            # with its own label_from_instance must label as label_field does: the forms set both, and
            # tests/test_fast_select.py and tests/test_dkfds_choices.py compare the two.)
            raise ImproperlyConfigured(
                f"{type(self).__name__}(label_field=...) reads (pk, {self.label_field}) rows; the field "
                f"{field.label!r} is keyed on {field.to_field_name!r}."
            )
        if choices.field.empty_label is not None:
            yield "", choices.field.empty_label
        yield from choices.queryset.values_list("pk", self.label_field)


class FastSelect(RowChoices, forms.Select):
    """A <select> whose options are written in Python. Django renders every <option> through a template,
    about 0.3 ms each; the largest jobcenters have over a thousand mentors and hundreds of companies."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(key) for key in self.format_value(value)}
        options = []
        for key, label in self._options():
            key = str(key)
            chosen = " selected" if key in selected else ""
            options.append(f'<option value="{escape_fast(key)}"{chosen}>{escape_fast(label)}</option>')
        # name first, as Django writes it: the DKFDS field template restyles a select by that prefix.
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),  # noqa: S308 (every key and label is escaped above)
        )


class RowCheckboxSelectMultiple(RowChoices, forms.CheckboxSelectMultiple):
    """A checkbox list whose model choices are read as rows (RowChoices); the DKFDS pack writes the boxes in
    Python (mentorship/templatetags/dkfds_choices.py). For a new cohort's thousands of candidates."""

    def optgroups(self, name, value, attrs=None):
        choices = self.choices
        self.choices = list(self._options())
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = choices


class PickerCheckboxSelectMultiple(RowCheckboxSelectMultiple):
    """A checkbox list for long lists of names: the DKFDS template pack renders it as a scrollable box with a
    filter field ("Søg i listen") and "Vælg alle"/"Fravælg alle" buttons above it (static/js/app.js shows them;
    without JavaScript the list is a plain checkbox list). The names are read as rows with `label_field`."""

    picker = True


class CSVFastSelect(BaseCSVWidget, FastSelect):
    """For django-filter's OrderingFilter, whose field reads its value as a comma-separated list."""
