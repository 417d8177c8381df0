"""The registry of message kinds. Every kind the product sends is registered here (from `<app>/message_kinds.py`,
autodiscovered when Django starts), so that one test can render every kind and scan it for CPR numbers and
health or social notes.

To add a kind: in `<app>/message_kinds.py` call `register(MessageKind(...))` with the templates you will pass to
`notifications.services.message_enqueue` and an `example_context` that builds a realistic context whose objects
carry `EXAMPLE_CPR` and `EXAMPLE_SENSITIVE_NOTE` in their sensitive fields (the scan proves they do not leak).
An e-mail kind also gives its `opening` (texts.placeholders.Opening): the sentence right after the greeting, which
its templates show as `opening_text` / `opening_html` and a jobcenter may reword (texts/tests/test_emails.py
requires one of every kind and compares its default with what the e-mail said before).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from texts.placeholders import Opening

# Put these into the sensitive fields of the objects in an example context; the scan test looks for them.
EXAMPLE_CPR = "010190-1234"
EXAMPLE_SENSITIVE_NOTE = "FØLSOM-NOTE: angst og misbrug"


class UnknownMessageKind(LookupError):
    pass


COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# A message without a rule of its own still makes sense for a week (an application receipt, an offer, an
# agreement running out in 4 weeks); after that a relay outage expires it instead of sending it late.
DEFAULT_MAX_AGE = timedelta(days=7)


def end_of_iso_week(period: str) -> datetime | None:
    """Monday 00:00 (Copenhagen) after the ISO week "2026-W48"; None when `period` is not an ISO week."""
    year, _sep, week = period.partition("-W")
    if not (year.isdigit() and week.isdigit()):
        return None
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None
    return datetime.combine(monday + timedelta(days=7), time(0), tzinfo=COPENHAGEN)


@dataclass(frozen=True)
class Lifetime:
    """How long an unsent message still makes sense. Past its expiry a message that could not be sent (the
    relay was down, no worker ran) is marked expired, and the outbox shows `reason`, instead of being sent
    late; until then temporary errors only delay it.

    One rule per kind: `until(about)` (e.g. when the course starts), else the end of the ISO week in the
    message's period when `until_period_ends` (a weekly reminder; or of the week it was created in, when a
    holiday pushed it there), else creation + `max_age`; a rule that has no answer (no course date, no ISO
    week) falls back to `max_age`."""

    reason: str
    max_age: timedelta = DEFAULT_MAX_AGE
    until_period_ends: bool = False
    # Given the object the message is about, the moment after which the message makes no sense.
    until: Callable[[object], datetime | None] | None = field(default=None, compare=False)

    def expires_at(self, *, about, period: str, created_at: datetime) -> datetime:
        moment = None
        if self.until is not None and about is not None:
            moment = self.until(about)
        elif self.until_period_ends:
            moment = end_of_iso_week(period or "")
            if moment is not None:
                # A public holiday can push a week's reminders into the next week: they last that week out.
                created_week = created_at.astimezone(COPENHAGEN).isocalendar()
                moment = max(moment, end_of_iso_week(f"{created_week.year}-W{created_week.week:02d}"))
        return moment if moment is not None else created_at + self.max_age


DEFAULT_LIFETIME = Lifetime(reason=_("Beskeden blev for gammel til at give mening, før den kunne sendes."))
WEEKLY_LIFETIME = Lifetime(reason=_("Ugen, beskeden gjaldt, var omme, før den kunne sendes."), until_period_ends=True)


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
    # How long an unsent message of this kind still makes sense (see Lifetime).
    lifetime: Lifetime = DEFAULT_LIFETIME
    # A text message (notifications.sms_services.sms_enqueue): text_template is the whole text, html_template is
    # None, and the subject only names it on the outbox pages.
    sms: bool = False
    # An e-mail's opening, the paragraph right after the greeting, which a jobcenter may write in its own words
    # (texts): the product's wording, the placeholders it may use and where their values come from. The
    # templates show it as `opening_text` / `opening_html`.
    opening: Opening | None = None


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
