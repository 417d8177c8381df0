"""The texts a jobcenter can edit, each with the product's own text as its default.

Pages register their texts in `<app>/editable_texts.py` with `register(EditableText(...))` (autodiscovered when
Django starts). Every e-mail kind (notifications.kinds, not the text messages) has one more: its opening, a
paragraph right after the greeting, which is empty by default, so an e-mail reads as it always has until a
jobcenter writes one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
    # A page needs its text; an e-mail's opening may be empty (then the e-mail has none).
    required: bool = True


_PAGES: dict[str, EditableText] = {}


def register(text: EditableText) -> EditableText:
    existing = _PAGES.get(text.key)
    if existing is not None and existing != text:
        raise ValueError(f"Editable text {text.key!r} is registered twice with different definitions.")
    _PAGES[text.key] = text
    return text


def _no_opening() -> str:
    return ""


def _email_texts() -> list[EditableText]:
    from notifications import kinds

    return [
        EditableText(
            key=f"{EMAIL_PREFIX}{kind.key}",
            label=kind.label,
            group=EMAIL,
            default=_no_opening,
            where=format_lazy(
                _("Står i e-mailen »{label}« lige efter hilsenen (»Kære …«), før resten af e-mailen."),
                label=kind.label,
            ),
            required=False,
        )
        for kind in kinds.all_kinds()
        if not kind.sms
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
