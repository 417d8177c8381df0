"""Rendering messages in Danish from templates, and building the e-mail that is sent."""

import re
from dataclasses import dataclass
from email.utils import formataddr
from functools import lru_cache
from html import escape as html_escape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeData, SafeString, mark_safe

# A CPR number: DDMMYY, optional dash or space, four digits. Day and month must be plausible.
CPR_PATTERN = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)")


class SensitiveDataError(ValueError):
    """A rendered message contains what looks like a CPR number; it is never stored or sent."""


# The same test, fast: a match of CPR_PATTERN starts where a run of at least six digits starts (no digit before
# it), so only those places are tried, anchored, instead of every position of the text (29 µs → about 4 µs for a
# weekly reminder's 500 characters). notifications/tests/test_send_bytes.py compares the two on random texts.
_DIGIT_RUN = re.compile(r"\d{6,}")
_CPR_AT = re.compile(r"(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)")


def contains_cpr(text: str) -> bool:
    if not text:
        return False
    match_at = _CPR_AT.match
    return any(match_at(text, run.start()) for run in _DIGIT_RUN.finditer(text))


def render(
    *, subject_template: str, text_template: str, html_template: str | None, context: dict
) -> tuple[str, str, str]:
    """Renders subject, plain text and HTML in Danish. Raises SensitiveDataError on anything like a CPR number."""
    with translation.override("da"):
        subject = " ".join(render_to_string(subject_template, context).split())
        text = render_to_string(text_template, context).strip() + "\n"
        html = render_to_string(html_template, context) if html_template else ""
    for part in (subject, text, html):
        if contains_cpr(part):
            raise SensitiveDataError("A rendered message contains something that looks like a CPR number.")
    return subject[:300], text, html


def message_id_for(message) -> str:
    """A Message-ID that is the same every time this outbox row is sent (a retry after a crash, a timeout after
    the relay had accepted it), so that receiving systems can drop the repeat; a coordinator's deliberate
    resend counts up `resends` and gets a new one."""
    return f"<outbox.{message.jobcenter_id}.{message.pk}.{message.resends}@{_domain(settings.SITE_URL)}>"


@lru_cache(maxsize=8)
def _domain(site_url: str) -> str:
    return urlsplit(site_url).hostname or "mentorordning.localhost"


def email_for(message) -> EmailMultiAlternatives:
    """The e-mail for one outbox row (already rendered)."""
    to = formataddr((message.recipient_name, message.recipient_email))
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "Message-ID": message_id_for(message),
            "X-Mentorordning-Message": f"{message.jobcenter_id}-{message.pk}",
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for filename, content, mimetype in message.attachments:
        email.attach(filename, content, mimetype)
    return email


# --- Fast rendering for set-based fan-outs ---------------------------------------------------------------
# A weekly fan-out renders hundreds of thousands of messages that differ only in a few names. The templates
# are rendered once per kind and "shape" (which context values are empty) with markers in place of the
# values, and each message is then made by replacing the markers (HTML-escaped in the HTML part). Deferred
# kinds must therefore use plain `{{ name }}` for their (string) context values, no filters on them;
# notifications/tests/test_sensitive_data.py proves the result equals a normal rendering for every such kind.

_MARK = "\ue000{}\ue001"  # private-use characters: not whitespace, not escaped
# A CPR number is at most 11 characters of digits with one "-" or " ". In the rendered text one that is not
# wholly inside the template or wholly inside one value must run across a value's edge, so the template has
# a digit (or, between two values, nothing but a separator) right at that edge. Shapes without such an edge
# are checked once (template) plus per value; the others are scanned whole, message by message.
_EDGE_RISK = re.compile(r"\d[- ]?\ue000|\ue001[- ]?\d|\ue001[- ]?\ue000")
_MARKED = re.compile("\ue000([^\ue000\ue001]*)\ue001")


@dataclass(frozen=True, slots=True)
class _Shape:
    # Each part as literal text and value keys alternating: [text, key, text, key, ..., text].
    subject: list[str]
    text: list[str]
    html: list[str]
    edges_safe: bool
    # The keys the HTML part shows (each escaped once per message, not every value of the context).
    html_keys: frozenset[str] = frozenset()


_SHAPES: dict[tuple, _Shape] = {}


def _shape_key(owner, values: dict[str, str]) -> tuple:
    """Which values are empty decides a shape. The contexts of one kind are built by one function, so their keys
    come in one order: the names and the empty ones as they come, no sorting per message."""
    return (owner, *values, *[not value for value in values.values()])


def _pieces(kind, part: str, keys) -> list[str]:
    pieces = _MARKED.split(part)
    if any("\ue000" in p or "\ue001" in p for p in pieces[::2]) or not set(pieces[1::2]) <= set(keys):
        raise ValueError(f"Template of {kind.key} uses a context value with a filter; render_fast cannot.")
    return pieces


