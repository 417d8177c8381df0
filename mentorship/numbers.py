"""Danish numbers, written in one place for pages, PDFs, e-mails, charts and exports.

    dk_number(1234567)            1.234.567
    dk_number(12.5, 2)            12,50
    dk_number(12.5, 2, trim=True) 12,5        (trailing zeros and a bare comma left out: 3,00 → 3)
    dk_money(57629.5)             57.629,50 kr.
    dk_hours(40)                  40,0        (2,25 where a quarter needs two decimals)

Built on Django's `numberformat` with the Danish separators spelled out, so the output does not depend on
the active language or USE_THOUSAND_SEPARATOR. Decimals are rounded half up (kroner and øre, as a payslip
rounds), not cut off. `{% load dk %}` has the same as template filters (`dk_number`, `dk_money`,
`dk_hours`). A CSV for another system asks for `grouping=False` (185,00), so a spreadsheet reads a number.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import numberformat

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
MONEY_PLACES = 2
HOURS_MOST_PLACES = 2  # hours are recorded in quarters


def _rounded(value, places: int) -> Decimal:
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def dk_number(value, places: int | None = None, *, trim: bool = False, grouping: bool = True) -> str:
    """`value` (int, float, Decimal or a numeric string) in Danish notation; None and "" as ""."""
    if value is None or value == "" or isinstance(value, bool):
        return "" if value is None or value == "" else str(value)
    if places is not None:
        try:
            value = _rounded(value, places)
        except (InvalidOperation, ValueError):
            return str(value)
    text = str(
        numberformat.format(
            value,
            DECIMAL_SEPARATOR,
            decimal_pos=places,
            grouping=3 if grouping else 0,
            thousand_sep=THOUSAND_SEPARATOR,
            force_grouping=grouping,
        )
    )
    if trim and DECIMAL_SEPARATOR in text:
        text = text.rstrip("0").rstrip(DECIMAL_SEPARATOR)
    return text


def dk_money(value, *, suffix: bool = True) -> str:
    """An amount in kroner with øre: 57.629,50 kr. (without " kr." when `suffix` is false)."""
    text = dk_number(value, MONEY_PLACES)
    return f"{text} kr." if suffix and text else text


def dk_hours(value) -> str:
    """Hours with one decimal, or two where a quarter needs them: 40,0, 7,5, 2,25 (the unit is the
    sentence's: "40,0 timer")."""
    text = dk_number(value, HOURS_MOST_PLACES)
    if text.endswith("0") and DECIMAL_SEPARATOR in text:
        text = text[:-1]
    return text
