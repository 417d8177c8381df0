"""Reads of the jobcenter's texts: each falls back to the product's text (texts.registry) when not edited."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.http import Http404
from django.utils import translation
from django.utils.safestring import SafeString
from django_scopes import scopes_disabled

from texts import markup, placeholders, registry
from texts.models import Text


@dataclass(frozen=True)
class TextEntry:
    text: registry.EditableText
    body: str
    changed: bool
    updated_at: datetime | None = None

    @property
    def key(self) -> str:
        return self.text.key

    @property
    def default(self) -> str:
        return self.text.default()


def text_list(*, jobcenter) -> list[TextEntry]:
    """Every editable text, whether the jobcenter has changed it, and when (not the texts themselves). One query."""
    edited = dict(Text.objects.filter(jobcenter=jobcenter).values_list("key", "updated_at"))
    return [
        TextEntry(text=text, body="", changed=text.key in edited, updated_at=edited.get(text.key))
        for text in registry.all_texts()
    ]


def text_get(*, jobcenter, key: str) -> TextEntry:
    """One editable text of the jobcenter; 404 for a key that is no editable text. One query."""
    text = registry.get(key)
    if text is None:
        raise Http404
    row = Text.objects.filter(jobcenter=jobcenter, key=key).only("body").first()
    return TextEntry(text=text, body=row.body if row else text.default(), changed=row is not None)


def text_html(*, jobcenter, key: str, lead: bool = False) -> SafeString:
    """The text of a page, as safe HTML (texts.markup). One query."""
    return markup.to_html(text_get(jobcenter=jobcenter, key=key).body, lead=lead)


class EmailOpenings:
    """The openings of the e-mail kinds of one batch (`email_openings`): each jobcenter's own wording where it
    wrote one, else the product's; each compiled once (texts.placeholders) and filled per message."""

    def __init__(self, edited: dict[tuple[int, str], str]):
        self._edited = edited
        self._compiled: dict[tuple[int, str], placeholders.Compiled] = {}

    def context_for(self, *, jobcenter_id: int, kind: str, context: Mapping) -> dict[str, str]:
        """The values `opening_text` and `opening_html` of one message of `kind` with `context`."""
        from notifications import kinds

        opening = kinds.get(kind).opening
        if opening is None:
            return {"opening_text": "", "opening_html": ""}
        key = (jobcenter_id, kind)
        compiled = self._compiled.get(key)
        if compiled is None:
            body = self._edited.get(key)
            compiled = placeholders.compile_opening(body) if body is not None else default_opening(kind)
            self._compiled[key] = compiled
        return compiled.fill(opening.values(context))


def email_openings(*, jobcenter_ids: Iterable[int], kinds: Iterable[str]) -> EmailOpenings:
    """The openings of these e-mail kinds for these jobcenters: one query (the texts the jobcenters wrote), for
    the messages of one enqueue or one send batch."""
    keys = {registry.email_key(kind): kind for kind in kinds}
    # A send batch holds several jobcenters' messages and runs in Celery without a scope; the read is narrowed
    # to the batch's own jobcenters by `jobcenter_ids`.
    with scopes_disabled():
        rows = list(
            Text.objects.filter(jobcenter_id__in=set(jobcenter_ids), key__in=keys).values_list(
                "jobcenter_id", "key", "body"
            )
        )
    return EmailOpenings({(jobcenter_id, keys[key]): body for jobcenter_id, key, body in rows if body.strip()})


@lru_cache(maxsize=256)
def _default_opening(kind: str, language: str) -> placeholders.Compiled:
    from notifications import kinds

    opening = kinds.get(kind).opening
    with translation.override(language):
        return placeholders.compile_opening(str(opening.default) if opening else "")


def default_opening(kind: str) -> placeholders.Compiled:
    """The product's opening of `kind`, compiled once per process (e-mails are written in Danish)."""
    return _default_opening(kind, "da")


def opening_context(kind: str, context: Mapping, body: str | None = None) -> dict[str, str]:
    """`opening_text` and `opening_html` of one message of `kind`: `body` (markup with placeholders) or, when
    None, the product's opening, filled from `context`. No query."""
    return EmailOpenings({} if body is None else {(0, kind): body}).context_for(
        jobcenter_id=0, kind=kind, context=context
    )
