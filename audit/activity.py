"""What audit's services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class AuditAction(models.TextChoices):
    PERSON_ERASED = "audit.person.erased", _("Person slettet efter anmodning")
    RETENTION_RAN = "audit.retention.ran", _("Slettefrister håndhævet")
    RETENTION_RULE_UPDATED = "audit.retention_rule.updated", _("Slettefrist ændret")
    ARCHIVE_HOLD_SET = "audit.archive_hold.set", _("Sagen bevares til kommunens arkiv")
    ARCHIVE_HOLD_CLEARED = "audit.archive_hold.cleared", _("Bevaring til arkiv ophævet")
