"""The compensation (frikøb) arithmetic, pure: no database, so it is easy to test and to trust.

Only the company mentor's hours on the mentor role count. Transport time, travel costs and wages
during sickness are never compensated, so a claim has no field for them at all.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Rounds to øre the way a payslip does (half up)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Amounts:
    wage: Decimal
    holiday_pay: Decimal
    pension: Decimal
    employer_contribution: Decimal

    @property
    def total(self) -> Decimal:
        return self.wage + self.holiday_pay + self.pension + self.employer_contribution


def calculate(
    *,
    hours: Decimal,
    hourly_wage: Decimal,
    holiday_pay_pct: Decimal,
    pension_pct: Decimal,
    employer_contribution_pct: Decimal,
) -> Amounts:
    """hours × hourly wage, plus each addition as a percentage of that wage amount; each rounded to øre."""
    wage = money(hours * hourly_wage)
    return Amounts(
        wage=wage,
        holiday_pay=money(wage * holiday_pay_pct / 100),
        pension=money(wage * pension_pct / 100),
        employer_contribution=money(wage * employer_contribution_pct / 100),
    )


def first_of_month(value: date) -> date:
    return value.replace(day=1)
