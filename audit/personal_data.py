"""Personal data held by the audit app (the logs are found through their generic object columns)."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Held, Subject

HELD = [
    Held("audit.ArchiveHold", Subject.CITIZEN, via=("citizen",), purpose=_("Bevaring til kommunens arkiv")),
]
