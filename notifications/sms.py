"""Text messages (SMS): Danish mobile numbers, segment counting, the HTTP gateway and its delivery reports.

The outbox's second channel (issue 22) for people with no e-mail or who prefer texts (corps mentors; citizens for
their first meeting and appointments). This module holds the parts that do not depend on the outbox row:

- `normalise_mobile` / `DanishMobileField`: a Danish mobile number is +45 and 8 digits; it is stored as
  "+45XXXXXXXX" whatever spacing or prefix (+45, 0045, 45) it was typed with, and anything else is refused with
  one Danish error at the field.
- `segments`: how many SMS parts a text costs. GSM 03.38 (7-bit) texts take 160 characters in one part and 153
  per part when split (the extension table's characters count twice); anything outside it goes as UCS-2, 70 in one
  part and 67 per part when split (UTF-16 code units, so an emoji counts twice).
- `SmsGateway`: one POST per text to the gateway (SMS_GATEWAY_URL, bearer SMS_GATEWAY_TOKEN, sender SMS_SENDER),
  with the outbox row's reference as idempotency key. A 5xx, 408, 429, a timeout or a refused connection is a
  `SmsTransientError` (the outbox tries again by backoff); any other 4xx is a `SmsPermanentError` (never retried).
- `delivery_report_signature` / `delivery_report_is_authentic`: the gateway's delivery reports are signed with
  HMAC-SHA256 over the raw body with SMS_WEBHOOK_SECRET; a report without a valid signature is refused.
"""

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

import requests
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from notifications.rendering import SensitiveDataError, contains_cpr

MOBILE_ERROR = _("Skriv et dansk mobilnummer: 8 cifre, eventuelt med +45 foran.")

_SEPARATORS = re.compile(r"[\s\-./()]")
# Danish subscriber numbers never start with 0 or 1 (those are service and emergency prefixes).
_NATIONAL = re.compile(r"[2-9]\d{7}")


def normalise_mobile(value: str) -> str:
    """+45XXXXXXXX for a Danish mobile number typed with spaces, dashes or a +45/0045/45 prefix; else a
    ValidationError with the Danish message."""
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    elif len(digits) == 10 and digits.startswith("45"):
        digits = digits[2:]
    if not _NATIONAL.fullmatch(digits):
        raise ValidationError(MOBILE_ERROR, code="invalid_mobile")
    return f"+45{digits}"


def validate_danish_mobile(value: str) -> None:
    """Model-field validator (a blank value is the field's own business)."""
    if value:
        normalise_mobile(value)


