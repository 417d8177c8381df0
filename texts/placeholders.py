"""Placeholders in an e-mail's opening: `{fornavn}`, `{dato}` … in the text a jobcenter writes, filled per message
from that message's own context.

Each e-mail kind says which placeholders its opening may use (`Opening`, on notifications.kinds.MessageKind),
with a Danish description and an example value for the edit page's preview, and how to read their values from
the message's context (`values`). Only values the e-mail already carries are offered: names, dates, a course's
title, a company's name; never a CPR number or a health note.

The text is turned into HTML and plain text by texts.markup first, with the placeholders still in it, and only
then are the values put in: escaped in the HTML, as they are in the plain text. A value therefore never becomes
markup (a company called "**Bager & Co**" stays those characters), and the markup's own checks hold.
An opening is compiled once per jobcenter and kind (`compile_opening`) and filled per message (`Compiled.fill`)
by joining its pieces, so a batch of thousands of messages parses each text once.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from texts import markup

# A placeholder is a name of small letters (Danish too) and underscores in curly braces.
PLACEHOLDER = re.compile(r"\{([a-zæøå_]+)\}")
BRACE = re.compile(r"[{}]")


@dataclass(frozen=True)
class Placeholder:
    name: str
    # What the value is, in Danish, for the list next to the field.
    description: str
    # The value the edit page's preview shows.
    example: str

    @property
    def written(self) -> str:
        return "{" + self.name + "}"


@dataclass(frozen=True)
class Opening:
    """An e-mail kind's opening: the paragraph right after the greeting ("Kære …"). `default` is the product's
    own wording (a Danish gettext string, with placeholders in curly braces); `placeholders` are the ones a
    jobcenter may write; `values(context)` reads their values from a message's context (plain strings; a
    missing value is an empty string)."""

    default: str
    placeholders: Sequence[Placeholder]
    values: Callable[[Mapping], Mapping[str, str]]
    # Said on the edit page when the opening is not in every e-mail of the kind.
    note: str = ""

    def names(self) -> set[str]:
        return {placeholder.name for placeholder in self.placeholders}

    def examples(self) -> dict[str, str]:
        return {placeholder.name: str(placeholder.example) for placeholder in self.placeholders}


def problems(body: str, allowed: set[str]) -> list[str]:
    """The Danish errors of the placeholders in `body`: an unknown name, a brace that is not part of one, or a
    placeholder in a link's address."""
    errors = []
    unknown = sorted({name for name in PLACEHOLDER.findall(body) if name not in allowed}, key=body.index)
    if unknown:
        errors.append(
            _("Ukendt pladsholder: %(unknown)s. Du kan bruge: %(allowed)s.")
            % {
                "unknown": ", ".join("{" + name + "}" for name in unknown),
                "allowed": ", ".join("{" + name + "}" for name in sorted(allowed)) or "-",
            }
        )
    # What is left when every well-formed placeholder is taken out must hold no brace at all.
    if BRACE.search(PLACEHOLDER.sub("", body)):
        errors.append(
            _(
                "En krøllet parentes står alene. Skriv en pladsholder som {fornavn}: et navn med små bogstaver "
                "mellem { og }."
            )
        )
    # A link's address is the jobcenter's own: a value put into it would choose where the link leads (a company's
    # name such as "svindel.example/log-ind" after "https://"). The label may hold placeholders.
    if any(BRACE.search(address) for address in markup.links(body)):
        errors.append(_("En pladsholder kan ikke stå i et links adresse. Skriv adressen helt ud."))
    return [str(error) for error in errors]


def _value(value) -> str:
    """A placeholder's value as text: a missing one is empty, a count of 0 is "0"."""
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Compiled:
    """An opening turned into plain text and HTML once, as literal pieces and placeholder names alternating:
    [text, name, text, name, ..., text]."""

    text: tuple[str, ...]
    html: tuple[str, ...]

    def fill(self, values: Mapping[str, str]) -> dict[str, str]:
        """{"opening_text": …, "opening_html": …} for a message: its values put in (escaped in the HTML)."""
        text = "".join(p if i % 2 == 0 else _value(values.get(p)) for i, p in enumerate(self.text))
        html = "".join(p if i % 2 == 0 else escape(_value(values.get(p))) for i, p in enumerate(self.html))
        return {"opening_text": text, "opening_html": mark_safe(html)}  # noqa: S308 (values escaped above)


def compile_opening(body: str) -> Compiled:
    """The opening `body` (markup with placeholders, validated when it was saved) as pieces to fill."""
    return Compiled(
        text=tuple(PLACEHOLDER.split(markup.to_text(body))), html=tuple(PLACEHOLDER.split(markup.to_html(body)))
    )


def fill(body: str, values: Mapping[str, str]) -> dict[str, str]:
    return compile_opening(body).fill(values)


def preview(body: str, opening: Opening) -> tuple[SafeString, str]:
    """The opening with the example values put in, as (HTML, plain text), for the edit page."""
    filled = fill(body, opening.examples())
    return SafeString(filled["opening_html"]), filled["opening_text"]


# --- Values -------------------------------------------------------------------------------------------------


def first_name(name) -> str:
    return str(name or "").split(" ")[0]


def long_date(value) -> str:
    """A date as "25. oktober 2026"; `value` a date, a datetime or a "25.10.2026" string; "" when none."""
    if isinstance(value, str):
        try:
            value = datetime.strptime(value.strip()[:10], "%d.%m.%Y").date()
        except ValueError:
            return ""
    if isinstance(value, datetime):
        # A moment's day in Copenhagen (a stored moment is in UTC: near midnight its date is the day before).
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return ""
    with translation.override("da"):
        return formats.date_format(value, "j. F Y")


# The placeholders several kinds share.
FORNAVN = Placeholder("fornavn", _("modtagerens fornavn"), "Lars")
JOBCENTER = Placeholder("jobcenter", _("jobcentrets navn"), "Jobcenter Favrskov")
BORGER_FORNAVN = Placeholder("borger_fornavn", _("borgerens fornavn (aldrig mere om borgeren)"), "Mette")
VIRKSOMHED = Placeholder("virksomhed", _("virksomhedens navn"), "Hammel Maskinfabrik A/S")
KURSUS = Placeholder("kursus", _("kursets titel"), "Mentorkursus, foråret 2026")
KOORDINATOR = Placeholder("koordinator", _("koordinatorens navn"), "Karen Holm")
MENTOR = Placeholder("mentor", _("mentorens navn"), "Birgitte Mølgaard")


def dato(description) -> Placeholder:
    return Placeholder("dato", description, "25. oktober 2026")


def dato_kort(description) -> Placeholder:
    return Placeholder("dato_kort", description, "25.10.2026")
