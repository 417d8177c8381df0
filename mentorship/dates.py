"""Plausible dates: the one rule every form's date field follows.

A date field accepts any date Python can hold, so a slip of the keyboard (9999-12-31, 1900-01-01) used
to pass validation and then fail deeper down (a course's days past year 9999 raise OverflowError, a 500)
or sit in the data as nonsense. Every date a user types falls in a range that fits what the date is:

- BIRTH: a birth date, from 1 January 1900 up to today;
- EVENT: something that has happened or is being recorded (a referral, a meeting held, an assessment,
  a completed course, hours worked), from 1 January 1950 to a year ahead;
- PLAN: something scheduled or agreed (a course day, a deadline, an agreement's or contract's period, a
  goal, a search range), from 1 January 1950 to ten years ahead.

Outside its range a date gets one clear Danish message naming the range. The rule is a validator, so it
runs on the field's value before any form's clean() builds on it. Forms declare their date fields with
the field classes below, and ModelForms name them in `Meta.field_classes`; a test walks every form in
the product and fails on a date field without the rule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DateKind:
    name: str
    earliest: datetime.date
    years_ahead: int

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        today = today or timezone.localdate()
        return self.earliest, _years_after(today, self.years_ahead)

    def range_message(self, today: datetime.date | None = None) -> str:
        """The Danish message for a date outside this kind's range (for checks outside a form, e.g. imports)."""
        earliest, latest = self.bounds(today)
        return str(RANGE_MESSAGE) % {"earliest": formats.date_format(earliest), "latest": formats.date_format(latest)}


RANGE_MESSAGE = _("Datoen skal ligge mellem %(earliest)s og %(latest)s.")


BIRTH = DateKind("birth", datetime.date(1900, 1, 1), 0)
EVENT = DateKind("event", datetime.date(1950, 1, 1), 1)
PLAN = DateKind("plan", datetime.date(1950, 1, 1), 10)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


@deconstructible
class PlausibleDateValidator:
    """Refuses a date (or the date of a datetime) outside its kind's range, counted from today."""

    code = "implausible_date"
    message = RANGE_MESSAGE

    def __init__(self, kind: DateKind = PLAN):
        self.kind = kind

    def __call__(self, value) -> None:
        if value is None:
            return
        day = timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value
        earliest, latest = self.kind.bounds()
        if not earliest <= day <= latest:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"earliest": formats.date_format(earliest), "latest": formats.date_format(latest)},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlausibleDateValidator) and other.kind == self.kind


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it sends and expects."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


class PlausibleDateField(forms.DateField):
    """A date field with the plausible-range rule of its `kind` (PLAN unless a subclass or the caller says)."""

    widget = DateInput
    kind = PLAN

    def __init__(self, *, kind: DateKind | None = None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind or self.kind
        self.validators.append(PlausibleDateValidator(self.kind))


class EventDateField(PlausibleDateField):
    kind = EVENT


class PlanDateField(PlausibleDateField):
    kind = PLAN


class BirthDateField(PlausibleDateField):
    kind = BIRTH


class PlanDateTimeField(forms.DateTimeField):
    """A date and time that is scheduled (an interview): the PLAN range, on its local date."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(PlausibleDateValidator(PLAN))


def has_plausible_range(field: forms.Field) -> bool:
    """True when a form field's values are held to a plausible date range (what the walking test checks)."""
    return any(isinstance(v, PlausibleDateValidator) for v in field.validators)


class PlausibleDateFilter(django_filters.DateFilter):
    """django-filter's date filter with the PLAN range (report and list filters search past and planned dates)."""

    field_class = PlanDateField


def with_plausible_range(db_field, formfield):
    """`formfield` (made from the model field `db_field`, e.g. by Django admin) with the plausible-range rule
    when the model field holds a date or a datetime: BIRTH for a birth date, else PLAN (admin corrects both
    past and planned dates)."""
    if formfield is not None and isinstance(db_field, models.DateField) and not has_plausible_range(formfield):
        formfield.validators.append(PlausibleDateValidator(BIRTH if db_field.name == "birth_date" else PLAN))
    return formfield


class PlausibleDatesAdminMixin:
    """For admin inlines (RoleAwareAdmin does the same for every ModelAdmin): date fields get their range."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return with_plausible_range(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))
