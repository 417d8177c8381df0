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
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
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
    _PK_URLS.clear()


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


@register.filter
def status_badge(item):
    """The item's status as a DKFDS badge: its status_badge class (a rule on its model) and its status label.
    `includes/status_badge.html` renders this; lists call it per row, as a template include costs each row a
    template render (~0.1 ms) for one <span>."""
    css = getattr(item, "status_badge", "")
    if callable(css):  # as the template called it
        css = css()
    return format_html('<span class="badge{}">{}</span>', f" {css}" if css else "", label(item, "status"))


# A number no URL prefix holds; the view's URL is reversed once with it, then each pk takes its place.
_PK_SENTINEL = 918273645
_PK_URLS: dict[tuple, tuple[str, str] | None] = {}


@register.filter
def pk_url(pk, viewname):
    """`{% url viewname pk=pk %}` for a list's rows: `{{ citizen.pk|pk_url:"citizens:detail" }}`.

    The URL is reversed once per view name (and script prefix and URLconf, which it depends on) with a
    sentinel pk, and each row's pk is put in its place: a `{% url %}` a row cost a list of 50 rows ~50
    reverse() calls. A URL the sentinel does not split into exactly two parts is reversed as Django does."""
    key = (viewname, get_script_prefix(), get_urlconf())
    if key not in _PK_URLS:
        parts = reverse(viewname, kwargs={"pk": _PK_SENTINEL}).split(str(_PK_SENTINEL))
        _PK_URLS[key] = (parts[0], parts[1]) if len(parts) == 2 else None
    parts = _PK_URLS[key]
    if parts is None:
        return reverse(viewname, kwargs={"pk": pk})
    return f"{parts[0]}{int(pk)}{parts[1]}"


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


@register.filter
def page_numbers(page):
    """The page numbers a counted page's pager shows (includes/pager.html): the first and the last, two on each
    side of the current one, and None where numbers are left out (DKFDS's overflow item). Django's elided range,
    so the pager never walks every page of a long list: a year of the outbox is 4,000 pages."""
    range_ = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [number if isinstance(number, int) else None for number in range_]
