"""mentorship/templatetags/dk.py: `{% load dk %}`'s dates and times are exactly Django's own `|date`/`|time`
output in the product's styles, remembered; and Django's own filters stay Django's."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Engine, defaultfilters, engines
from django.test import override_settings
from django.utils import timezone, translation

from mentorship.templatetags import dk

# Django's filters alone: an engine without the project's libraries.
DJANGO = Engine(libraries={}, builtins=[])
OURS = (
    '{% load dk %}{{ d|dk_date:"D j. F Y H.i T" }}|{{ d|dk_date:"c" }}|{{ d|dk_date }}|{{ d|dk_time }}'
    '|{{ d|dk_date:"long_time" }}|{{ d|dk_date:"short" }}|{{ day|dk_date:"l j. M" }}|{{ day|dk_date:"weekday" }}'
)
THEIRS = (
    '{{ d|date:"D j. F Y H.i T" }}|{{ d|date:"c" }}|{{ d|date:"j. F Y" }}|{{ d|time:"H.i" }}'
    '|{{ d|date:"j. F Y \\k\\l. H.i" }}|{{ d|date:"d.m.Y" }}|{{ day|date:"l j. M" }}|{{ day|date:"l j. F Y" }}'
)
AWARE = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)  # the night Denmark moves to summer time
# The night it moves back: 02.30 CEST and, an hour later, 02.30 CET (equal in Copenhagen but for `fold`).
BACK = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)
VALUES = [
    {"d": BACK, "day": None},
    {"d": BACK + datetime.timedelta(hours=1), "day": None},
    {"d": AWARE, "day": datetime.date(2026, 12, 24)},
    {"d": AWARE + datetime.timedelta(hours=1), "day": datetime.date(2026, 5, 1)},
    {"d": datetime.datetime(2026, 1, 2, 8, 5), "day": None},  # naive
    {"d": None, "day": ""},
    {"d": "not a date", "day": ["unhashable"]},
]


def render_both(context: dict) -> tuple[str, str]:
    ours = engines["django"].from_string(OURS).render(context)
    theirs = DJANGO.from_string(THEIRS).render(Context(context))
    return ours, theirs


@pytest.fixture(autouse=True)
def empty_caches():
    dk._date.cache_clear()
    dk._time.cache_clear()


def test_djangos_date_and_time_filters_are_djangos_own():
    engine = engines["django"].engine
    for library in engine.template_builtins:
        assert library.filters.get("date", defaultfilters.date) is defaultfilters.date
        assert library.filters.get("time", defaultfilters.time) is defaultfilters.time
    assert "dk" not in [getattr(library, "__module__", "") for library in engine.template_builtins]
    # ... and a template that does not load dk cannot use its filters.
    with pytest.raises(Exception, match="dk_date"):
        engines["django"].from_string("{{ d|dk_date }}")


def test_the_product_styles():
    day = datetime.date(2026, 10, 25)
    moment = datetime.datetime(2026, 10, 25, 13, 30, tzinfo=datetime.UTC)
    with translation.override("da"), timezone.override(ZoneInfo("Europe/Copenhagen")):
        assert dk.dk_date(day) == "25. oktober 2026"
        assert dk.dk_date(day, "short") == "25.10.2026"
        assert dk.dk_date(day, "month") == "oktober 2026"
        assert dk.dk_date(day, "weekday") == "søndag 25. oktober 2026"
        rendered = engines["django"].from_string('{% load dk %}{{ m|dk_date:"long_time" }}/{{ m|dk_time }}')
        assert rendered.render({"m": moment}) == "25. oktober 2026 kl. 14.30/14.30"


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("zone", ["Europe/Copenhagen", "America/Nuuk"])
def test_same_output_as_django_in_every_language_and_time_zone(language, zone):
    with translation.override(language), timezone.override(ZoneInfo(zone)):
        for context in VALUES:
            for _twice in range(2):  # the second time from the cache
                ours, theirs = render_both(context)
                assert ours == theirs
    assert dk._date.cache_info().hits > 0


def test_the_cache_keeps_languages_and_time_zones_apart():
    context = {"d": AWARE, "day": datetime.date(2026, 12, 24)}
    with translation.override("da"):
        danish = render_both(context)[0]
    with translation.override("en"):
        english = render_both(context)[0]
    with translation.override("da"), timezone.override(ZoneInfo("America/Nuuk")):
        nuuk = render_both(context)[0]
    assert "marts" in danish and "March" in english
    assert "01.30" in danish  # 00:30 UTC is 01:30 in Copenhagen (CET) ...
    assert "22.30" in nuuk  # ... and 22:30 the day before in Nuuk
    assert len({danish, english, nuuk}) == 3


def test_fixed_offset_zones_keep_their_own_names():
    # datetime.timezone objects are equal when their offsets are: GMT and UTC, "CET" and +01:00.
    instant = datetime.datetime(2026, 1, 2, 8, 5, tzinfo=datetime.UTC)
    for zone in (
        datetime.timezone(datetime.timedelta(0), "GMT"),
        datetime.UTC,
        datetime.timezone(datetime.timedelta(hours=1), "CET"),
        timezone.get_fixed_timezone(60),
    ):
        with timezone.override(zone):
            ours, theirs = render_both({"d": instant, "day": None})
            assert ours == theirs, zone


def test_naive_datetimes_follow_the_time_zone_setting():
    context = {"d": datetime.datetime(2026, 1, 2, 8, 5), "day": None}
    first = render_both(context)
    assert first[0] == first[1]
    with override_settings(TIME_ZONE="America/Nuuk"):
        ours, theirs = render_both(context)
        assert ours == theirs and ours != first[0]
    assert render_both(context) == first


def test_a_change_of_settings_empties_the_caches():
    source = '{% load dk %}{{ d|dk_date:"c" }}|{{ d|dk_date:"" }}'
    context = {"d": AWARE}
    first = engines["django"].from_string(source).render(context)
    # DATE_FORMAT too, so that Django empties its own format cache (a module path alone does not).
    with override_settings(FORMAT_MODULE_PATH="tests.formats", DATE_FORMAT="j.n.Y"):
        ours = engines["django"].from_string(source).render(context)
        assert ours == DJANGO.from_string('{{ d|date:"c" }}|{{ d|date }}').render(Context(context))
        assert ours.endswith("|2026-03-29")  # an empty format is the format module's DATE_FORMAT
    assert engines["django"].from_string(source).render(context) == first


# Formats a template may pass to dk_date besides the named styles: parts of a date (a calendar's month and
# day number, a table head's "man 2. feb", a week's year) and machine formats (links, <time datetime>).
DATE_PARTS = {"F", "Y", "j", "j. F", "D j. M", "Y-m", "Y-m-d"}
DATE_FILTER = re.compile(r"\|(date|time|dk_date|dk_time)\b(?::(\"[^\"]*\"|'[^']*'|[\w.]+))?")


def date_filters(source: str) -> list[tuple[str, str]]:
    """(filter, argument) of every date or time filter in a template's source."""
    return [(name, argument.strip("\"'")) for name, argument in DATE_FILTER.findall(source)]


