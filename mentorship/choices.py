"""label(obj, "status"): obj.get_status_display(), without rebuilding the field's choices on each call.

Django's Model._get_FIELD_display builds a dict of the field's choices on every call, and hashes each
choice on the way: every label is a lazy translation, so every call translates every label of the field
(20 to 45 µs for our fields of 4 to 10 choices; this lookup about 7 µs). A citizen's timeline asks for
about 200 labels a page, the lists 50 to 100.

Models keep Django's own get_FOO_display; the places that ask for many labels call `label()` (templates
through `{{ obj|label:"status" }}` from `{% load dk %}`). The labels stay lazy, so the answer is
translated into the active language at each call exactly as Django's; only the dict is remembered.
Fields whose choices are a callable (evaluated on every call by Django) get Django's answer.
"""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _labels(field) -> dict:
    """{value: lazy label} of the field's (static) choices, built on first use and again if the field's
    choices are ever replaced."""
    choices, labels = field.__dict__.get("_mentorship_labels", (None, None))
    if labels is None or choices is not field.choices:
        # Django's own dict (last label wins on a repeated value), built with the labels left lazy.
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        field._mentorship_labels = (field.choices, labels)
    return labels


def label(obj, field_name: str):
    """What obj.get_<field_name>_display() returns: the label of the field's value, else the value."""
    field = obj._meta.get_field(field_name)
    if not isinstance(field.choices, list | tuple):
        return getattr(obj, f"get_{field_name}_display")()
    return _label(field, getattr(obj, field.attname))


def value_label(model, field_name: str, value):
    """label() for a value read without its instance (a .values() row): the label of `value` among the choices
    of `model`'s field, else the value. Only for fields with static choices."""
    return _label(model._meta.get_field(field_name), value)


def _label(field, value):
    labels = _labels(field)
    try:
        answer = labels.get(value, value)
    except TypeError:  # an unhashable value (a JSON field's list, say): as Django does it
        answer = labels.get(make_hashable(value), value)
    return force_str(answer, strings_only=True)
