"""The channels behind the outbox: each row says which one (Message.channel), and the send task hands it to it.

A channel builds what it sends from the row (`build`), sends it (`send`), and after an error forgets its
connection (`drop`); `close` ends the batch. `Dispatcher` is what `notifications.services.messages_send` talks
to: it picks the row's channel, so one batch may hold e-mails and texts, and the claim, the journal, the mark and
the backoff are the same for both (exactly once, by the same lease and journal).

- E-mail: one SMTP connection per batch (services.send._Mailer), the row's Message-ID on every attempt.
- SMS: one HTTP POST per text to the gateway (notifications.sms.SmsGateway). The row's reference (its jobcenter,
  id and resend count) is the gateway's idempotency key, so a text sent again after a worker died between the
  gateway's answer and the journal write is one text at the gateway. The gateway's id is stored on the row, for
  its delivery report (notifications.sms_services.sms_delivery_report_record).
"""

import logging
from dataclasses import dataclass
from typing import Any

import requests

from notifications import sms
from notifications.models import Message, OutboxChannel
from notifications.rendering import email_for

logger = logging.getLogger(__name__)


def sms_reference(message: Message) -> str:
    """The same on every attempt of one sending; a coordinator's deliberate resend gets a new one."""
    return f"outbox-{message.jobcenter_id}-{message.pk}-{message.resends}"


@dataclass(frozen=True)
class Text:
    """A text message, built from an outbox row."""

    message_id: int
    to: str
    body: str
    reference: str


class SmsChannel:
    def __init__(self, gateway: sms.SmsGateway | None = None) -> None:
        self._gateway = gateway

    @property
    def gateway(self) -> sms.SmsGateway:
        if self._gateway is None:
            # SmsNotConfigured (permanent) without SMS_GATEWAY_URL. One HTTP session (kept alive) per batch.
            self._gateway = sms.SmsGateway.from_settings()
            self._gateway.session = requests.Session()
        return self._gateway

    def build(self, message: Message) -> Text:
        sms.check_text(message.body_text)
        return Text(
            message_id=message.pk,
            to=message.recipient_phone,
            body=message.body_text.strip(),
            reference=sms_reference(message),
        )

    def send(self, text: Text) -> None:
        gateway_id = self.gateway.send(to=text.to, text=text.body, reference=text.reference)
        # Kept for the delivery report; the row is marked sent with the rest of its chunk.
        Message.objects.filter(pk=text.message_id).update(gateway_id=gateway_id)

    def drop(self) -> None:
        """Each text is its own request: nothing to forget."""

    def close(self) -> None:
        if self._gateway is not None and self._gateway.session is not None:
            self._gateway.session.close()


class Dispatcher:
    """Sends each built item through the channel that built it."""

    def __init__(self, mailer: Any, sms_channel: SmsChannel | None = None) -> None:
        self.mailer = mailer
        self.sms = sms_channel or SmsChannel()
        self._last: Any = None

    def build(self, message: Message) -> Any:
        if message.channel == OutboxChannel.SMS:
            return self.sms.build(message)
        return email_for(message)

    def send(self, item: Any) -> None:
        self._last = self.sms if isinstance(item, Text) else self.mailer
        self._last.send(item)

    def drop(self) -> None:
        """After an error: only the channel that failed forgets its connection."""
        if self._last is not None:
            self._last.drop()

    def close(self) -> None:
        self.mailer.close()
        self.sms.close()


def is_sms_error(error: Exception) -> bool:
    return isinstance(error, sms.SmsError)


def sms_error_is_transient(error: Exception) -> bool:
    """A gateway that is down, overloaded or slow: the text waits by backoff. A refusal (4xx) fails it."""
    return isinstance(error, sms.SmsTransientError)
