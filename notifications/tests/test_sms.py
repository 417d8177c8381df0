"""The SMS channel's parts (notifications.sms) against a fake gateway on the loopback address: Danish mobile
numbers, segment counting, the gateway's answers (accepted, 5xx, timeout, refused connection, 4xx), no CPR in a
text, and signed delivery reports."""

import json

import pytest
from django import forms
from django.core.exceptions import ValidationError

from notifications import sms
from notifications.rendering import SensitiveDataError
from notifications.tests.fake_sms_gateway import FakeGateway


@pytest.fixture
def gateway():
    fake = FakeGateway().start()
    yield fake
    fake.stop()


@pytest.fixture
def client_for(gateway):
    def make(timeout: float = 2.0) -> sms.SmsGateway:
        return sms.SmsGateway(url=gateway.url, token=gateway.token, sender="Jobcenter", timeout=timeout)

    return make


# --- Danish mobile numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("20304050", "+4520304050"),
        ("20 30 40 50", "+4520304050"),
        ("+45 20 30 40 50", "+4520304050"),
        ("+4520304050", "+4520304050"),
        ("0045 2030 4050", "+4520304050"),
        ("45 20304050", "+4520304050"),
        ("20-30-40-50", "+4520304050"),
        (" 91 23 45 67 ", "+4591234567"),
    ],
)
def test_a_danish_mobile_number_is_stored_as_plus_45_and_8_digits(typed, stored):
    assert sms.normalise_mobile(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["", "2030405", "203040501", "+46 20304050", "+45 2030 405", "02030405", "12345678", "2030 40ab", "112", "+45"],
)
def test_anything_else_is_refused_with_a_danish_message(typed):
    with pytest.raises(ValidationError) as raised:
        sms.normalise_mobile(typed)
    assert raised.value.messages == ["Skriv et dansk mobilnummer: 8 cifre, eventuelt med +45 foran."]


def test_the_form_field_puts_the_danish_error_at_the_field_and_cleans_to_one_form():
    class Form(forms.Form):
        mobile = sms.DanishMobileField(required=False)

    form = Form(data={"mobile": "2030 4050"})
    assert form.is_valid()
    assert form.cleaned_data["mobile"] == "+4520304050"
    form = Form(data={"mobile": ""})
    assert form.is_valid()
    assert form.cleaned_data["mobile"] == ""
    form = Form(data={"mobile": "123"})
    assert not form.is_valid()
    assert form.errors["mobile"] == ["Skriv et dansk mobilnummer: 8 cifre, eventuelt med +45 foran."]


# --- Segments --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "units", "count"),
    [
        ("", "gsm7", 0, 0),
        ("a" * 160, "gsm7", 160, 1),
        ("a" * 161, "gsm7", 161, 2),
        ("a" * 306, "gsm7", 306, 2),
        ("a" * 307, "gsm7", 307, 3),
        ("Mødet er på Søndergade 3, Århus. Æbler!", "gsm7", 39, 1),
        ("€" * 80, "gsm7", 160, 1),  # an extension character counts twice
        ("€" * 81, "gsm7", 162, 2),
        ("a" * 69 + "ł", "ucs2", 70, 1),  # one character outside GSM-7 makes the whole text UCS-2
        ("a" * 70 + "ł", "ucs2", 71, 2),
        ("ł" * 134, "ucs2", 134, 2),
        ("ł" * 135, "ucs2", 135, 3),
        ("Hej 🙂", "ucs2", 6, 1),  # an emoji is two UTF-16 code units
    ],
)
def test_segments_are_counted_by_encoding(text, encoding, units, count):
    parts = sms.segments(text)
    assert (parts.encoding, parts.units, parts.count) == (encoding, units, count)


def test_a_split_text_has_room_for_the_part_header():
    assert sms.segments("a" * 200).per_part == 153
    assert sms.segments("a" * 100).per_part == 160
    assert sms.segments("ł" * 100).per_part == 67
    assert sms.segments("ł" * 10).per_part == 70


# --- The gateway -----------------------------------------------------------------------------------------------


def test_an_accepted_text_returns_the_gateways_id_and_sends_what_we_asked(gateway, client_for):
    gateway_id = client_for().send(to="20 30 40 50", text="Mødet er flyttet til kl. 10.", reference="sms-1-0")
    assert gateway_id == "gw-1"
    (received,) = gateway.requests
    assert received.body == {
        "to": "+4520304050",
        "from": "Jobcenter",
        "text": "Mødet er flyttet til kl. 10.",
        "reference": "sms-1-0",
    }
    assert received.headers["Idempotency-Key"] == "sms-1-0"


def test_the_same_reference_twice_is_one_text_at_the_gateway(gateway, client_for):
    client = client_for()
    assert client.send(to="20304050", text="Hej", reference="sms-7-0") == client.send(
        to="20304050", text="Hej", reference="sms-7-0"
    )
    assert len(gateway.requests) == 2
    assert len(gateway.sent) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 429, 408])
