"""What MitID Erhverv sign-in writes to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class MitIDErhvervAction(models.TextChoices):
    BOUND = "accounts.mitid_erhverv.bound", _("MitID Erhverv knyttet til lederens adgang")
    SIGNED_IN = "accounts.mitid_erhverv.signed_in", _("Logget ind med MitID Erhverv")
    REFUSED = "accounts.mitid_erhverv.refused", _("Login med MitID Erhverv afvist")
