"""CSV export of the corps and the payroll export (CSV and XLSX); the import is in corps.csv_import.

Danish Excel writes CSV with `;` between fields, `,` as the decimal mark and (usually) UTF-8 with a
byte-order mark; the import and the exports use that dialect. Every text cell an export writes
is escaped so a spreadsheet never runs it as a formula.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from corps.models import (
    DAY_PARTS,
    WEEKDAYS,
    Employment,
    Mentor,
    bits_labels,
)
from mentorship.numbers import dk_number

COLUMNS = [
    ("full_name", "Navn"),
    ("email", "E-mail"),
    ("phone", "Telefon"),
    ("postcode", "Postnummer"),
    ("gender", "Køn"),
    ("birth_year", "Fødselsår"),
    ("attachment", "Tilknytning"),
    ("education", "Uddannelse"),
    ("work_experience", "Erhvervserfaring"),
    ("industries", "Brancher"),
    ("competences", "Kompetencer"),
    ("languages", "Sprog"),
    ("available_weekdays", "Ugedage"),
    ("available_day_parts", "Tidspunkter"),
    ("hours_per_week", "Timer om ugen"),
    ("capacity", "Maks. forløb"),
    ("hourly_rate", "Timeløn"),
    ("employment", "Ansættelse"),
    ("offers_section_85", "§ 85"),
    ("contract_start", "Kontraktstart"),
    ("contract_end", "Kontraktophør"),
    ("status", "Status"),
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value) -> str | int | float | Decimal:
    """A spreadsheet runs a cell that begins with = + - @ (or a tab/CR) as a formula; prefix it with '."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def danish_decimal(value: Decimal | None) -> str:
    """185,00: Danish, without a thousands separator, so a payroll system reads it as one number."""
    return dk_number(value, 2, grouping=False)


def danish_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d-%m-%Y")


def mentor_export_row(mentor: Mentor) -> list:
    return [
        mentor.full_name,
        mentor.email,
        mentor.phone,
        mentor.postcode,
        mentor.get_gender_display() if mentor.gender else "",
        mentor.birth_year or "",
        mentor.get_attachment_display(),
        mentor.education,
        mentor.work_experience,
        mentor.industries,
        ", ".join(c.name for c in mentor.competences.all()),
        ", ".join(lang.name for lang in mentor.languages.all()),
        ", ".join(bits_labels(mentor.available_weekdays, WEEKDAYS)),
        ", ".join(bits_labels(mentor.available_day_parts, DAY_PARTS)).lower(),
        mentor.hours_per_week or "",
        mentor.capacity,
        danish_decimal(mentor.hourly_rate),
        mentor.get_employment_display(),
        "ja" if mentor.offers_section_85 else "nej",
        danish_date(mentor.contract_start),
        danish_date(mentor.contract_end),
        mentor.get_status_display(),
    ]


def write_csv(header: list[str], rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in header])
    for row in rows:
        writer.writerow([escape_cell(value) for value in row])
    return buffer.getvalue()


def mentors_csv(mentors: Iterable[Mentor]) -> str:
    return write_csv([header for _name, header in COLUMNS], (mentor_export_row(m) for m in mentors))


PAYROLL_HEADER = ["Mentor", "E-mail", "Ansættelse", "Registreringer", "Timer", "Beløb (kr.)", "Over aftalt tid"]


def payroll_rows(rows) -> list[list]:
    return [
        [r.full_name, r.email, str(Employment(r.employment).label), r.entries, r.hours, r.amount, r.over_agreed]
        for r in rows
    ]


def payroll_csv(rows) -> str:
    return write_csv(
        PAYROLL_HEADER,
        ([*r[:4], danish_decimal(r[4]), danish_decimal(r[5]), r[6]] for r in payroll_rows(rows)),
    )


def payroll_xlsx(rows, *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([escape_cell(h) for h in PAYROLL_HEADER])
    for row in payroll_rows(rows):
        sheet.append([escape_cell(value) for value in row])
    for cell in sheet["F"][1:]:
        cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