class DanishMobileField(forms.CharField):
    """A form field for a Danish mobile number; cleans to +45XXXXXXXX (or "" when optional and empty)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Mobilnummer"))
        kwargs.setdefault("help_text", _("8 cifre, fx 20 30 40 50."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return normalise_mobile(value) if value else ""


# --- Segments --------------------------------------------------------------------------------------------------

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")


class Encoding:
    GSM7 = "gsm7"
    UCS2 = "ucs2"


@dataclass(frozen=True)
class Segments:
    encoding: str  # Encoding.GSM7 or Encoding.UCS2
    units: int  # septets (GSM-7, extension characters count two) or UTF-16 code units (UCS-2)
    count: int  # parts the gateway sends

    @property
    def per_part(self) -> int:
        single, split = (160, 153) if self.encoding == Encoding.GSM7 else (70, 67)
        return single if self.count <= 1 else split


def segments(text: str) -> Segments:
    """The encoding and number of SMS parts `text` is sent in (0 parts for an empty text)."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text):
        units = sum(2 if char in GSM7_EXTENSION else 1 for char in text)
        single, split = 160, 153
        encoding = Encoding.GSM7
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, split = 70, 67
        encoding = Encoding.UCS2
    if units == 0:
        count = 0
    elif units <= single:
        count = 1
    else:
        count = -(-units // split)
    return Segments(encoding=encoding, units=units, count=count)


# --- The gateway -----------------------------------------------------------------------------------------------


class SmsError(Exception):
    """A text was not accepted by the gateway."""


class SmsTransientError(SmsError):
    """Try again later (the gateway is down, overloaded or did not answer in time)."""


class SmsPermanentError(SmsError):
    """The gateway refused the text for good (a 4xx: a bad number, a refused sender, bad credentials)."""


class SmsNotConfigured(SmsPermanentError):
    """No gateway is configured (SMS_GATEWAY_URL is empty)."""


_TRANSIENT_STATUSES = {408, 425, 429}


def sms_configured() -> bool:
    return bool(getattr(settings, "SMS_GATEWAY_URL", ""))


def check_text(text: str) -> None:
    """A text that looks like it holds a CPR number is never sent (the same rule as e-mail)."""
    if contains_cpr(text):
        raise SensitiveDataError("A text message contains something that looks like a CPR number.")


@dataclass
class SmsGateway:
    url: str
    token: str
    sender: str
    timeout: float = 10.0
    session: requests.Session | None = None

    @classmethod
    def from_settings(cls) -> "SmsGateway":
        url = getattr(settings, "SMS_GATEWAY_URL", "")
        if not url:
            raise SmsNotConfigured("SMS_GATEWAY_URL is not set.")
        return cls(
            url=url,
            token=getattr(settings, "SMS_GATEWAY_TOKEN", ""),
            sender=getattr(settings, "SMS_SENDER", "Jobcenter"),
            timeout=float(getattr(settings, "SMS_GATEWAY_TIMEOUT_SECONDS", 10)),
        )

    def send(self, *, to: str, text: str, reference: str) -> str:
        """Hands one text to the gateway; returns the gateway's id for it. `reference` is the same on every
        attempt for the same outbox row and sending, so a gateway that saw it already does not send it twice."""
        check_text(text)
        payload = {"to": normalise_mobile(to), "from": self.sender, "text": text, "reference": reference}
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "Idempotency-Key": reference,
        }
        http = self.session or requests
        try:
            response = http.post(self.url, data=json.dumps(payload), headers=headers, timeout=self.timeout)
        except requests.Timeout as error:
            raise SmsTransientError(f"SMS gateway timed out after {self.timeout:g} s") from error
        except requests.ConnectionError as error:
            raise SmsTransientError(f"SMS gateway unreachable: {type(error).__name__}") from error
        status = response.status_code
        if status >= 500 or status in _TRANSIENT_STATUSES:
            raise SmsTransientError(f"SMS gateway answered {status}")
        if status >= 400:
            raise SmsPermanentError(f"SMS gateway refused the text: {status} {response.text[:200]}")
        try:
            gateway_id = str(response.json()["id"])
        except (ValueError, KeyError, TypeError) as error:
            # Accepted (2xx) but unreadable: the text may be on its way, so never send it again by a retry.
            raise SmsPermanentError(f"SMS gateway answered {status} without an id") from error
        return gateway_id


# --- Delivery reports ------------------------------------------------------------------------------------------


class DeliveryState:
    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"


_REPORT_STATES = {
    "delivered": DeliveryState.DELIVERED,
    "failed": DeliveryState.FAILED,
    "undeliverable": DeliveryState.FAILED,
    "expired": DeliveryState.FAILED,
    "rejected": DeliveryState.FAILED,
    "buffered": DeliveryState.PENDING,
    "sent": DeliveryState.PENDING,
}


def delivery_report_signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def delivery_report_is_authentic(body: bytes, signature: str | None) -> bool:
    """True when `signature` is the HMAC-SHA256 of the raw body with SMS_WEBHOOK_SECRET (compared in constant
    time). Without a configured secret no report is authentic."""
    secret = getattr(settings, "SMS_WEBHOOK_SECRET", "")
    if not secret or not signature:
        return False
    return hmac.compare_digest(delivery_report_signature(body, secret), signature.strip().lower())


@dataclass(frozen=True)
class DeliveryReport:
    gateway_id: str
    reference: str
    state: str
    detail: str


def parse_delivery_report(body: bytes) -> DeliveryReport:
    """The gateway's JSON report: {"id", "reference", "status", "error"?}. ValueError when it is not one."""
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("A delivery report is a JSON object.")
    state = _REPORT_STATES.get(str(data.get("status", "")).lower())
    if state is None or not data.get("id"):
        raise ValueError("A delivery report needs an id and a known status.")
    return DeliveryReport(
        gateway_id=str(data["id"])[:100],
        reference=str(data.get("reference", ""))[:200],
        state=state,
        detail=str(data.get("error", ""))[:500],
    )
