"""CSV import of an existing corps: every row is parsed and validated before anything is saved.

Validation is plain Python with the lookups loaded once (the jobcenter's competences, the languages,
the e-mails already in use), so a 10,000-row file costs no query per row. Field rules come from the
Mentor model's own validators (max length, regexes, value ranges, e-mail, decimal places): a cheap
predicate accepts the common valid value, and only a value it does not accept goes through the
validator itself, which then raises with Django's message. `corps.services.mentors_import` saves the
rows in one transaction.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import (
    EmailValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from corps.csvio import COLUMNS
from corps.models import (
    DAY_PARTS,
    WEEKDAYS,
    Attachment,
    Competence,
    Employment,
    Gender,
    Language,
    Mentor,
    MentorStatus,
    Source,
)
from mentorship.csvtext import decode as decode  # the import's decoding, shared with the other CSV imports
from mentorship.dates import PLAN
from mentorship.numbers import dk_number

HEADER_TO_FIELD = {header.lower(): name for name, header in COLUMNS}
COLUMN_HEADER = dict(COLUMNS)
REQUIRED = ("full_name", "email", "postcode", "attachment")
IMPORTABLE_STATUSES = (MentorStatus.APPLICANT, MentorStatus.APPROVED, MentorStatus.ACTIVE, MentorStatus.RESIGNED)
TEXT_FIELDS = ("full_name", "phone", "postcode", "education", "work_experience", "industries")
INT_FIELDS = ("birth_year", "hours_per_week", "capacity")
YES = frozenset({"ja", "j", "x", "1", "true"})
NO = frozenset({"", "nej", "n", "0", "false"})


def _label_map(choices) -> dict[str, str]:
    mapping = {}
    for value, label in choices:
        # Plain strings, not the enum members: the rows go to the database as they are (corps.bulk).
        mapping[str(label).lower()] = str(value)
        if value:
            mapping[str(value).lower()] = str(value)
    return mapping


def _maps() -> dict[str, dict]:
    """Lower-case spelling -> stored value. Built per import: labels are lazy translations."""
    weekday_map = {}
    for bit, label in WEEKDAYS:
        weekday_map[str(label).lower()] = bit
        weekday_map[str(label).lower()[:3]] = bit
    return {
        "attachment": _label_map(Attachment.choices)
        | {
            "pensioneret": Attachment.RETIRED.value,
            "job": Attachment.JOB.value,
            "uddannelse": Attachment.EDUCATION.value,
            "efterløn": Attachment.RETIRED.value,
        },
        "gender": _label_map(Gender.choices) | {"": "", "k": Gender.FEMALE.value, "m": Gender.MALE.value},
        "employment": _label_map(Employment.choices)
        | {
            "": Employment.HOURLY.value,
            "timeansat": Employment.HOURLY.value,
            "fuldtid": Employment.FULL_TIME.value,
            "fuldtidsansat": Employment.FULL_TIME.value,
        },
        "status": {str(MentorStatus(s).label).lower(): s.value for s in IMPORTABLE_STATUSES}
        | {s.value: s.value for s in IMPORTABLE_STATUSES}
        | {"": MentorStatus.ACTIVE.value},
        "available_weekdays": weekday_map,
        "available_day_parts": {str(label).lower(): bit for bit, label in DAY_PARTS},
    }


# A plain address of the shape nearly every real one has; anything else is checked by Django's
# EmailValidator (this pattern accepts only addresses that validator accepts too).
_SIMPLE_EMAIL = re.compile(r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def _fast_predicate(validator):
    """A cheap test that is True only for values `validator` accepts (None: always run the validator)."""
    limit = getattr(validator, "limit_value", None)
    if callable(limit):
        return None
    if isinstance(validator, MaxLengthValidator):
        return lambda value: len(value) <= limit
    if isinstance(validator, MinValueValidator):
        return lambda value: value >= limit
    if isinstance(validator, MaxValueValidator):
        return lambda value: value <= limit
    if isinstance(validator, ProhibitNullCharactersValidator):
        return lambda value: "\x00" not in value
    if isinstance(validator, RegexValidator) and not validator.inverse_match:
        regex = validator.regex
        return lambda value: regex.search(value) is not None
    if isinstance(validator, EmailValidator):
        return lambda value: len(value) <= 254 and _SIMPLE_EMAIL.fullmatch(value) is not None
    return None


class FieldRules:
    """The model field's validators, each paired with its cheap predicate."""

    def __init__(self, name: str):
        model_field = Mentor._meta.get_field(name)
        self.empty_values = model_field.empty_values
        self.checks = [(_fast_predicate(v), v) for v in model_field.validators]

    def errors(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        for predicate, validator in self.checks:
            if predicate is not None and predicate(value):
                continue
            try:
                validator(value)
            except ValidationError as error:
                return error.messages
        return []


@dataclass(slots=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class ParsedRow:
    line: int
    values: dict  # Mentor attname -> value, ready for corps.services to insert
    competence_ids: list[int]
    language_ids: list[int]


_SPLIT = re.compile(r"[,/]")
_FIRST_LINE = re.compile(r"[^\r\n]*")
DELIMITERS = (";", ",", "\t")  # Danish Excel, other spreadsheets, Excel's "Unicode text"
MAX_CELL = 10_000  # characters; far above any real cell, far below what a cell costs to hold
# csv refuses a field over 131,072 characters with an English csv.Error; the upload is capped at 10 MB
# (corps.forms.MAX_IMPORT_BYTES), so the reader may take any field of it and MAX_CELL reports the long cell
# with its line and column instead. Process-wide, and only ever raised.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))
_DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def split_list(value: str) -> list[str]:
    return [part for part in (p.strip() for p in _SPLIT.split(value)) if part]


def parse_date(value: str) -> date | None:
    if not value:
        return None
    match = _DANISH_DATE.fullmatch(value)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = _ISO_DATE.fullmatch(value)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise ValueError(_("Skriv datoen som dd-mm-åååå, fx 01-03-2025."))


def parse_decimal(value: str) -> Decimal | None:
    if "," in value:
        value = value.replace(" ", "").replace(".", "").replace(",", ".")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(_("Skriv et tal, fx 185,50."))
    return number


def parse_int(value: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise ValueError(_("Skriv et helt tal."))
    return int(value)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most known column names (then: the most
    columns). Judged on the header alone: commas inside the first rows' text do not count."""
    header = _FIRST_LINE.match(text)[0]

    def known(delimiter: str) -> tuple[int, int]:
        cells = [cell.strip().strip('"').strip().lower() for cell in header.split(delimiter)]
        return sum(cell in HEADER_TO_FIELD for cell in cells), len(cells)

    return max(DELIMITERS, key=known)


class MentorImporter:
    """Parses and validates a whole file; three queries in all, whatever the number of rows."""

    def __init__(self, *, jobcenter):
        self.jobcenter = jobcenter
        self.competences = {
            name.lower(): pk for pk, name in Competence.objects.filter(jobcenter=jobcenter).values_list("pk", "name")
        }
        self.languages = {}
        for pk, code, name in Language.objects.values_list("pk", "code", "name"):
            self.languages[name.lower()] = pk
            self.languages[code] = pk
        self.existing_emails = {
            email.lower() for email in Mentor.objects.filter(jobcenter=jobcenter).values_list("email", flat=True)
        }
        self.maps = _maps()
        self.rules = {name: FieldRules(name) for name in ("email", *TEXT_FIELDS, *INT_FIELDS, "hourly_rate")}
        self.today = timezone.localdate()
        self.contract_bounds = PLAN.bounds(self.today)  # the forms' rule for contract dates (mentorship.dates)
        self.now = timezone.now()
        self.messages = {
            "required": _("Feltet skal udfyldes."),
            "email_invalid": _("Ugyldig e-mailadresse."),
            "email_taken": _("Der findes allerede en mentor med den e-mail."),
            "attachment": _("“%(value)s” er ikke en tilknytning (I job, I uddannelse, Pensioneret)."),
            "gender": _("“%(value)s” er ikke et køn (Kvinde, Mand, Andet)."),
            "employment": _("“%(value)s” er ikke en ansættelse."),
            "status": _("“%(value)s” er ikke en status, der kan importeres (Ansøger, Godkendt, Aktiv, Fratrådt)."),
            "available_weekdays": _("“%(value)s” er ikke en ugedag."),
            "available_day_parts": _("“%(value)s” er ikke et tidspunkt (formiddag, eftermiddag, aften)."),
            "yes_no": _("Skriv ja eller nej."),
            "competences": _("“%(value)s” står ikke på jobcentrets kompetenceliste."),
            "languages": _("“%(value)s” er ikke et kendt sprog."),
            "section_85": _("Kun fuldtidsansatte mentorer kan give støtte efter § 85."),
            "contract": _("Kontraktophør skal ligge efter kontraktstart."),
            "date_range": PLAN.range_message(self.today),
            "nul": _("Feltet indeholder et ugyldigt tegn (NUL). Fjern det og gem filen igen."),
            "too_long": _("Feltet er for langt (højst %(max)s tegn).") % {"max": dk_number(MAX_CELL)},
            "unreadable": _("Linjen kan ikke læses som CSV. Gem filen som CSV (UTF-8) fra Excel og prøv igen."),
        }

    def parse(self, text: str) -> tuple[list[ParsedRow], list[RowError]]:
        errors: list[RowError] = []
        rows: list[ParsedRow] = []
        # newline="": csv itself splits the records, on \r\n, \n and old Macs' lone \r alike.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
        try:
            header = next(reader)
        except StopIteration:
            return [], [RowError(1, "", _("Filen er tom."))]
        except csv.Error:
            return [], [RowError(1, "", self.messages["unreadable"])]
        fields = [HEADER_TO_FIELD.get(h.strip().lower()) for h in header]
        missing = set(REQUIRED) - set(fields)
        if missing:
            names = ", ".join(h for name, h in COLUMNS if name in missing)
            return [], [RowError(1, "", _("Filen mangler kolonnerne: %(names)s.") % {"names": names})]
        first_column: dict[str, int] = {}
        for number, name in enumerate(fields, start=1):
            if name is None:
                continue
            if name in first_column:
                message = _("Kolonnen står to gange i overskriften (kolonne %(first)s og %(again)s).") % {
                    "first": first_column[name],
                    "again": number,
                }
                errors.append(RowError(1, COLUMN_HEADER[name], message))
            else:
                first_column[name] = number
        if errors:
            return [], errors  # which of the two columns holds the value is anybody's guess
        unknown = [h for h, f in zip(header, fields, strict=True) if f is None and h.strip()]
        if unknown:
            errors.append(RowError(1, "", _("Ukendte kolonner: %(names)s.") % {"names": ", ".join(unknown)}))
        seen_emails: dict[str, int] = {}
        width = len(fields)
        has_nul = "\x00" in text
        line = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error:
                errors.append(RowError(line, "", self.messages["unreadable"]))
                break
            start, line = line, reader.line_num + 1  # a quoted cell may span lines: report where the row starts
            if not any(v.strip() for v in values):
                continue
            if len(values) > width:
                errors.append(RowError(start, "", _("Rækken har flere felter end overskriften.")))
                continue
            if (has_nul or max(map(len, values)) > MAX_CELL) and self._bad_cells(start, header, values, errors):
                continue
            data = {f: v.strip() for f, v in zip(fields, values, strict=False) if f}
            row = self.row(start, data, errors)
            if row is None:
                continue
            email = row.values["email"]
            if email in seen_emails:
                message = _("E-mailen står også i linje %(line)s.") % {"line": seen_emails[email]}
                errors.append(RowError(start, COLUMN_HEADER["email"], message))
                continue
            seen_emails[email] = start
            rows.append(row)
        if not rows and not errors:
            errors.append(RowError(1, "", _("Filen indeholder ingen mentorer.")))
        return rows, errors

    def _bad_cells(self, line: int, header: list[str], values: list[str], errors: list[RowError]) -> bool:
        """Cells no field can hold (a NUL character, an absurd length): reported at line and column."""
        bad = False
        for number, value in enumerate(values):
            column = header[number].strip() if number < len(header) else ""
            if "\x00" in value:
                errors.append(RowError(line, column, self.messages["nul"]))
                bad = True
            elif len(value) > MAX_CELL:
                errors.append(RowError(line, column, self.messages["too_long"]))
                bad = True
        return bad

    def row(self, line: int, data: dict[str, str], errors: list[RowError]) -> ParsedRow | None:
        """One row's values, or None after adding its errors (each field reported once) to `errors`."""
        failed: dict[str, str] = {}
        messages = self.messages

        def fail(name: str, message) -> None:
            failed.setdefault(name, str(message))

        get = data.get
        for name in REQUIRED:
            if not get(name):
                fail(name, messages["required"])

        values: dict = {
            "jobcenter_id": self.jobcenter.pk,
            "source": Source.IMPORT.value,
            "status_changed_at": self.now,
            "created_at": self.now,
        }
        email = get("email", "").lower()
        if email and "email" not in failed:
            if self.rules["email"].errors(email):
                fail("email", messages["email_invalid"])
            elif email in self.existing_emails:
                fail("email", messages["email_taken"])
        values["email"] = email
        for name in TEXT_FIELDS:
            value = get(name, "")
            values[name] = value
            if value and name not in failed:
                problems = self.rules[name].errors(value)
                if problems:
                    fail(name, problems[0])

        maps = self.maps
        for name in ("attachment", "gender", "employment", "status"):
            raw = get(name, "")
            if name == "attachment" and not raw:
                continue  # reported as required
            value = maps[name].get(raw.lower())
            if value is None:
                fail(name, messages[name] % {"value": raw})
            else:
                values[name] = value

        yes_no = get("offers_section_85", "").lower()
        if yes_no in YES:
            values["offers_section_85"] = True
        elif yes_no in NO:
            values["offers_section_85"] = False
        else:
            fail("offers_section_85", messages["yes_no"])

        for name in INT_FIELDS:
            try:
                number = parse_int(get(name, ""))
            except ValueError as error:
                fail(name, error)
                continue
            if number is None:
                if name != "capacity":  # an empty capacity keeps the model's default
                    values[name] = None
                continue
            problems = self.rules[name].errors(number)
            if problems:
                fail(name, problems[0])
            values[name] = number
        try:
            rate = parse_decimal(get("hourly_rate", ""))
        except ValueError as error:
            fail("hourly_rate", error)
        else:
            problems = self.rules["hourly_rate"].errors(rate)
            if problems:
                fail("hourly_rate", problems[0])
            values["hourly_rate"] = rate
        earliest, latest = self.contract_bounds
        for name in ("contract_start", "contract_end"):
            try:
                day = parse_date(get(name, ""))
            except ValueError as error:
                fail(name, error)
                continue
            if day is not None and not earliest <= day <= latest:
                fail(name, messages["date_range"])
            values[name] = day

        for name in ("available_weekdays", "available_day_parts"):
            bits = 0
            mapping = maps[name]
            for part in split_list(get(name, "").lower()):
                bit = mapping.get(part)
                if bit is None:
                    fail(name, messages[name] % {"value": part})
                    break
                bits |= bit
            values[name] = bits

        competence_ids = self._lookup(get("competences", ""), self.competences, "competences", fail)
        language_ids = self._lookup(get("languages", ""), self.languages, "languages", fail)

        if values.get("offers_section_85") and values.get("employment") != Employment.FULL_TIME:
            fail("offers_section_85", messages["section_85"])
        if values.get("status") == MentorStatus.RESIGNED and values.get("contract_end") is None:
            values["contract_end"] = self.today
        start, end = values.get("contract_start"), values.get("contract_end")
        if start and end and end < start:
            fail("contract_end", messages["contract"])

        if failed:
            errors.extend(RowError(line, COLUMN_HEADER[name], message) for name, message in failed.items())
            return None
        return ParsedRow(line, values, competence_ids, language_ids)

    def _lookup(self, raw: str, table: dict[str, int], name: str, fail) -> list[int]:
        ids: list[int] = []
        for part in split_list(raw):
            pk = table.get(part.lower())
            if pk is None:
                fail(name, self.messages[name] % {"value": part})
            elif pk not in ids:
                ids.append(pk)
        return ids
