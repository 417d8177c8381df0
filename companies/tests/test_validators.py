from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from companies.compensation import calculate
from companies.exports import safe_text
from companies.tests.factories import cvr_with_check_digit
from companies.validators import cvr_is_valid, normalise_cvr, validate_cvr, validate_p_number


@pytest.mark.parametrize("cvr", ["25716639", "12345674", cvr_with_check_digit("2940281")])
def test_valid_cvr_numbers_pass(cvr):
    assert cvr_is_valid(cvr)
    validate_cvr(cvr)


@pytest.mark.parametrize("cvr", ["29402814", "12345678", "25716638"])
def test_a_wrong_check_digit_is_refused_with_a_danish_message(cvr):
    with pytest.raises(ValidationError) as error:
        validate_cvr(cvr)
    assert "kontrolcifferet passer ikke" in error.value.messages[0]
    assert cvr in error.value.messages[0]


@pytest.mark.parametrize("cvr", ["1234567", "123456789", "1234567a", ""])
def test_a_cvr_number_must_be_eight_digits(cvr):
    with pytest.raises(ValidationError) as error:
        validate_cvr(cvr)
    assert "8 cifre" in error.value.messages[0]


def test_cvr_starting_with_zero_is_not_valid():
    assert not cvr_is_valid("01234567")


def test_normalise_cvr_accepts_spaces_and_the_dk_prefix():
    assert normalise_cvr(" DK 25 71 66 39 ") == "25716639"
    assert normalise_cvr("2571-6639") == "25716639"


def test_p_number_is_ten_digits_or_empty():
    validate_p_number("")
    validate_p_number("1003378412")
    with pytest.raises(ValidationError):
        validate_p_number("12345")


def test_compensation_is_hours_times_wage_plus_percent_additions_rounded_to_oere():
    amounts = calculate(
        hours=Decimal("7.5"),
        hourly_wage=Decimal("243.37"),
        holiday_pay_pct=Decimal("12.5"),
        pension_pct=Decimal("8"),
        employer_contribution_pct=Decimal("1.5"),
    )
    assert amounts.wage == Decimal("1825.28")  # 1825.275 rounds half up
    assert amounts.holiday_pay == Decimal("228.16")
    assert amounts.pension == Decimal("146.02")
    assert amounts.employer_contribution == Decimal("27.38")
    assert amounts.total == Decimal("2226.84")


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+45 1234", "-1", "@SUM(A1)", "\tx"])
def test_export_cells_that_look_like_formulas_are_escaped(text):
    assert safe_text(text) == "'" + text


def test_ordinary_export_cells_are_unchanged():
    assert safe_text("Hammel Maskinfabrik A/S") == "Hammel Maskinfabrik A/S"
