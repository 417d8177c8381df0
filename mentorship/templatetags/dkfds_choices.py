"""The DKFDS template pack's radio and checkbox lists, their choices written in Python.

`templates/dkfds/layout/radio_checkbox_select.html` used to write each choice through a template loop with an
included attribute template: about 0.1 ms a choice, and the largest jobcenters' lists have thousands (a new
cohort's candidates, a course's invitation lists). `choice_inputs` writes the same markup, from the same
`optgroups` of the widget (ids, checked state and attributes are Django's); `tests/test_dkfds_choices.py`
compares it with the template it replaced."""

from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import template
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

from mentorship.widgets import escape_fast as _escape

register = template.Library()


def _attributes(attrs: dict) -> str:
    """templates/dkfds/layout/attrs.html: every attribute but class; True as a bare name, False and None left
    out."""
    parts = []
    for name, value in attrs.items():
        if name == "class" or value is False or value is None:
            continue
        parts.append(f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"')
    return "".join(parts)


def _shown(label):
    """A label as a template shows it: a number or date localized (text as it is)."""
    if isinstance(label, str | Promise) or hasattr(label, "__html__"):
        return label
    return localize(label)


@register.filter
def choice_inputs(field) -> str:
    """A bound field's radio buttons or checkboxes, each in its DKFDS form-group with its label, grouped choices
    under a label paragraph."""
    parts = []
    starts: dict[tuple, str] = {}  # the options' shared opening, by type and name: escaped once a list
    for group, options, _index in optgroups(field):
        if group:
            parts.append(f'<p class="form-label">{_escape(group)}</p>')
        for option in options:
            kind, name = option["type"], option["name"]
            start = starts.get((kind, name))
            if start is None:
                box = "radio" if kind == "radio" else "checkbox"
                kind = _escape(kind)
                start = f'<div class="form-group-{box}"><input type="{kind}" name="{_escape(name)}" class="form-{kind}"'
                starts[option["type"], name] = start
            attrs = option["attrs"]
            label = _escape(_shown(option["label"]))
            parts.append(
                f'{start} value="{_escape(option["value"])}"{_attributes(attrs)}>'
                f'<label class="form-label" for="{_escape(attrs.get("id", ""))}">{label}</label></div>'
            )
    return mark_safe("".join(parts))  # noqa: S308 (every name, value, attribute and label is escaped above)
