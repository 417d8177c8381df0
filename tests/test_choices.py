"""mentorship.choices: every get_FOO_display gives exactly what Django's own gives."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from mentorship import choices


def choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if getattr(field, "choices", None):
                yield model, field


def test_every_static_choice_field_has_the_remembered_display():
    fields = list(choice_fields())
    assert len(fields) > 40  # statuses, kinds, outcomes ... and their history models
    for model, field in fields:
        method = getattr(model, f"get_{field.name}_display")
        assert isinstance(model.__dict__[f"get_{field.name}_display"], partialmethod), (model, field.name)
        assert model.__dict__[f"get_{field.name}_display"].func is choices.display, (model, field.name)
        assert method is not None
    assert choices.install() == 0  # once is enough: a second call finds nothing of Django's left


@pytest.mark.parametrize("language", ["da", "en"])
def test_same_label_as_django_for_every_value(language):
    compared = 0
    with translation.override(language):
        for model, field in choice_fields():
            values = [value for value, _label in field.flatchoices] + ["no-such-value", None, 10**6]
            for value in values:
                instance = model()
                setattr(instance, field.attname, value)
                ours = getattr(instance, f"get_{field.name}_display")()
                django = models.Model._get_FIELD_display(instance, field)
                assert ours == django and type(ours) is type(django), (model, field.name, value)
                compared += 1
    assert compared > 200


def test_the_label_follows_the_active_language():
    # Our own labels are Danish only; Django's admin log has both languages.
    from django.contrib.admin.models import ADDITION, LogEntry

    entry = LogEntry(action_flag=ADDITION)
    with translation.override("en"):
        english = entry.get_action_flag_display()
    with translation.override("da"):
        danish = entry.get_action_flag_display()
    assert english == "Addition"
    assert danish != english and danish == models.Model._get_FIELD_display(
        entry, LogEntry._meta.get_field("action_flag")
    )


def test_replaced_choices_are_read_again():
    from citizens.models import Citizen

    field = Citizen._meta.get_field("status")
    citizen = Citizen(status="ended")
    original = field.choices
    assert citizen.get_status_display() == "Afsluttet"
    try:
        field.choices = [("ended", "Slut")]
        assert citizen.get_status_display() == "Slut"
    finally:
        field.choices = original
    assert citizen.get_status_display() == "Afsluttet"