def test_every_template_writes_dates_in_the_one_style():
    assert date_filters('{{ d|date:"j. M Y" }}{{ d|dk_date }}{{ d|dk_date:"short" }}') == [
        ("date", "j. M Y"),
        ("dk_date", ""),
        ("dk_date", "short"),
    ]
    found, checked = {}, 0
    for path in Path(settings.TEMPLATES[0]["DIRS"][0]).rglob("*"):
        if path.suffix not in {".html", ".txt"}:
            continue
        for name, argument in date_filters(path.read_text(encoding="utf-8")):
            checked += 1
            allowed = {"dk_date": {"", *dk.STYLES, *DATE_PARTS}, "dk_time": {""}}.get(name, set())
            if argument not in allowed:
                found.setdefault(str(path), []).append(f"|{name}:{argument}")
    assert checked > 100
    assert not found, f"Use {{% load dk %}} and a named style ({', '.join(dk.STYLES)}): {found}"


def test_status_badge_writes_what_the_include_wrote():
    """`{{ item|status_badge }}` (and includes/status_badge.html, which now calls it) gives the markup the include
    wrote itself: the model's badge class when it has one, its status label, escaped."""
    from citizens.models import Citizen, CitizenStatus

    old = (
        '{% load dk %}<span class="badge{% if item.status_badge %} {{ item.status_badge }}{% endif %}">'
        '{{ item|label:"status" }}</span>'
    )
    classes = set()
    for status in CitizenStatus:
        item = Citizen(status=status)
        classes.add(item.status_badge)
        expected = engines["django"].from_string(old).render({"item": item})
        assert engines["django"].from_string("{% load dk %}{{ item|status_badge }}").render({"item": item}) == expected
        include = engines["django"].from_string('{% include "includes/status_badge.html" %}')
        assert include.render({"item": item}) == expected
    assert "" in classes and len(classes) > 1  # both kinds of badge were compared


def test_pk_url_is_reverse_for_every_pk_and_script_prefix():
    """`{{ pk|pk_url:"name" }}` reverses once per view name, script prefix and URLconf, and each pk takes the
    sentinel's place: the same URL as `{% url %}`, under another script prefix too (not a remembered one)."""
    from django.urls import reverse, set_script_prefix

    template = engines["django"].from_string("{% load dk %}{{ pk|pk_url:name }}")
    names = ("citizens:detail", "corps:mentor_detail", "portal:placement_detail", "portal:placement_answer")
    try:
        for prefix in ("/", "/mentor/"):
            set_script_prefix(prefix)
            for name in names:
                for pk in (1, 7, 918273645, 2**40):
                    url = template.render({"pk": pk, "name": name})
                    assert url == reverse(name, kwargs={"pk": pk})
                    assert url.startswith(prefix)
    finally:
        set_script_prefix("/")
