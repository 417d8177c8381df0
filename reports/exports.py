"""A report's table as CSV or XLSX: the same columns and rows as on the page, with no personal data
beyond what the page shows (mentor and company names; citizens only as counts).

Cells a spreadsheet would run as a formula (text beginning with = + - @, a tab or a carriage return)
get a leading apostrophe through companies.exports.safe_text, so every export of the product escapes
the same way; numbers stay numbers. CSV is companies.exports.csv_response (semicolons, UTF-8 with BOM,
Danish decimals). XLSX is written here in openpyxl's write-only mode: the report tables can have
thousands of rows, and the cell-by-cell formatting of the regular mode grows quadratically."""

import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from companies.exports import csv_response, safe_text
from reports.selectors import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _value(value):
    # Rates and averages are floats in the report: written as decimals (Danish "12,5" in CSV, a number
    # in XLSX), never as text, so a negative movement is a number and not a "-..." string.
    if isinstance(value, float):
        return Decimal(str(round(value, 2)))
    return value


def _xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)

    def heading(text):
        cell = WriteOnlyCell(sheet, value=safe_text(text))
        cell.font = bold
        return cell

    sheet.append([heading(text) for text in header])
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, bool) or not isinstance(value, Decimal | int | float | date):
                cell = WriteOnlyCell(sheet, value=safe_text(value))
                cell.data_type = "s"
            else:
                if isinstance(value, datetime) and value.tzinfo:
                    value = timezone.localtime(value).replace(tzinfo=None)
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
                elif isinstance(value, date):
                    cell.number_format = "dd-mm-yyyy"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(report: Report, *, slug: str, fmt: str, title: str) -> HttpResponse:
    header = [column.label for column in report.table.columns]
    rows = [[_value(value) for value in row] for row in report.table.export_rows]
    filename = f"rapport-{slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt != "xlsx":
        return csv_response(filename, header, rows)
    response = HttpResponse(_xlsx(title, header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
