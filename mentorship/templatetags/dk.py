"""Danish dates, times and choice labels for templates, remembered: `{% load dk %}`.

The product writes dates in one style:

    {{ day|dk_date }}                     25. oktober 2026
    {{ day|dk_date:"short" }}             25.10.2026
    {{ moment|dk_date:"long_time" }}      25. oktober 2026 kl. 14.30
    {{ moment|dk_date:"short_time" }}     25.10.2026 14.30
    {{ day|dk_date:"weekday" }}           søndag 25. oktober 2026
    {{ moment|dk_date:"weekday_time" }}   søndag 25. oktober 2026 kl. 14.30
    {{ day|dk_date:"month" }}             oktober 2026
    {{ day|dk_date:"D j. M" }}            any other Django date format, as Django's `date` filter reads it
    {{ moment|dk_time }}                  14.30
    {{ mentor|label:"status" }}           mentor.get_status_display(), from a dict built once per field
    {{ amount|dk_money }}                 57.629,50 kr.   (mentorship.numbers, as PDFs and exports write it)
    {{ hours|dk_hours }}                  40,0
    {{ count|dk_number }}                 1.234           {{ value|dk_number:2 }} 12,50

The output is Django's own `date` filter's (and Django's own choice label), remembered: formatting a date
costs about 35 µs (the format string is read character by character and each month or weekday name is a
gettext call), a remembered one about 8 µs; the portal's course list formats about 400 dates a page and the
lists 50 to 150, mostly the same few days again and again. Django's `|date` and `|time` are left as Django
made them; these filters have their own names so a reader sees what runs.

The cache key holds everything the output depends on:
- an aware datetime is given in the current time zone (expects_localtime, as Django's filters); its
  zone, `fold`, zone name and offset are in the key, because aware datetimes of the same instant are
  equal and hash alike in any two zones (and fixed-offset zones compare by offset only), yet print
  differently;
- a naive datetime is formatted in settings.TIME_ZONE, so it is not remembered at all (the product
  stores aware datetimes; naive ones are rare);
- formats and time zones come from settings, so any change of settings (override_settings in tests)
  empties the caches, as Django empties its own format cache.
"""

import datetime
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.utils.translation import get_language

from mentorship import choices, numbers

register = template.Library()

_SIZE = 8192

# The product's date styles by name; any other argument is a Django date format string.
STYLES = {
    "long": "j. F Y",
    "short": "d.m.Y",
    "long_time": r"j. F Y \k\l. H.i",
    "short_time": "d.m.Y H.i",
    "weekday": "l j. F Y",
    "weekday_time": r"l j. F Y \k\l. H.i",
    "month": "F Y",
}
TIME = "H.i"


@lru_cache(maxsize=_SIZE)
def _date(value, arg, kind, zone, language):
    return defaultfilters.date(value, arg)


@lru_cache(maxsize=_SIZE)
def _time(value, arg, kind, zone, language):
    return defaultfilters.time(value, arg)


def _remembered(cached, uncached, value, arg):
    zone = None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return uncached(value, arg)
        zone = (value.tzinfo, value.fold, value.tzname(), value.utcoffset())
    try:
        return cached(value, arg, type(value), zone, get_language())
    except TypeError:  # an unhashable value: Django's filter decides what to show
        return uncached(value, arg)


@receiver(setting_changed)
def _forget(**kwargs):
    _date.cache_clear()
    _time.cache_clear()


@register.filter(expects_localtime=True, is_safe=False)
def dk_date(value, style="long"):
    """The value as Django's `date` filter writes it in the named style (see the module docstring)."""
    return _remembered(_date, defaultfilters.date, value, STYLES.get(style, style))


@register.filter(expects_localtime=True, is_safe=False)
def dk_time(value):
    """The time of day as Django's `time` filter writes "H.i": 14.30."""
    return _remembered(_time, defaultfilters.time, value, TIME)


@register.filter(is_safe=False)
def label(obj, field_name):
    """obj.get_<field_name>_display(), looked up in a dict built once per field (mentorship.choices).

    Like `{{ obj.get_status_display }}`, an absent object (None, a missing variable) shows as nothing."""
    if not hasattr(obj, "_meta"):
        display = getattr(obj, f"get_{field_name}_display", None)
        return display() if callable(display) else ""
    return choices.label(obj, field_name)


@register.filter(is_safe=False)
def dk_number(value, places=None):
    """A number in Danish notation (mentorship.numbers.dk_number): 1.234 and, with places, 12,50."""
    return numbers.dk_number(value, None if places is None else int(places))


@register.filter(is_safe=False)
def dk_money(value):
    """An amount in kroner: 57.629,50 kr."""
    return numbers.dk_money(value)


@register.filter(is_safe=False)
def dk_hours(value):
    """Hours with one decimal: 40,0."""
    return numbers.dk_hours(value)
