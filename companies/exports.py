"""CSV and XLSX exports. Cells that a spreadsheet would run as a formula are escaped.

A value starting with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe, so a
company named "=HYPERLINK(...)" is shown as text, never executed (CSV/formula injection). Amounts are
written as numbers (XLSX) or in Danish number format (CSV, which Danish Excel reads with ";").
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from mentorship.numbers import dk_number

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _csv_cell(value) -> str:
    if isinstance(value, Decimal):
        return dk_number(value, 2)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return safe_text(value)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """Semicolon-separated, UTF-8 with BOM: Danish Excel opens it with æøå and decimal commas intact."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return response


def xlsx_response(filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([safe_text(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Excel has no time zones: datetimes are written as local (Copenhagen) wall-clock time.
        row = [timezone.localtime(v).replace(tzinfo=None) if isinstance(v, datetime) and v.tzinfo else v for v in row]
        values = []
        for value in row:
            if isinstance(value, Decimal | int | float | date) and not isinstance(value, bool):
                values.append(value)
            else:
                values.append(safe_text(value))
        sheet.append(values)
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, datetime):
                cell.number_format = "dd-mm-yyyy hh:mm"
            elif isinstance(value, date):
                cell.number_format = "dd-mm-yyyy"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
