"""Rendering messages in Danish from templates, and building the e-mail that is sent."""

import re
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

# A CPR number: DDMMYY, optional dash or space, four digits. Day and month must be plausible.
CPR_PATTERN = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)")


class SensitiveDataError(ValueError):
    """A rendered message contains what looks like a CPR number; it is never stored or sent."""


def contains_cpr(text: str) -> bool:
    return bool(CPR_PATTERN.search(text or ""))


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


def email_for(message) -> EmailMultiAlternatives:
    """The e-mail for one outbox row (already rendered)."""
    to = formataddr((message.recipient_name, message.recipient_email))
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"X-Mentorordning-Message": f"{message.jobcenter_id}-{message.pk}"},
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
_SHAPES: dict[tuple, tuple[str, str, str]] = {}


def render_fast(*, kind, context: dict) -> tuple[str, str, str]:
    values = {key: "" if value is None else str(value) for key, value in context.items()}
    shape = (kind.key, tuple(sorted((key, bool(value)) for key, value in values.items())))
    rendered = _SHAPES.get(shape)
    if rendered is None:
        marked = {key: _MARK.format(key) if value else value for key, value in values.items()}
        with translation.override("da"):
            subject = " ".join(render_to_string(kind.subject_template, marked).split())
            text = render_to_string(kind.text_template, marked).strip() + "\n"
            html = render_to_string(kind.html_template, marked) if kind.html_template else ""
        rendered = _SHAPES[shape] = (subject, text, html)
    subject, text, html = rendered
    for key, value in values.items():
        if value:
            mark = _MARK.format(key)
            subject = subject.replace(mark, value)
            text = text.replace(mark, value)
            html = html.replace(mark, escape(value))
    if "\ue000" in subject + text + html:
        raise ValueError(f"Template of {kind.key} uses a context value with a filter; render_fast cannot.")
    for part in (subject, text, html):
        if contains_cpr(part):
            raise SensitiveDataError("A rendered message contains something that looks like a CPR number.")
    return " ".join(subject.split())[:300], text, html