def _shape(kind, values: dict[str, str]) -> _Shape:
    key = _shape_key(kind.key, values)
    shape = _SHAPES.get(key)
    if shape is None:
        marked = {name: _MARK.format(name) if value else value for name, value in values.items()}
        with translation.override("da"):
            subject = " ".join(render_to_string(kind.subject_template, marked).split())
            text = render_to_string(kind.text_template, marked).strip() + "\n"
            html = render_to_string(kind.html_template, marked) if kind.html_template else ""
        edges_safe = not any(_EDGE_RISK.search(part) for part in (subject, text, html))
        if edges_safe and any(contains_cpr(part) for part in (subject, text, html)):
            raise SensitiveDataError("A message template contains something that looks like a CPR number.")
        filled = [name for name, value in values.items() if value]
        html_pieces = _pieces(kind, html, filled)
        shape = _SHAPES[key] = _Shape(
            subject=_pieces(kind, subject, filled),
            text=_pieces(kind, text, filled),
            html=html_pieces,
            edges_safe=edges_safe,
            html_keys=frozenset(html_pieces[1::2]),
        )
    return shape


def _join(pieces: list[str], values: dict[str, str]) -> str:
    return "".join([piece if index % 2 == 0 else values[piece] for index, piece in enumerate(pieces)])


def _escaped(value: str) -> str:
    # A value marked safe is HTML already (a list rendered by render_items), as Django's rendering takes it.
    return value if isinstance(value, SafeData) else html_escape(value)


def _str(value) -> str:
    return value if type(value) is str else "" if value is None else str(value)


# Values of recent messages known to hold no CPR number. A fan-out's messages share many of their values (the
# week, the opening paragraph, the site's address): each is scanned once, not once per message. Bounded.
_CLEAN_VALUES: dict[str, None] = {}
_CLEAN_VALUES_MAX = 1024


def _any_cpr(values) -> bool:
    clean = _CLEAN_VALUES
    for value in values:
        if not value or value in clean:
            continue
        if contains_cpr(value):
            return True
        if len(clean) >= _CLEAN_VALUES_MAX:
            clean.clear()
        clean[value] = None
    return False


def render_fast(*, kind, context: dict) -> tuple[str, str, str]:
    values = {key: _str(value) for key, value in context.items()}
    shape = _shape(kind, values)
    # Escaping adds no digit that could join others ("&#x27;" is closed by ";"): the raw value decides (an HTML
    # value marked safe is scanned as it stands).
    if shape.edges_safe and _any_cpr(values.values()):
        raise SensitiveDataError("A rendered message contains something that looks like a CPR number.")
    subject = " ".join(_join(shape.subject, values).split())  # a value's lines joined could make one: checked
    text = _join(shape.text, values)
    html = _join(shape.html, {key: _escaped(values[key]) for key in shape.html_keys})
    for part in (subject,) if shape.edges_safe else (subject, text, html):
        if contains_cpr(part):
            raise SensitiveDataError("A rendered message contains something that looks like a CPR number.")
    return subject[:300], text, html


# A list inside a message (a person's weekly reminder lists their placements): each entry is rendered from an
# item template pair (text and HTML) in the same way, once per shape with markers, then filled per entry. The
# kind's templates take the list as two values, plain text (`{{ items_text }}`) and HTML (`{{ items_html }}`,
# marked safe, its entries' values escaped), so render() and render_fast() give the same message.


@dataclass(frozen=True, slots=True)
class _ItemShape:
    text: list[str]
    html: list[str]
    html_keys: frozenset[str] = frozenset()


_ITEM_SHAPES: dict[tuple, _ItemShape] = {}


@dataclass(frozen=True, slots=True)
class _ItemTemplates:
    key: str


def _item_shape(text_template: str, html_template: str, values: dict[str, str]) -> _ItemShape:
    key = _shape_key((text_template, html_template), values)
    shape = _ITEM_SHAPES.get(key)
    if shape is None:
        marked = {name: _MARK.format(name) if value else value for name, value in values.items()}
        with translation.override("da"):
            text = render_to_string(text_template, marked)
            html = render_to_string(html_template, marked)
        filled = [name for name, value in values.items() if value]
        owner = _ItemTemplates(key=text_template)
        html_pieces = _pieces(owner, html, filled)
        shape = _ITEM_SHAPES[key] = _ItemShape(
            text=_pieces(owner, text, filled), html=html_pieces, html_keys=frozenset(html_pieces[1::2])
        )
    return shape


def render_items(*, text_template: str, html_template: str, items: list[dict]) -> tuple[str, SafeString]:
    """The entries of a list, as (plain text, HTML marked safe). Values must be plain strings used without
    filters. The message the list goes into scans it for CPR numbers as one of its values (render_fast) or
    whole (render)."""
    text_parts: list[str] = []
    html_parts: list[str] = []
    for item in items:
        values = {key: _str(value) for key, value in item.items()}
        shape = _item_shape(text_template, html_template, values)
        text_parts.append(_join(shape.text, values))
        html_parts.append(_join(shape.html, {key: html_escape(values[key]) for key in shape.html_keys}))
    return "".join(text_parts), mark_safe("".join(html_parts))  # noqa: S308 (every value escaped above)
