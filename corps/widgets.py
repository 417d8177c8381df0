"""Widgets for the mentor list's filter form, rendered in Python.

The list is the corps' hot page: Django's template-based widget rendering cost more CPU than the
database query for the page (eight selects with ~60 options in all). These render the same markup
as Django's Select without going through the form renderer."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_filters.widgets import BaseCSVWidget


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        selected = "" if value is None else str(value[0] if isinstance(value, (list, tuple)) and value else value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, mark_safe(" selected") if str(option_value) == selected else "", label)
                for option_value, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class CSVFastSelect(BaseCSVWidget, FastSelect):
    """For django-filter's OrderingFilter, whose field reads its value as a comma-separated list."""
