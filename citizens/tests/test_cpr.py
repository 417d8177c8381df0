import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from citizens import cpr


@pytest.mark.parametrize(
    ("number", "born"),
    [
        ("010190-1234", datetime.date(1990, 1, 1)),  # 7th digit 0-3: 1900s
        ("0101904234", datetime.date(1990, 1, 1)),  # 4 and 37-99: 1900s
        ("010110-4234", datetime.date(2010, 1, 1)),  # 4 and 00-36: 2000s
        ("010110-5234", datetime.date(2010, 1, 1)),  # 5-8 and 00-57: 2000s
        ("010160-6234", datetime.date(1860, 1, 1)),  # 5-8 and 58-99: 1800s
        ("290200-9234", datetime.date(2000, 2, 29)),  # 9 and 00-36: 2000s, a leap day
        ("010150-9234", datetime.date(1950, 1, 1)),  # 9 and 37-99: 1900s
    ],
)
def test_century_from_seventh_digit(number, born):
    normalised, birth_date = cpr.parse(number)
    assert birth_date == born
    assert len(normalised) == 10 and normalised.isdigit()


@pytest.mark.parametrize("number", ["310290-1234", "320190-1234", "011390-1234", "12345", "abcdefghij", ""])
def test_invalid_numbers_are_refused_in_danish(number):
    with pytest.raises(ValidationError) as error:
        cpr.parse(number)
    assert "CPR" in error.value.messages[0] or "fødselsdato" in error.value.messages[0]


def test_future_birth_date_is_refused():
    with pytest.raises(ValidationError):
        cpr.parse("010130-4234")  # 2030


@time_machine.travel(datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_a_child_born_today_in_copenhagen_is_accepted_while_the_server_clock_says_yesterday():
    # 00:30 on 8 December in Copenhagen is 23:30 on the 7th in UTC.
    assert cpr.parse("081226-4234")[1] == datetime.date(2026, 12, 8)
    with pytest.raises(ValidationError):
        cpr.parse("091226-4234")


def test_no_modulus_11_check():
    cpr.parse("010190-1235")  # fails modulus 11, yet valid since 2007


def test_hash_is_keyed_and_stable(settings):
    first = cpr.search_hash("0101901234")
    assert first == cpr.search_hash("0101901234")
    assert "0101901234" not in first
    settings.CPR_HASH_KEY = "another-key-of-sufficient-length"
    assert cpr.search_hash("0101901234") != first


def test_encryption_round_trip_and_rotation(settings):
    from cryptography.fernet import Fernet

    token = cpr.encrypt("0101901234")
    assert "0101901234" not in token
    assert cpr.decrypt(token) == "0101901234"
    settings.CPR_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.CPR_ENCRYPTION_KEYS]
    assert cpr.decrypt(token) == "0101901234"  # old tokens still open after a new key is put first


def test_masked_shows_birth_date_only():
    assert cpr.masked(datetime.date(1990, 1, 1)) == "010190-XXXX"
    assert cpr.masked(None) == ""
