"""Loads postcode centres for the distance criterion from a CSV file.

Accepted headers (comma or semicolon separated, UTF-8):
- postnummer, navn, breddegrad, længdegrad  (our own template), or
- nr, navn, visueltcenter_x, visueltcenter_y  (DAWA's postcode list as CSV; x is longitude, y latitude).
Existing postcodes are updated, new ones added, in one transaction; a bad line stops the import with its
line number and nothing is saved.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from matching.models import PostcodeLocation

COLUMNS = (
    ("postnummer", "navn", "breddegrad", "længdegrad"),
    ("nr", "navn", "visueltcenter_y", "visueltcenter_x"),
)


def _columns(header: list[str]) -> tuple[str, str, str, str]:
    names = {name.strip().lower() for name in header}
    for code, name, latitude, longitude in COLUMNS:
        if {code, latitude, longitude} <= names:
            return code, name, latitude, longitude
    raise CommandError(
        "Filen skal have kolonnerne postnummer, navn, breddegrad og længdegrad "
        "(eller DAWA's nr, navn, visueltcenter_x og visueltcenter_y)."
    )


class Command(BaseCommand):
    help = "Indlæser postnumrenes midtpunkter til afstandskriteriet i matchningen."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        text = path.read_text(encoding="utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
        reader = csv.DictReader(text.splitlines(), dialect=dialect)
        reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
        code_col, name_col, lat_col, lon_col = _columns(reader.fieldnames)
        rows = {}
        for line, record in enumerate(reader, start=2):
            try:
                location = PostcodeLocation(
                    code=(record[code_col] or "").strip(),
                    name=(record.get(name_col) or "").strip(),
                    latitude=float(record[lat_col].replace(",", ".")),
                    longitude=float(record[lon_col].replace(",", ".")),
                )
                location.full_clean(validate_unique=False, validate_constraints=False)
            except (ValueError, AttributeError, ValidationError) as error:
                raise CommandError(f"Linje {line}: ugyldig række ({error}).") from error
            rows[location.code] = location
        with transaction.atomic():
            PostcodeLocation.objects.bulk_create(
                rows.values(),
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "latitude", "longitude"],
            )
        self.stdout.write(f"{len(rows)} postnumre indlæst.")
