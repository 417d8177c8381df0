"""The texts a jobcenter can edit, each with the product's own text as its default.

Pages register their texts in `<app>/editable_texts.py` with `register(EditableText(...))` (autodiscovered when
Django starts). Every e-mail kind (notifications.kinds, not the text messages) has one more: its opening, the
paragraph right after the greeting ("Kære …"), whose default is the e-mail's own wording (`MessageKind.opening`)
and which may hold the kind's placeholders (texts.placeholders), filled per message.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from texts.placeholders import Opening

PAGE = "page"
EMAIL = "email"
EMAIL_PREFIX = "email."


@dataclass(frozen=True)
class EditableText:
    key: str
    label: str
    group: str
    # The product's text, in the markup (texts.markup), built when asked so it follows the active language.
    default: Callable[[], str]
    # Where the text is shown, for the edit page.
    where: str
    # Every text is needed where it stands (an empty one would leave a hole in the page or the e-mail).
    required: bool = True
    # An e-mail's opening: its placeholders and where their values come from (None for a page's text).
    opening: Opening | None = None


_PAGES: dict[str, EditableText] = {}


def register(text: EditableText) -> EditableText:
    existing = _PAGES.get(text.key)
    if existing is not None and existing != text:
        raise ValueError(f"Editable text {text.key!r} is registered twice with different definitions.")
    _PAGES[text.key] = text
    return text


def _opening_default(opening: Opening) -> str:
    return str(opening.default)


def _email_texts() -> list[EditableText]:
    from notifications import kinds

    return [
        EditableText(
            key=f"{EMAIL_PREFIX}{kind.key}",
            label=kind.label,
            group=EMAIL,
            default=partial(_opening_default, kind.opening),
            where=format_lazy(
                _("Første afsnit i e-mailen »{label}«, lige efter hilsenen (»Kære …«).{note}"),
                label=kind.label,
                note=format_lazy(" {note}", note=kind.opening.note) if kind.opening.note else "",
            ),
            opening=kind.opening,
        )
        for kind in kinds.all_kinds()
        if not kind.sms and kind.opening is not None
    ]


def all_texts() -> list[EditableText]:
    """The pages' texts (in registration order), then the e-mails' openings (by kind)."""
    return [*_PAGES.values(), *_email_texts()]


def get(key: str) -> EditableText | None:
    if key in _PAGES:
        return _PAGES[key]
    if key.startswith(EMAIL_PREFIX):
        return next((text for text in _email_texts() if text.key == key), None)
    return None


def email_key(kind: str) -> str:
    return f"{EMAIL_PREFIX}{kind}"
