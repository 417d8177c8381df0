"""Text messages through the outbox against a fake gateway on the loopback address: the row says SMS, the send
task hands it to the SMS channel, exactly once like e-mail; 5xx and timeouts wait by backoff and are sent when
the gateway is back, a 4xx fails the text and is never retried, and e-mails in the same batch go on. Delivery
reports reach the row through the signed webhook."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import JobcenterFactory
from notifications import kinds, sms
from notifications.channels import sms_reference
from notifications.models import Message, MessageStatus, OutboxChannel
from notifications.rendering import SensitiveDataError
from notifications.services import backoff, messages_send
from notifications.sms_services import SmsTooLong, sms_enqueue
from notifications.tests.factories import MessageFactory
from notifications.tests.fake_sms_gateway import FakeGateway

pytestmark = pytest.mark.django_db

SMS_KIND = "notifications.test_sms"
kinds.register(
    kinds.MessageKind(
        key=SMS_KIND,
        label="Test-sms",
        subject_template="notifications/tests/sms_subject.txt",
        text_template="notifications/tests/sms_body.txt",
        html_template=None,
        example_context=lambda: {"name": "Lars", "when": "7. december kl. 10.00", "place": "Jobcentret"},
        sms=True,
    )
)
CONTEXT = {"name": "Lars", "when": "7. december kl. 10.00", "place": "Jobcentret, Søndergade 3"}


@pytest.fixture
def gateway(settings):
    fake = FakeGateway().start()
    settings.SMS_GATEWAY_URL = fake.url
    settings.SMS_GATEWAY_TOKEN = fake.token
    settings.SMS_SENDER = "Jobcenter"
    settings.SMS_GATEWAY_TIMEOUT_SECONDS = 1
    settings.SMS_WEBHOOK_SECRET = "webhook-secret"
    yield fake
    fake.stop()


def enqueue(jobcenter=None, phone="20 30 40 50", **overrides):
    return sms_enqueue(
        jobcenter=jobcenter or JobcenterFactory(),
        kind=SMS_KIND,
        recipient_phone=phone,
        recipient_name="Lars Jensen",
        context={**CONTEXT, **overrides},
        about=None,
        period=overrides.get("period", ""),
    )


def make_due(message):
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())


def test_a_text_is_an_outbox_row_with_its_channel_number_and_parts():
    message = enqueue()
    assert message.channel == OutboxChannel.SMS and message.is_sms
    assert message.recipient_phone == "+4520304050" and message.recipient_email == ""
    assert message.body_text.startswith("Hej Lars. Dit møde med din mentor er 7. december kl. 10.00")
    assert (message.sms_encoding, message.sms_segments) == ("gsm7", 1)
    assert message.recipient_address == "+4520304050"
    # The same text again is the same row.
    assert enqueue(jobcenter=message.jobcenter).pk == message.pk


def test_a_long_or_non_gsm_text_stores_its_parts():
    message = enqueue(place="Jobcentret – Łódźvej " + "x" * 60)
    assert message.sms_encoding == "ucs2"
    assert message.sms_segments == sms.segments(message.body_text).count == 3


def test_a_text_of_more_than_three_parts_is_refused_and_nothing_is_written():
    with pytest.raises(SmsTooLong):
        enqueue(place="x" * 600)
    assert not Message.objects.exists()


def test_a_bad_number_is_refused_with_the_danish_message_and_nothing_is_written():
    with pytest.raises(ValidationError) as raised:
        enqueue(phone="1234")
    assert raised.value.messages == [str(sms.MOBILE_ERROR)]
    assert not Message.objects.exists()


def test_a_cpr_number_never_becomes_a_text():
    with pytest.raises(SensitiveDataError):
        enqueue(place="010190-1234")
    assert not Message.objects.exists()


def test_an_email_kind_cannot_be_sent_as_a_text():
    with pytest.raises(ValueError, match="not a text message kind"):
        sms_enqueue(
            jobcenter=JobcenterFactory(),
            kind="notifications.test_invitation",
            recipient_phone="20304050",
            recipient_name="",
            context={},
            about=None,
        )


def test_the_row_needs_a_number_when_it_is_a_text():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        MessageFactory(channel=OutboxChannel.SMS, recipient_phone="")


def test_sent_once_through_the_gateway_with_its_id_stored(gateway):
    message = enqueue()
    outcome = messages_send(ids=[message.pk])
    assert outcome.sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.gateway_id == "gw-1"
    (received,) = gateway.requests
    assert received.body["to"] == "+4520304050"
    assert received.body["text"] == message.body_text
    assert received.headers["Idempotency-Key"] == sms_reference(message)
    assert mail.outbox == []
    # Sending again sends nothing.
    assert messages_send(ids=[message.pk]).sent == 0
    assert len(gateway.requests) == 1


def test_enqueued_in_a_transaction_it_is_sent_after_commit_by_the_task(gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(gateway.sent) == 1


@pytest.mark.parametrize("failure", [500, 503, ("sleep", 2.0)], ids=["500", "503", "timeout"])
def test_a_gateway_failure_waits_by_backoff_and_is_sent_when_the_gateway_answers(gateway, failure):
    message = enqueue()
    gateway.respond(failure, failure)
    before = timezone.now()
    outcome = messages_send(ids=[message.pk])
    assert (outcome.sent, outcome.delayed, outcome.failed) == (0, 1, 0)
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and message.attempts == 1
    assert message.next_attempt_at >= before + backoff(1) - timedelta(seconds=1)
    # Not due yet: nothing is tried.
    assert messages_send(ids=[message.pk]).sent == 0
    # Due again, the gateway still failing: the wait doubles.
    make_due(message)
    assert messages_send(ids=[message.pk]).delayed == 1
    message.refresh_from_db()
    assert message.attempts == 2
    assert backoff(2) > backoff(1)
    # The gateway is back.
    make_due(message)
    assert messages_send(ids=[message.pk]).sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 3 and message.last_error == ""
    assert len(gateway.sent) == 1


def test_a_gateway_that_is_down_delays_the_text_but_not_the_emails_in_the_batch(gateway):
    text = enqueue()
    emails = MessageFactory.create_batch(2, jobcenter=text.jobcenter)
    gateway.stop()
    outcome = messages_send(ids=[text.pk] + [e.pk for e in emails])
    assert (outcome.sent, outcome.delayed) == (2, 1)
    assert len(mail.outbox) == 2
    text.refresh_from_db()
    assert text.status == MessageStatus.PENDING and "unreachable" in text.last_error


@pytest.mark.parametrize("status", [400, 422])
def test_a_refusal_fails_the_text_and_it_is_never_retried(gateway, status):
    message = enqueue()
    gateway.respond(status)
    outcome = messages_send(ids=[message.pk])
    assert (outcome.sent, outcome.failed, outcome.delayed) == (0, 1, 0)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED and str(status) in message.last_error
    make_due(message)
    assert messages_send(ids=[message.pk]).sent == 0
    assert len(gateway.requests) == 1


def test_without_a_gateway_a_text_fails_and_says_why(settings):
    settings.SMS_GATEWAY_URL = ""
    message = enqueue()
    assert messages_send(ids=[message.pk]).failed == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED and "SMS_GATEWAY_URL" in message.last_error


def test_a_resend_is_a_new_text_at_the_gateway(gateway):
    from notifications.services import message_resend

    message = enqueue()
    messages_send(ids=[message.pk])
    first = sms_reference(Message.objects.get(pk=message.pk))
    Message.objects.filter(pk=message.pk).update(
        resends=1, status=MessageStatus.PENDING, sent_at=None, next_attempt_at=timezone.now()
    )
    messages_send(ids=[message.pk])
    assert sms_reference(Message.objects.get(pk=message.pk)) != first
    assert len(gateway.sent) == 2
    assert message_resend  # the coordinators' resend counts up `resends` (notifications.services)


# --- Delivery reports through the webhook ---------------------------------------------------------------------


def post_report(client, data: dict, secret: str | None = "webhook-secret", method: str = "post"):  # noqa: S107
    body = json.dumps(data).encode()
    headers = {}
    if secret is not None:
        headers["HTTP_X_SIGNATURE"] = sms.delivery_report_signature(body, secret)
    url = reverse("notifications:sms_delivery_report")
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


@pytest.fixture
def sent_text(gateway):
    message = enqueue()
    messages_send(ids=[message.pk])
    message.refresh_from_db()
    return message


def test_a_signed_delivery_report_is_recorded(client, sent_text):
    response = post_report(
        client, {"id": sent_text.gateway_id, "reference": sms_reference(sent_text), "status": "delivered"}
    )
    assert response.status_code == 204
    sent_text.refresh_from_db()
    assert sent_text.delivery_status == "delivered" and sent_text.delivered_at is not None
    # A late 'buffered' report does not undo it; a repeat changes nothing.
    post_report(client, {"id": sent_text.gateway_id, "reference": sms_reference(sent_text), "status": "buffered"})
    sent_text.refresh_from_db()
    assert sent_text.delivery_status == "delivered"


def test_a_failed_delivery_is_recorded_with_its_reason(client, sent_text):
    post_report(
        client,
        {
            "id": sent_text.gateway_id,
            "reference": sms_reference(sent_text),
            "status": "undeliverable",
            "error": "absent",
        },
    )
    sent_text.refresh_from_db()
    assert (sent_text.delivery_status, sent_text.delivery_detail, sent_text.delivered_at) == ("failed", "absent", None)


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_an_unsigned_or_wrongly_signed_report_is_refused_and_changes_nothing(client, sent_text, secret):
    response = post_report(
        client, {"id": sent_text.gateway_id, "reference": sms_reference(sent_text), "status": "delivered"}, secret
    )
    assert response.status_code == 401
    sent_text.refresh_from_db()
    assert sent_text.delivery_status == ""


def test_a_report_whose_id_and_reference_disagree_changes_nothing(client, sent_text):
    other = enqueue(phone="30405060")
    response = post_report(client, {"id": sent_text.gateway_id, "reference": sms_reference(other), "status": "failed"})
    assert response.status_code == 204
    assert set(Message.objects.values_list("delivery_status", flat=True)) == {""}


def test_a_signed_but_unreadable_report_is_a_bad_request(client, gateway):
    assert post_report(client, {"status": "delivered"}).status_code == 400


def test_a_signed_get_is_not_allowed(client, gateway):
    body = b""
    response = client.get(
        reverse("notifications:sms_delivery_report"),
        HTTP_X_SIGNATURE=sms.delivery_report_signature(body, "webhook-secret"),
    )
    assert response.status_code == 405


# --- The message-kind scan, for texts --------------------------------------------------------------------------

SMS_KINDS = [kind.key for kind in kinds.all_kinds() if kind.sms]


@pytest.mark.parametrize("key", SMS_KINDS)
def test_every_text_kind_renders_without_cpr_or_health_note_within_three_parts(key):
    from notifications.rendering import contains_cpr, render

    kind = kinds.get(key)
    assert kind.html_template is None
    subject, text, _html = render(
        subject_template=kind.subject_template,
        text_template=kind.text_template,
        html_template=None,
        context=kind.example_context(),
    )
    for part in (subject, text):
        assert not contains_cpr(part)
        assert kinds.EXAMPLE_CPR not in part
        assert kinds.EXAMPLE_SENSITIVE_NOTE.split(":")[0] not in part
    assert 1 <= sms.segments(text.strip()).count <= 3


# --- The outbox pages show a text by its number, parts and delivery ---------------------------------------------


def test_the_outbox_pages_show_a_text_by_its_number_parts_and_delivery(world, login, client, sent_text):
    Message.objects.filter(pk=sent_text.pk).update(jobcenter=world.jobcenter)
    post_report(client, {"id": sent_text.gateway_id, "reference": sms_reference(sent_text), "status": "delivered"})
    coordinator = login(world.coordinator)
    listing = coordinator.get(reverse("notifications:outbox")).content.decode()
    assert "Lars Jensen (SMS)" in listing
    detail = coordinator.get(reverse("notifications:detail", kwargs={"pk": sent_text.pk})).content.decode()
    assert "+4520304050" in detail and "SMS-dele" in detail and "Leveret" in detail
