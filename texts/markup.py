"""The small markup a jobcenter writes its texts in, and nothing more: no HTML ever passes through.

- a blank line starts a new paragraph; a single line break stays a line break;
- a paragraph that is one line beginning with "## " is a heading;
- lines beginning with "- " are a list, lines beginning with "1. ", "2. " ... a numbered list;
- **fed** is bold;
- [tekst](https://...) is a link; only https://, http:// and mailto: addresses become links, anything else
  (javascript:, data:, a relative path) stays the text as written.

`to_html` escapes the whole text first and only then adds the few tags above, so what a user typed can never
become markup of its own; `to_text` gives the same text for a plain-text e-mail.
"""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

MAX_LENGTH = 6000
LINK_SCHEMES = ("https://", "http://", "mailto:")

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
# Text in brackets, then an address without spaces or brackets in parentheses.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_BULLET = re.compile(r"^- +")
_NUMBERED = re.compile(r"^\d{1,3}\. +")
_HEADING = re.compile(r"^## +")
# Anything written like a link, for the check that refuses other addresses (looser than _LINK: an address
# with brackets or spaces is no link, but still meant as one).
_LINK_LIKE = re.compile(r"\[[^\[\]\n]*\]\(\s*([^\s)]*)")
# Something a user may have meant as HTML: a tag or a comment.
HTML_TAG = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")


def is_allowed_link(address: str) -> bool:
    return address.lower().startswith(LINK_SCHEMES) and len(address) > len("mailto:")


def links(text: str) -> list[str]:
    """Every address written as a link, allowed or not (also one the markup would not make a link of)."""
    return [match.group(1) for match in _LINK_LIKE.finditer(text or "")]


def _blocks(text: str) -> list[list[str]]:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        line = line.rstrip()
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _kind(block: list[str]) -> str:
    if len(block) == 1 and _HEADING.match(block[0]):
        return "heading"
    if all(_BULLET.match(line) for line in block):
        return "bullets"
    if all(_NUMBERED.match(line) for line in block):
        return "numbered"
    return "paragraph"


def _bold(escaped: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", escaped)


def _inline_html(line: str) -> str:
    """One line, escaped, with bold and allowed links added. The link pattern runs on the escaped text; its
    parts contain no quote or angle bracket (escaped to entities), so the address is a safe attribute value.
    Bold is added to the text between links and to a link's label, never inside an address."""
    escaped = escape(line, quote=True)
    parts: list[str] = []
    end = 0
    for match in _LINK.finditer(escaped):
        label, address = match.group(1), match.group(2)
        parts.append(_bold(escaped[end : match.start()]))
        if is_allowed_link(address):
            parts.append(f'<a href="{address}">{_bold(label)}</a>')
        else:
            parts.append(match.group(0))
        end = match.end()
    parts.append(_bold(escaped[end:]))
    return "".join(parts)


def to_html(text: str, *, lead: bool = False) -> SafeString:
    """The text as HTML: paragraphs, headings, lists, bold and links, everything else escaped. `lead`: a first
    paragraph is the page's lead (DKFDS `font-lead`)."""
    parts: list[str] = []
    for index, block in enumerate(_blocks(text)):
        kind = _kind(block)
        if kind == "heading":
            parts.append(f"<h2>{_inline_html(_HEADING.sub('', block[0]))}</h2>")
        elif kind in ("bullets", "numbered"):
            tag, marker = ("ul", _BULLET) if kind == "bullets" else ("ol", _NUMBERED)
            items = "".join(f"<li>{_inline_html(marker.sub('', line))}</li>" for line in block)
            parts.append(f"<{tag}>{items}</{tag}>")
        else:
            opening = '<p class="font-lead">' if lead and index == 0 else "<p>"
            parts.append(opening + "<br>".join(_inline_html(line) for line in block) + "</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 (every piece of the user's text is escaped above)


def _inline_text(line: str) -> str:
    def link(match: re.Match) -> str:
        label, address = match.group(1), match.group(2)
        if not is_allowed_link(address):
            return match.group(0)
        shown = address.removeprefix("mailto:")
        return label if label == shown else f"{label} ({shown})"

    return _BOLD.sub(r"\1", _LINK.sub(link, line))


def to_text(text: str) -> str:
    """The text for a plain-text e-mail: the markers of bold, headings and links taken out."""
    parts: list[str] = []
    for block in _blocks(text):
        if _kind(block) == "heading":
            parts.append(_inline_text(_HEADING.sub("", block[0])))
        else:
            parts.append("\n".join(_inline_text(line) for line in block))
    return "\n\n".join(parts)
