"""The CSV import service: cheap validation with the model's own rules, bulk saving, history and audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from audit.models import ActivityLog
from corps import services
from corps.csv_import import FieldRules, MentorImporter
from corps.csvio import COLUMNS, write_csv
from corps.models import Mentor, MentorStatus, MentorStatusEvent, Source
from corps.tests.factories import CompetenceFactory, MentorFactory

pytestmark = pytest.mark.django_db

HEADERS = [header for _name, header in COLUMNS]


def csv_bytes(*rows: dict) -> bytes:
    """A Danish Excel CSV with every column; each row names only the cells it sets."""
    return write_csv(HEADERS, [[row.get(h, "") for h in HEADERS] for row in rows]).encode("utf-8")


def person(n: int, **cells) -> dict:
    return {"Navn": f"Mentor {n}", "E-mail": f"m{n}@example.dk", "Postnummer": "8450", "Tilknytning": "I job"} | cells


def errors_of(result) -> set[tuple[int, str]]:
    return {(e.line, e.field) for e in result.errors}


def test_import_saves_mentors_links_events_history_and_one_audit_entry(world):
    housing = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    raw = csv_bytes(
        person(1, Kompetencer="Bolig, personlig økonomi", Sprog="Dansk, ti", Timeløn="185,50", Status="Aktiv"),
        person(2, Ansættelse="Fuldtid", **{"§ 85": "ja"}, Status="Ansøger", Fødselsår="1961"),
        person(3, Status="Fratrådt", Kontraktstart="01-02-2024"),
    )
    result = services.mentors_import(actor=world.coordinator, jobcenter=world.jobcenter, raw=raw)

    assert result.ok, result.errors
    assert result.created == 3
    one, two, three = Mentor.objects.filter(jobcenter=world.jobcenter).order_by("full_name")
    assert (one.status, one.source, one.hourly_rate, one.capacity) == ("active", Source.IMPORT, Decimal("185.50"), 2)
    assert set(one.competences.all()) == {housing, economy}
    assert sorted(one.languages.values_list("code", flat=True)) == ["da", "ti"]
    assert (two.employment, two.offers_section_85, two.status, two.birth_year) == ("full_time", True, "applicant", 1961)
    assert three.status == "resigned" and three.contract_end is not None
    assert MentorStatusEvent.objects.filter(mentor__jobcenter=world.jobcenter).count() == 3
    assert MentorStatusEvent.objects.get(mentor=one).actor == world.coordinator

    record = one.history.get()
    assert (record.history_type, record.history_user, record.email) == ("+", world.coordinator, "m1@example.dk")
    # The history record carries the competences and languages the mentor was imported with.
    assert {c.competence_id for c in record.competences.all()} == {housing.pk, economy.pk}
    assert {lang.language.code for lang in record.languages.all()} == {"da", "ti"}

    entries = ActivityLog.objects.filter(action__startswith="corps.mentor")
    assert [entry.action for entry in entries] == ["corps.mentor.import"]
    assert entries[0].data == {
        "created": 3,
        "statuses": {"active": 1, "applicant": 1, "resigned": 1},
        "competence_links": 2,
        "language_links": 2,
    }


def test_validation_costs_three_queries_whatever_the_number_of_rows(world, django_assert_num_queries):
    CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    for size in (2, 200):
        text = csv_bytes(*(person(n, Kompetencer="Bolig", Sprog="da") for n in range(size))).decode("utf-8-sig")
        with django_assert_num_queries(3):
            rows, errors = MentorImporter(jobcenter=world.jobcenter).parse(text)
        assert (len(rows), errors) == (size, [])


def test_model_rules_give_django_messages_at_line_and_field(world):
    MentorFactory(jobcenter=world.jobcenter, email="taken@example.dk")
    raw = csv_bytes(
        person(1),
        person(2, **{"E-mail": "TAKEN@example.dk"}),
        person(3, Fødselsår="1900", Telefon="12", **{"Maks. forløb": "31"}),
        person(4, Postnummer="84500", Timeløn="12,345", **{"Timer om ugen": "0"}),
        person(5, Navn="x" * 201, Kontraktstart="01-03-2025", Kontraktophør="01-02-2025"),
        person(6, **{"§ 85": "ja", "E-mail": "a@-bad.dk"}),
    )
    result = services.mentors_import(actor=world.coordinator, jobcenter=world.jobcenter, raw=raw)

    assert errors_of(result) == {
        (3, "E-mail"),
        (4, "Fødselsår"),
        (4, "Telefon"),
        (4, "Maks. forløb"),
        (5, "Postnummer"),
        (5, "Timeløn"),
        (5, "Timer om ugen"),
        (6, "Navn"),
        (6, "Kontraktophør"),
        (7, "§ 85"),
        (7, "E-mail"),
    }
    messages = {(e.line, e.field): e.message for e in result.errors}
    assert messages[(3, "E-mail")] == "Der findes allerede en mentor med den e-mail."
    assert "1920" in messages[(4, "Fødselsår")]
    assert "30" in messages[(4, "Maks. forløb")]
    assert messages[(5, "Postnummer")] == "Postnummeret skal være fire cifre."
    assert "200" in messages[(6, "Navn")]
    assert messages[(7, "E-mail")] == "Ugyldig e-mailadresse."
    assert Mentor.objects.filter(jobcenter=world.jobcenter).count() == 1
    assert not ActivityLog.objects.filter(action="corps.mentor.import").exists()


@pytest.mark.parametrize(
    "email",
    [
        "anna@example.dk",
        "anna.berg+mentor@sub.example.dk",
        "a@b.dk",
        "a@-b.dk",
        "a@b-.dk",
        "a..b@example.dk",
        ".a@example.dk",
        "a@example",
        "a@example.d",
        "anna@exa_mple.dk",
        "æble@example.dk",
        "anna@xn--bl-0ia.dk",
        "o'brien@example.dk",
        "a@" + "b" * 64 + ".dk",
        "a" * 250 + "@b.dk",
    ],
)
def test_email_rule_agrees_with_djangos_validator(email):
    try:
        validate_email(email)
        valid = len(email) <= 254  # the model field's max_length
    except ValidationError:
        valid = False
    assert (FieldRules("email").errors(email) == []) is valid


def test_email_taken_while_validating_saves_nothing(world, monkeypatch):
    """A coordinator saves a mentor with one of the file's e-mails after the importer loaded the
    e-mails in use: the database's unique constraint refuses the insert and nothing is saved."""
    original = MentorImporter.__init__

    def init_then_someone_saves(self, *, jobcenter):
        original(self, jobcenter=jobcenter)
        MentorFactory(jobcenter=jobcenter, email="m2@example.dk")

    monkeypatch.setattr(MentorImporter, "__init__", init_then_someone_saves)
    raw = csv_bytes(person(1), person(2))
    result = services.mentors_import(actor=world.coordinator, jobcenter=world.jobcenter, raw=raw)

    assert errors_of(result) == {(1, "E-mail")}
    assert list(Mentor.objects.filter(jobcenter=world.jobcenter).values_list("email", flat=True)) == ["m2@example.dk"]
    assert not ActivityLog.objects.filter(action="corps.mentor.import").exists()


