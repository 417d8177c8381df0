"""Date arithmetic for agreement periods (no dependency on dateutil)."""

import calendar
from datetime import date

MAX_AGREEMENT_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_agreement_end(starts_on: date) -> date:
    """A mentor agreement may run at most 6 months: from 1 March it may end on 1 September at the latest."""
    return add_months(starts_on, MAX_AGREEMENT_MONTHS)
