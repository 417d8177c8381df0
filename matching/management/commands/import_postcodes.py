"""Loads postcode centres for the distance criterion from a CSV file.

Accepted headers (semicolon, comma or tab separated; UTF-8, UTF-16 or Windows-1252):
- postnummer, navn, breddegrad, længdegrad  (our own template), or
- nr, navn, visueltcenter_x, visueltcenter_y  (DAWA's postcode list as CSV; x is longitude, y latitude).
Existing postcodes are updated, new ones added, in one transaction. Whatever is wrong with the file (it is
missing, empty, not text, has the wrong columns, a bad value or a postcode twice) stops the import with a
Danish message naming the line, and nothing is saved.
"""

import csv
import io
import math
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.utils.translation import gettext as _

from matching.models import PostcodeLocation
from mentorship.csvtext import decode

COLUMNS = (
    ("postnummer", "navn", "breddegrad", "længdegrad"),
    ("nr", "navn", "visueltcenter_y", "visueltcenter_x"),
)
DELIMITERS = (";", ",", "\t")


def _columns(header: list[str]) -> tuple[str, str, str, str]:
    names = set(header)
    for code, name, latitude, longitude in COLUMNS:
        if {code, latitude, longitude} <= names:
            return code, name, latitude, longitude
    raise CommandError(
        _(
            "Filen skal have kolonnerne postnummer, navn, breddegrad og længdegrad (eller DAWA's nr, navn, "
            "visueltcenter_x og visueltcenter_y), adskilt af semikolon eller komma."
        )
    )


def _header(text: str) -> tuple[str, list[str]]:
    """The delimiter whose split of the first line names the most known columns, and that header."""
    first_line = text.splitlines()[0] if text else ""
    known = {column for columns in COLUMNS for column in columns}

    def split(delimiter: str) -> list[str]:
        return [cell.strip().strip('"').strip().lower() for cell in first_line.split(delimiter)]

    delimiter = max(DELIMITERS, key=lambda d: sum(cell in known for cell in split(d)))
    return delimiter, split(delimiter)


def _bounds(field_name: str) -> tuple[float, float]:
    """The model field's range (its validators, which the database constraint repeats)."""
    validators = PostcodeLocation._meta.get_field(field_name).validators
    low = next(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return low, high


def _number(raw: str | None, label: str, bounds: tuple[float, float]) -> float:
    low, high = bounds
    text = (raw or "").strip()
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not low <= value <= high:
        raise CommandError(
            _("%(label)s skal være et tal mellem %(low)s og %(high)s, ikke “%(value)s”.")
            % {"label": label, "low": f"{low:g}", "high": f"{high:g}", "value": text}
        )
    return value


class Command(BaseCommand):
    help = "Indlæser postnumrenes midtpunkter til afstandskriteriet i matchningen."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="CSV-filen med postnumre og midtpunkter.")

    def handle(self, *args, path: Path, **options):
        rows = self.read(path)
        with transaction.atomic():
            PostcodeLocation.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "latitude", "longitude"],
            )
        self.stdout.write(_("%(count)s postnumre indlæst.") % {"count": len(rows)})

    def read(self, path: Path) -> list[PostcodeLocation]:
        """Every row parsed and checked; the first problem raises CommandError before anything is saved."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(_("Filen %(path)s findes ikke.") % {"path": path}) from None
        except OSError as error:
            raise CommandError(
                _("Filen %(path)s kan ikke læses (%(reason)s).") % {"path": path, "reason": error.strerror or error}
            ) from None
        try:
            text = decode(raw)
        except UnicodeDecodeError:
            raise CommandError(_("Filen kan ikke læses som tekst. Gem den som CSV (UTF-8).")) from None
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise CommandError(
                _("Linje %(line)s: filen indeholder et NUL-tegn. Er det en CSV-fil? Gem den som CSV (UTF-8).")
                % {"line": line}
            )
        if not text.strip():
            raise CommandError(_("Filen er tom."))

        delimiter, header = _header(text)
        columns = _columns(header)
        bounds = _bounds("latitude"), _bounds("longitude")
        reader = csv.DictReader(io.StringIO(text, newline=""), fieldnames=header, delimiter=delimiter)
        seen: dict[str, int] = {}
        rows = []
        line = 1
        try:
            next(reader)  # the header, already read
            line = reader.line_num + 1
            for record in reader:
                start, line = line, reader.line_num + 1
                if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
                    continue
                try:
                    location = self.location(record, columns, bounds)
                except CommandError as error:
                    raise CommandError(_("Linje %(line)s: %(error)s") % {"line": start, "error": error}) from None
                if location.code in seen:
                    raise CommandError(
                        _("Linje %(line)s: postnummer %(code)s står også i linje %(first)s.")
                        % {"line": start, "code": location.code, "first": seen[location.code]}
                    )
                seen[location.code] = start
                rows.append(location)
        except csv.Error:
            raise CommandError(_("Linje %(line)s kan ikke læses som CSV.") % {"line": line}) from None
        if not rows:
            raise CommandError(_("Filen indeholder ingen postnumre."))
        return rows

    @staticmethod
    def location(record: dict, columns: tuple[str, str, str, str], bounds) -> PostcodeLocation:
        code_col, name_col, lat_col, lon_col = columns
        latitude_bounds, longitude_bounds = bounds
        code = (record.get(code_col) or "").strip()
        if not (len(code) == 4 and code.isascii() and code.isdigit()):
            raise CommandError(_("postnummeret skal være fire cifre, ikke “%(value)s”.") % {"value": code})
        location = PostcodeLocation(
            code=code,
            name=(record.get(name_col) or "").strip(),
            latitude=_number(record.get(lat_col), _("breddegraden"), latitude_bounds),
            longitude=_number(record.get(lon_col), _("længdegraden"), longitude_bounds),
        )
        try:
            location.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            problems = "; ".join(
                f"{PostcodeLocation._meta.get_field(name).verbose_name}: {' '.join(messages)}"
                for name, messages in error.message_dict.items()
            )
            raise CommandError(problems) from None
        return location