def test_dates_decimals_and_lists_in_the_spellings_excel_writes(world):
    raw = csv_bytes(
        person(1, Kontraktstart="1.3.2024", Kontraktophør="2025-02-28", Timeløn="1.185,50", Ugedage="Man/ons, FRE"),
        person(2, Kontraktstart="31-02-2024"),
    )
    result = services.mentors_import(actor=world.coordinator, jobcenter=world.jobcenter, raw=raw)
    assert errors_of(result) == {(3, "Kontraktstart")}
    result = services.mentors_import(actor=world.coordinator, jobcenter=world.jobcenter, raw=csv_bytes(person(1, **{
        "Kontraktstart": "1.3.2024", "Kontraktophør": "2025-02-28", "Timeløn": "1.185,50", "Ugedage": "Man/ons, FRE"
    })))  # fmt: skip
    assert result.ok
    mentor = Mentor.objects.get(email="m1@example.dk")
    assert (mentor.contract_start, mentor.contract_end) == (datetime.date(2024, 3, 1), datetime.date(2025, 2, 28))
    assert (mentor.hourly_rate, mentor.available_weekdays) == (Decimal("1185.50"), 0b10101)
    assert mentor.status == MentorStatus.ACTIVE


# --- Files as they come: line endings, encodings, delimiters and broken cells ----------------------


def import_raw(world, raw: bytes):
    return services.mentors_import(actor=world.coordinator, jobcenter=world.jobcenter, raw=raw)


def saved_emails(world) -> list[str]:
    return sorted(Mentor.objects.filter(jobcenter=world.jobcenter).values_list("email", flat=True))


