"""Reads of the jobcenter's texts: each falls back to the product's text (texts.registry) when not edited."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.utils.safestring import SafeString
from django_scopes import scopes_disabled

from texts import markup, registry
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


def email_openings(*, jobcenter_ids: Iterable[int], kinds: Iterable[str]) -> dict[tuple[int, str], str]:
    """{(jobcenter id, message kind): opening} for the e-mail kinds whose opening a jobcenter has written.
    One query, for the messages of one enqueue or one send batch."""
    keys = {registry.email_key(kind): kind for kind in kinds}
    # A send batch holds several jobcenters' messages and runs in Celery without a scope; the read is narrowed
    # to the batch's own jobcenters by `jobcenter_ids`.
    with scopes_disabled():
        rows = list(
            Text.objects.filter(jobcenter_id__in=set(jobcenter_ids), key__in=keys).values_list(
                "jobcenter_id", "key", "body"
            )
        )
    return {(jobcenter_id, keys[key]): body for jobcenter_id, key, body in rows if body.strip()}


def email_opening_context(opening: str) -> dict[str, str]:
    """The two values an e-mail template shows the opening with: plain text and (safe) HTML; empty strings
    when there is none, so the template leaves it out."""
    if not opening.strip():
        return {"opening_text": "", "opening_html": ""}
    return {"opening_text": markup.to_text(opening), "opening_html": markup.to_html(opening)}
