"""Validators for Danish company identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_is_valid(value: str) -> bool:
    """A CVR number is eight digits, not starting with 0, whose weighted sum is divisible by 11."""
    if len(value) != 8 or not value.isdigit() or value[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0


def normalise_cvr(value: str) -> str:
    """Accepts '29 40 28 14', 'DK29402814' and the like; returns the bare digits."""
    value = (value or "").strip().upper()
    if value.startswith("DK"):
        value = value[2:]
    return "".join(value.split()).replace("-", "")


def validate_cvr(value: str) -> None:
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(_("Et CVR-nummer består af 8 cifre, fx 29402814."), code="cvr_format")
    if not cvr_is_valid(value):
        raise ValidationError(
            _("CVR-nummeret %(cvr)s findes ikke: kontrolcifferet passer ikke. Tjek nummeret på virk.dk."),
            code="cvr_checksum",
            params={"cvr": value},
        )


def validate_p_number(value: str) -> None:
    if value and not (len(value) == 10 and value.isdigit()):
        raise ValidationError(_("Et P-nummer består af 10 cifre, fx 1003378412."), code="p_number_format")
