"""Danish postcodes: the check every postcode field on a form uses.

A Danish postcode is four digits between 0800 and 9990. When the platform admin has imported the postcode
list (`manage.py import_postcodes`, the PostcodeLocation table that the distance criterion uses), the code must
also be on it, so a typo such as 9999 or 8451 is refused next to the field instead of being saved. Without
the list, the range check alone applies.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from matching.models import PostcodeLocation

LOWEST, HIGHEST = 800, 9990  # 0800 Høje Taastrup (business) … 9990 Skagen


def validate_danish_postcode(value: str) -> None:
    """Raises a Danish ValidationError unless `value`, four digits, is a Danish postcode (see the module
    docstring). A value that is not four digits is left to the field's own format rule."""
    value = (value or "").strip()
    if not re.fullmatch(r"\d{4}", value):
        return  # the field's own format rule (four digits) says so, in its model's words
    unknown = ValidationError(
        _("Postnummeret %(code)s findes ikke i Danmark. Tjek det på brevet eller i adressen.") % {"code": value},
        code="postcode_unknown",
    )
    if not LOWEST <= int(value) <= HIGHEST:
        raise unknown
    if not PostcodeLocation.objects.filter(code=value).exists() and PostcodeLocation.objects.exists():
        raise unknown
