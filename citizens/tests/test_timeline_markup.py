"""`{% timeline_events %}` writes the timeline's items exactly as the template loop it replaced did: every kind of
event (with and without a link, a detail with line breaks, meta lines), each value escaped."""

import datetime

from django.template import engines

from citizens.selectors.timeline import TimelineEvent

# The loop templates/citizens/citizen_timeline.html had; the tag must write what it wrote.
LOOP = (
    '{% load dk %}<ol class="citizens-timeline">\n'
    "{% for event in events %}\n"
    '  <li class="citizens-event citizens-event--{{ event.kind }}">\n'
    '    <p class="citizens-event-date"><time datetime="{{ event.on|dk_date:"Y-m-d" }}">'
    "{{ event.on|dk_date }}</time></p>\n"
    '    <h2 class="h5">{% if event.url %}<a href="{{ event.url }}">{{ event.title }}</a>'
    "{% else %}{{ event.title }}{% endif %}</h2>\n"
    "    {% if event.detail %}<p>{{ event.detail|linebreaksbr }}</p>{% endif %}\n"
    '    {% for line in event.extra %}<p class="citizens-event-meta">{{ line }}</p>{% endfor %}\n'
    "  </li>\n"
    "{% endfor %}\n"
    "</ol>"
)

TAG = """{% load timeline %}<ol class="citizens-timeline">
{% timeline_events events %}
</ol>"""

EVENTS = [
    TimelineEvent(
        datetime.date(2026, 10, 25), 5, "follow_up", "Opfølgning: <telefon>", "Linje 1\nLinje 2 & <b>",
        "/borgere/forloeb/7/", ["Af Anne \"A\" Hansen", "Næste skridt: <ring>"],
    ),
    TimelineEvent(datetime.date(2026, 1, 2), 7, "activity", "Borger oprettet", extra=["Af systemet"]),
    TimelineEvent(datetime.date(2025, 12, 31), 0, "referral", "Henvist", "Målgruppe: Ledige 'over' 50"),
    TimelineEvent(datetime.date(2024, 2, 29), 9, "outcome", "Afsluttet: Ordinært job", url="/a?b=1&c=2"),
]  # fmt: skip


def _render(source: str, events) -> str:
    return engines["django"].from_string(source).render({"events": events})


def test_the_tag_writes_what_the_loop_wrote():
    html = _render(TAG, EVENTS)
    assert html == _render(LOOP, EVENTS)
    assert "Linje 1<br>Linje 2 &amp; &lt;b&gt;" in html
    assert 'href="/a?b=1&amp;c=2"' in html
    assert "25. oktober 2026" in html


def test_no_events_no_items():
    assert _render(TAG, []) == _render(LOOP, [])