def test_a_gateway_failure_or_overload_is_transient(gateway, client_for, status):
    gateway.respond(status)
    with pytest.raises(sms.SmsTransientError):
        client_for().send(to="20304050", text="Hej", reference="sms-2-0")
    assert gateway.sent == {}
    # The next attempt (the outbox's retry) goes through.
    assert client_for().send(to="20304050", text="Hej", reference="sms-2-0") == "gw-1"


def test_a_timeout_is_transient(gateway, client_for):
    gateway.respond(("sleep", 1.0))
    with pytest.raises(sms.SmsTransientError, match="timed out"):
        client_for(timeout=0.2).send(to="20304050", text="Hej", reference="sms-3-0")


def test_a_gateway_that_is_down_is_transient(gateway, client_for):
    client = client_for()
    gateway.stop()
    with pytest.raises(sms.SmsTransientError, match="unreachable"):
        client.send(to="20304050", text="Hej", reference="sms-4-0")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_a_refusal_is_permanent(gateway, client_for, status):
    gateway.respond(status)
    with pytest.raises(sms.SmsPermanentError):
        client_for().send(to="20304050", text="Hej", reference="sms-5-0")
    assert not isinstance(sms.SmsPermanentError("x"), sms.SmsTransientError)


def test_a_wrong_token_is_permanent(gateway):
    client = sms.SmsGateway(url=gateway.url, token="wrong", sender="Jobcenter", timeout=2)
    with pytest.raises(sms.SmsPermanentError, match="401"):
        client.send(to="20304050", text="Hej", reference="sms-6-0")


def test_a_text_with_a_cpr_number_never_reaches_the_gateway(gateway, client_for):
    with pytest.raises(SensitiveDataError):
        client_for().send(to="20304050", text="Borger 010190-1234 kommer kl. 10", reference="sms-8-0")
    assert gateway.requests == []


def test_a_bad_number_never_reaches_the_gateway(gateway, client_for):
    with pytest.raises(ValidationError):
        client_for().send(to="123", text="Hej", reference="sms-9-0")
    assert gateway.requests == []


def test_without_a_configured_gateway_nothing_is_sent(settings):
    settings.SMS_GATEWAY_URL = ""
    assert not sms.sms_configured()
    with pytest.raises(sms.SmsNotConfigured):
        sms.SmsGateway.from_settings()


def test_the_gateway_is_configured_from_settings(settings, gateway):
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_GATEWAY_TOKEN = gateway.token
    settings.SMS_SENDER = "JC Aarhus"
    settings.SMS_GATEWAY_TIMEOUT_SECONDS = 3
    client = sms.SmsGateway.from_settings()
    assert sms.sms_configured()
    assert client.send(to="20304050", text="Hej", reference="sms-10-0") == "gw-1"
    assert gateway.requests[0].body["from"] == "JC Aarhus"


# --- Delivery reports ------------------------------------------------------------------------------------------


def test_a_signed_delivery_report_is_authentic_and_read(settings):
    settings.SMS_WEBHOOK_SECRET = "s3cret"
    body = json.dumps({"id": "gw-1", "reference": "sms-1-0", "status": "DELIVERED"}).encode()
    signature = sms.delivery_report_signature(body, "s3cret")
    assert sms.delivery_report_is_authentic(body, signature)
    report = sms.parse_delivery_report(body)
    assert (report.gateway_id, report.reference, report.state) == ("gw-1", "sms-1-0", "delivered")


@pytest.mark.parametrize(
    "signature", [None, "", "00" * 32, "wrong", sms.delivery_report_signature(b"{}", "other-secret")]
)
def test_a_report_without_the_right_signature_is_refused(settings, signature):
    settings.SMS_WEBHOOK_SECRET = "s3cret"
    body = json.dumps({"id": "gw-1", "status": "delivered"}).encode()
    assert not sms.delivery_report_is_authentic(body, signature)


def test_a_tampered_body_is_refused(settings):
    settings.SMS_WEBHOOK_SECRET = "s3cret"
    body = json.dumps({"id": "gw-1", "status": "failed"}).encode()
    signature = sms.delivery_report_signature(body, "s3cret")
    assert not sms.delivery_report_is_authentic(body.replace(b"failed", b"delivered"), signature)


def test_without_a_secret_no_report_is_authentic(settings):
    settings.SMS_WEBHOOK_SECRET = ""
    body = b'{"id": "gw-1", "status": "delivered"}'
    assert not sms.delivery_report_is_authentic(body, sms.delivery_report_signature(body, ""))


@pytest.mark.parametrize(
    ("status", "state"), [("delivered", "delivered"), ("undeliverable", "failed"), ("buffered", "pending")]
)
def test_report_states(status, state):
    assert sms.parse_delivery_report(json.dumps({"id": "x", "status": status}).encode()).state == state


@pytest.mark.parametrize("body", [b"[]", b"not json", b'{"status": "delivered"}', b'{"id": "x", "status": "??"}'])
def test_an_unreadable_report_is_an_error(body):
    with pytest.raises(ValueError):
        sms.parse_delivery_report(body)
