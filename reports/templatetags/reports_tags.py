from datetime import date
from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from mentorship.numbers import dk_number

register = template.Library()


@register.filter
def cell(value) -> str:
    """A report cell in Danish notation: 1.234 and 12,5; dates as 31.01.2026; nothing as –."""
    if value is None or value == "":
        return "–" if value is None else ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return dk_number(value)
    if isinstance(value, float | Decimal):
        return dk_number(value, 2, trim=True)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


@register.simple_tag
def table_body(table) -> str:
    """The <tbody> rows of a report table, written in Python: a report can have a thousand rows, and
    a template loop over every cell costs more than the database does."""
    lines = []
    # A table of a thousand mentors has seven thousand cells, mostly the same few numbers: each number
    # is written once. Decimals and floats by their text, so that -0.0 and 0.0 stay apart.
    written: dict = {}

    def html(value) -> str:
        kind = type(value)
        if kind is int:
            key = value
        elif kind is Decimal or kind is float:
            key = (kind, str(value))
        else:
            return _html_cell(value)
        text = written.get(key)
        if text is None:
            text = written[key] = _html_cell(value)
        return text

    for row in table.rows:
        head, *rest = row
        cells = "".join(f'<td class="text-align-right">{html(value)}</td>' for value in rest)
        lines.append(f'<tr><th scope="row">{_html_cell(head)}</th>{cells}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 (every value is escaped by _html_cell)


def _html_cell(value) -> str:
    """escape(cell(value)), without escaping a number: its text is digits, '.', ',' and '-' only."""
    if type(value) is int:
        return dk_number(value)
    if type(value) is Decimal or type(value) is float:
        return cell(value)
    return escape(cell(value))
