import pytest
from django.core import mail
from django.db import transaction

from accounts.tests.factories import JobcenterFactory, UserFactory
from notifications import kinds
from notifications.keys import idempotency_key_for
from notifications.models import Message, MessageStatus
from notifications.rendering import SensitiveDataError
from notifications.services import message_enqueue
from notifications.tests.factories import TEMPLATES, TEST_KIND

pytestmark = pytest.mark.django_db


def enqueue(jobcenter, *, about=None, email="lars@example.dk", period="2026-W48", **overrides):
    arguments = {
        "jobcenter": jobcenter,
        "kind": TEST_KIND,
        "recipient_email": email,
        "recipient_name": "Lars Jensen",
        "context": {"name": "Lars Jensen", "title": "Netværksmøde"},
        "about": about,
        "period": period,
        **TEMPLATES,
        **overrides,
    }
    return message_enqueue(**arguments)


def test_enqueue_renders_in_danish_and_sends_after_commit(django_capture_on_commit_callbacks):
    jobcenter = JobcenterFactory()
    about = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue(jobcenter, about=about)
        assert mail.outbox == []  # nothing before commit
    message.refresh_from_db()
    assert message.subject == "Invitation til Netværksmøde"
    assert message.body_text.startswith("Kære Lars Jensen")
    assert "<strong>Netværksmøde</strong>" in message.body_html
    assert message.about_id == about.pk and message.about_type.model == "user"
    assert message.status == MessageStatus.SENT and message.sent_at is not None and message.attempts == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Invitation til Netværksmøde"
    assert sent.to == ["Lars Jensen <lars@example.dk>"]
    assert sent.alternatives[0].mimetype == "text/html"


def test_second_enqueue_with_same_key_is_a_noop(django_capture_on_commit_callbacks):
    jobcenter = JobcenterFactory()
    about = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = enqueue(jobcenter, about=about)
        second = enqueue(jobcenter, about=about, email="LARS@example.dk ")
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1
    assert callbacks  # the first enqueue registered the dispatch


def test_key_defaults_to_kind_about_recipient_period():
    about = UserFactory()
    key = idempotency_key_for(kind=TEST_KIND, about=about, recipient_email=" Lars@Example.dk", period="2026-W48")
    assert key == f"{TEST_KIND}:accounts.user:{about.pk}:lars@example.dk:2026-W48"


def test_different_period_or_recipient_is_a_new_message():
    jobcenter = JobcenterFactory()
    about = UserFactory()
    enqueue(jobcenter, about=about)
    enqueue(jobcenter, about=about, period="2026-W49")
    enqueue(jobcenter, about=about, email="anne@example.dk")
    enqueue(jobcenter, about=about, idempotency_key="explicit")
    assert Message.objects.count() == 4


def test_rolled_back_transaction_writes_and_sends_nothing(django_capture_on_commit_callbacks):
    jobcenter = JobcenterFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(jobcenter)
        raise RuntimeError("the caller's change failed")
    assert Message.objects.count() == 0
    assert mail.outbox == []
    assert callbacks == []


def test_attachments_are_stored_and_attached(django_capture_on_commit_callbacks):
    ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(JobcenterFactory(), attachments=[("moede.ics", ics, "text/calendar; method=REQUEST")])
    assert mail.outbox[0].attachments[0][0] == "moede.ics"
    assert mail.outbox[0].attachments[0][2].startswith("text/calendar")


def test_unknown_kind_is_refused():
    with pytest.raises(kinds.UnknownMessageKind):
        enqueue(JobcenterFactory(), kind="nobody.registered_this")
    assert Message.objects.count() == 0


@pytest.mark.parametrize("cpr", ["0101901234", "010190-1234", "311299 4321"])
def test_a_cpr_number_in_the_rendered_message_is_refused(cpr):
    with pytest.raises(SensitiveDataError):
        enqueue(JobcenterFactory(), context={"name": "Lars", "title": f"møde om {cpr}"})
    assert Message.objects.count() == 0


def test_phone_numbers_and_dates_are_not_taken_for_cpr():
    message = enqueue(JobcenterFactory(), context={"name": "Lars", "title": "møde 24.12.2026, ring 86 12 34 56"})
    assert "86 12 34 56" in message.body_text