def test_old_mac_line_endings_are_read(world):
    text = csv_bytes(person(1), person(2, Erhvervserfaring="Første linje\r\nanden linje")).decode("utf-8-sig")
    raw = text.replace("\r\n", "\r").encode("utf-8")
    assert "\n" not in raw.decode() and raw.count(b"\r") >= 3
    result = import_raw(world, raw)
    assert result.ok, result.errors
    assert saved_emails(world) == ["m1@example.dk", "m2@example.dk"]
    assert Mentor.objects.get(email="m2@example.dk").work_experience == "Første linje\randen linje"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-16", "\t"), ("utf-16", ";"), ("utf-16-le", ";"), ("utf-16-be", "\t")],
    ids=["excel-unicode-text", "utf16-bom-semicolon", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_utf16_files_are_read(world, encoding, delimiter):
    text = csv_bytes(person(1, Navn="Søren Ærø"), person(2)).decode("utf-8-sig").replace(";", delimiter)
    result = import_raw(world, text.encode(encoding))
    assert result.ok, result.errors
    assert saved_emails(world) == ["m1@example.dk", "m2@example.dk"]
    assert Mentor.objects.get(email="m1@example.dk").full_name == "Søren Ærø"


def test_nul_character_and_overlong_cell_are_reported_at_line_and_column(world):
    raw = csv_bytes(
        person(1),
        person(2, Uddannelse="Pæda\x00gog"),
        person(3, Erhvervserfaring="x" * 131_073),
        person(4, Navn="x" * 131_073),
    )
    result = import_raw(world, raw)
    messages = {(e.line, e.field): e.message for e in result.errors}
    assert messages == {
        (3, "Uddannelse"): "Feltet indeholder et ugyldigt tegn (NUL). Fjern det og gem filen igen.",
        (4, "Erhvervserfaring"): "Feltet er for langt (højst 10.000 tegn).",
        (5, "Navn"): "Feltet er for langt (højst 10.000 tegn).",
    }
    assert saved_emails(world) == []


def test_semicolon_file_with_commas_in_its_first_rows_is_read_as_semicolons(world):
    commas = "Lager, truck, kasse, service, rengøring, " * 20
    raw = csv_bytes(*(person(n, Erhvervserfaring=commas, Brancher="Handel, lager, transport") for n in range(3)))
    sample = raw.decode("utf-8-sig")[:2000]
    assert sample.count(",") > sample.count(";")  # the case the old guess got wrong
    result = import_raw(world, raw)
    assert result.ok, result.errors
    assert Mentor.objects.get(email="m0@example.dk").industries == "Handel, lager, transport"


def test_comma_separated_file_is_still_read(world):
    text = csv_bytes(person(1, Timeløn="185"), person(2)).decode("utf-8-sig").replace(";", ",")
    result = import_raw(world, text.encode("utf-8"))
    assert result.ok, result.errors
    assert Mentor.objects.get(email="m1@example.dk").hourly_rate == Decimal("185")


def test_duplicated_header_column_is_an_error_not_a_silent_choice(world):
    headers = [*HEADERS, "e-mail"]
    raw = write_csv(headers, [[*(person(1).get(h, "") for h in HEADERS), "other@example.dk"]]).encode("utf-8")
    result = import_raw(world, raw)
    assert [(e.line, e.field, e.message) for e in result.errors] == [
        (1, "E-mail", f"Kolonnen står to gange i overskriften (kolonne 2 og {len(headers)}).")
    ]
    assert saved_emails(world) == []


def test_bytes_in_no_known_encoding_are_a_danish_error(world):
    result = import_raw(world, b"Navn;E-mail\r\n\x81\x8d\x8f\x90\x9d;x\r\n")
    assert [(e.line, e.message) for e in result.errors] == [(1, "Filen kunne ikke læses. Gem den som CSV (UTF-8).")]
    assert saved_emails(world) == []


def test_contract_dates_outside_the_plausible_range_are_refused(world):
    raw = csv_bytes(person(1, Kontraktstart="01-01-9999"), person(2, Kontraktophør="31-12-1900"), person(3))
    result = import_raw(world, raw)
    messages = {(e.line, e.field): e.message for e in result.errors}
    assert set(messages) == {(2, "Kontraktstart"), (3, "Kontraktophør")}
    assert messages[(2, "Kontraktstart")].startswith("Datoen skal ligge mellem 1. januar 1950 og ")
    assert saved_emails(world) == []
