"""The registry of message kinds. Every kind the product sends is registered here (from `<app>/message_kinds.py`,
autodiscovered when Django starts), so that one test can render every kind and scan it for CPR numbers and
health or social notes.

To add a kind: in `<app>/message_kinds.py` call `register(MessageKind(...))` with the templates you will pass to
`notifications.services.message_enqueue` and an `example_context` that builds a realistic context whose objects
carry `EXAMPLE_CPR` and `EXAMPLE_SENSITIVE_NOTE` in their sensitive fields (the scan proves they do not leak).
"""

from collections.abc import Callable
from dataclasses import dataclass

# Put these into the sensitive fields of the objects in an example context; the scan test looks for them.
EXAMPLE_CPR = "010190-1234"
EXAMPLE_SENSITIVE_NOTE = "FØLSOM-NOTE: angst og misbrug"


class UnknownMessageKind(LookupError):
    pass


@dataclass(frozen=True)
class MessageKind:
    key: str
    label: str
    subject_template: str
    text_template: str
    html_template: str | None
    # Builds a context for the sensitive-data scan. Called inside a test with a database.
    example_context: Callable[[], dict]
    # For rows created by a set-based SQL fan-out (not rendered at enqueue time): given the messages of one
    # batch, returns {message.pk: context}, loading what it needs in a fixed number of queries.
    deferred_context: Callable[[list], dict[int, dict]] | None = None


_REGISTRY: dict[str, MessageKind] = {}


def register(kind: MessageKind) -> MessageKind:
    existing = _REGISTRY.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Message kind {kind.key!r} is registered twice with different definitions.")
    _REGISTRY[kind.key] = kind
    return kind


def get(key: str) -> MessageKind:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise UnknownMessageKind(
            f"Unknown message kind {key!r}: register it in <app>/message_kinds.py (see notifications.kinds)."
        ) from None


def all_kinds() -> list[MessageKind]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.key)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in all_kinds()]
