from datetime import date
from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def cell(value) -> str:
    """A report cell in Danish notation: 1.234 and 12,5; dates as 31.01.2026; nothing as –."""
    if value is None or value == "":
        return "–" if value is None else ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float | Decimal):
        text = f"{float(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        if text.endswith(",00"):
            text = text[:-3]
        elif text.endswith("0") and "," in text:
            text = text[:-1]
        return text
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


@register.simple_tag
def table_body(table) -> str:
    """The <tbody> rows of a report table, written in Python: a report can have a thousand rows, and
    a template loop over every cell costs more than the database does."""
    lines = []
    for row in table.rows:
        head, *rest = row
        cells = "".join(f'<td class="text-align-right">{escape(cell(value))}</td>' for value in rest)
        lines.append(f'<tr><th scope="row">{escape(cell(head))}</th>{cells}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 (every value is escaped above)
