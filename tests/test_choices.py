"""mentorship.choices.label and `{{ obj|label:"…" }}`: exactly what Django's own get_FOO_display gives, while
every model keeps Django's own get_FOO_display."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db import models
from django.template import engines
from django.utils import translation

from mentorship import choices


def choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if getattr(field, "choices", None):
                yield model, field


def test_every_model_keeps_djangos_get_foo_display():
    fields = list(choice_fields())
    assert len(fields) > 40  # statuses, kinds, outcomes ... and their history models
    for model, field in fields:
        method = model.__dict__.get(f"get_{field.name}_display")
        if method is None:  # inherited from an abstract parent: look where Django put it
            method = next(
                klass.__dict__[f"get_{field.name}_display"]
                for klass in model.__mro__
                if f"get_{field.name}_display" in klass.__dict__
            )
        assert isinstance(method, partialmethod), (model, field.name)
        assert method.func is models.Model._get_FIELD_display, (model, field.name)


@pytest.mark.parametrize("language", ["da", "en"])
def test_same_label_as_django_for_every_value(language):
    compared = 0
    template = engines["django"].from_string("{% load dk %}{{ obj|label:name }}")
    with translation.override(language):
        for model, field in choice_fields():
            values = [value for value, _label in field.flatchoices] + ["no-such-value", None, 10**6]
            for value in values:
                instance = model()
                setattr(instance, field.attname, value)
                ours = choices.label(instance, field.name)
                django = getattr(instance, f"get_{field.name}_display")()
                assert ours == django and type(ours) is type(django), (model, field.name, value)
                rendered = template.render({"obj": instance, "name": field.name})
                assert rendered == engines["django"].from_string("{{ django }}").render({"django": django})
                compared += 1
    assert compared > 200


def test_the_label_follows_the_active_language():
    # Our own labels are Danish only; Django's admin log has both languages.
    from django.contrib.admin.models import ADDITION, LogEntry

    entry = LogEntry(action_flag=ADDITION)
    with translation.override("en"):
        english = choices.label(entry, "action_flag")
    with translation.override("da"):
        danish = choices.label(entry, "action_flag")
    assert english == "Addition"
    assert danish != english and danish == entry.get_action_flag_display()


def test_replaced_choices_are_read_again():
    from citizens.models import Citizen

    field = Citizen._meta.get_field("status")
    citizen = Citizen(status="ended")
    original = field.choices
    assert choices.label(citizen, "status") == "Afsluttet"
    try:
        field.choices = [("ended", "Slut")]
        assert choices.label(citizen, "status") == "Slut"
    finally:
        field.choices = original
    assert choices.label(citizen, "status") == "Afsluttet"


def test_an_absent_object_shows_as_nothing_like_djangos_lookup():
    template = engines["django"].from_string('{% load dk %}[{{ obj|label:"status" }}][{{ missing|label:"status" }}]')
    assert template.render({"obj": None}) == "[][]"
