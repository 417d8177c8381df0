"""Django's `date` and `time` template filters, remembered.

Installed as template builtins (settings.TEMPLATES' "builtins", loaded after Django's own), so every
template's `|date` and `|time` are these. The output is Django's own: the same filter, called once per
(value, format, language) and then looked up. Formatting a date costs about 35 µs (the format string is
read character by character and each month or weekday name is a gettext call); the portal's course list
formats about 400 dates a page and the lists 50 to 150, mostly the same few days again and again.

The key holds everything the output depends on:
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

register = template.Library()

_SIZE = 8192


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
def date(value, arg=None):
    """Django's `date` filter (see the module docstring)."""
    return _remembered(_date, defaultfilters.date, value, arg)


@register.filter(expects_localtime=True, is_safe=False)
def time(value, arg=None):
    """Django's `time` filter (see the module docstring)."""
    return _remembered(_time, defaultfilters.time, value, arg)
