"""What texts' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class TextsAction(models.TextChoices):
    TEXT_UPDATED = "texts.text.updated", _("Tekst ændret")
    TEXT_RESET = "texts.text.reset", _("Tekst sat tilbage til standard")
