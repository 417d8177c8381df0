"""`manage.py import_postcodes` with the files an operator actually has: every problem is one Danish
CommandError naming the line, never a traceback, and nothing is saved."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from matching.models import PostcodeLocation

pytestmark = pytest.mark.django_db

HEADER = "postnummer;navn;breddegrad;længdegrad\n"


def run(path) -> str:
    out = StringIO()
    call_command("import_postcodes", path, stdout=out)
    return out.getvalue().strip()


def test_windows_1252_file_is_read(tmp_path):
    path = tmp_path / "postnumre.csv"
    path.write_bytes((HEADER + "8000;Århus C;56,1567;10,2108\n9800;Hjørring;57,46;9,98\n").encode("cp1252"))
    assert run(path) == "2 postnumre indlæst."
    assert PostcodeLocation.objects.get(code="8000").name == "Århus C"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "Filen er tom.", id="empty"),
        pytest.param(b"\r\n  \r\n", "Filen er tom.", id="blank-lines"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x81\x8d\x8f\x90\x9d" + bytes(range(256)),
            "Filen kan ikke læses som tekst. Gem den som CSV (UTF-8).",
            id="binary-junk",
        ),
        pytest.param(
            b"PK\x03\x04" + b"\x00\x14\x00" * 200,
            "Linje 1: filen indeholder et NUL-tegn. Er det en CSV-fil? Gem den som CSV (UTF-8).",
            id="zip-junk",
        ),
        pytest.param(
            b"postnummer\n8450\n",
            "Filen skal have kolonnerne postnummer, navn, breddegrad og længdegrad (eller DAWA's nr, navn, "
            "visueltcenter_x og visueltcenter_y), adskilt af semikolon eller komma.",
            id="header-without-delimiter",
        ),
        pytest.param(
            (HEADER + "8450;Hammel;56,2;9,8\n8000;Aar\x00hus;56,1;10,2\n").encode(),
            "Linje 3: filen indeholder et NUL-tegn. Er det en CSV-fil? Gem den som CSV (UTF-8).",
            id="nul-byte",
        ),
        pytest.param(
            (HEADER + "8450;Hammel;NaN;9,8\n").encode(),
            "Linje 2: breddegraden skal være et tal mellem 54 og 58, ikke “NaN”.",
            id="nan-latitude",
        ),
        pytest.param(
            (HEADER + "8450;Hammel;56,2;inf\n").encode(),
            "Linje 2: længdegraden skal være et tal mellem 7 og 16, ikke “inf”.",
            id="infinite-longitude",
        ),
        pytest.param(
            (HEADER + "8450;Hammel;56,2;ni\n").encode(),
            "Linje 2: længdegraden skal være et tal mellem 7 og 16, ikke “ni”.",
            id="word-for-a-number",
        ),
        pytest.param(
            (HEADER + "8450;Hammel;56,2\n").encode(),
            "Linje 2: længdegraden skal være et tal mellem 7 og 16, ikke “”.",
            id="short-row",
        ),
        pytest.param(
            (HEADER + "845;Forkert;56,1;10,2\n").encode(),
            "Linje 2: postnummeret skal være fire cifre, ikke “845”.",
            id="three-digit-postcode",
        ),
        pytest.param(
            (HEADER + "8450;Hammel;56,2;9,8\n8000;Aarhus C;56,1;10,2\n8450;Hammel igen;56,3;9,9\n").encode(),
            "Linje 4: postnummer 8450 står også i linje 2.",
            id="postcode-twice",
        ),
        pytest.param(HEADER.encode(), "Filen indeholder ingen postnumre.", id="header-only"),
    ],
)
def test_bad_files_give_a_danish_error_and_save_nothing(tmp_path, content, message):
    path = tmp_path / "postnumre.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        run(path)
    assert str(raised.value) == message
    assert not PostcodeLocation.objects.exists()


def test_too_long_town_name_gets_djangos_danish_message(tmp_path):
    path = tmp_path / "postnumre.csv"
    path.write_text(HEADER + "8450;" + "H" * 81 + ";56,2;9,8\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"^Linje 2: by: .*80") as raised:
        run(path)
    assert "Ensure" not in str(raised.value)
    assert not PostcodeLocation.objects.exists()


def test_missing_file_and_a_directory(tmp_path):
    with pytest.raises(CommandError, match=r"^Filen .*findes-ikke\.csv findes ikke\.$"):
        run(tmp_path / "findes-ikke.csv")
    with pytest.raises(CommandError, match=r"^Filen .* kan ikke læses \("):
        run(tmp_path)
