"""What notifications' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class NotificationsAction(models.TextChoices):
    MESSAGE_RESEND = "notifications.message.resend", _("E-mail sendt igen")
    SCHEDULE_UPDATED = "notifications.schedule.updated", _("Tidspunkt for påmindelser ændret")
    PREFERENCES_UPDATED = "notifications.preferences.updated", _("Valg af levering af beskeder ændret")
