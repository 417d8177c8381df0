"""The send path's fast parts (the claim's rows, render_fast, the e-mail built per row) make exactly the e-mail that
the plain path makes: the row read through the ORM, its context rendered by Django's templates (render), the
e-mail built field by field. Compared as bytes, apart from the Date header and the MIME boundary (both new on
every rendering)."""

import re
from datetime import datetime
from email.utils import formataddr
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from citizens.tests.factories import AgreementFactory
from corps.tests.factories import MentorFactory
from notifications import kinds
from notifications.fanout import WEEKLY_FOLLOWUP, weekly_reminders_create
from notifications.models import Message
from notifications.rendering import render
from notifications.services import deferred_contexts, message_enqueue, messages_send
from notifications.tests.factories import TEMPLATES, TEST_KIND, CompanyMentorFactory, PlacementFactory

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0700 = datetime(2026, 11, 23, 7, 0, tzinfo=CPH)
BOUNDARY = re.compile(rb'boundary="([^"]+)"')


def _plain_email(row: Message, subject: str, text: str, html: str) -> EmailMultiAlternatives:
    """The e-mail of one outbox row as the send path has always built it, spelled out."""
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((row.recipient_name, row.recipient_email))],
        headers={
            "Message-ID": f"<outbox.{row.jobcenter_id}.{row.pk}.{row.resends}@mentor.favrskov.dk>",
            "X-Mentorordning-Message": f"{row.jobcenter_id}-{row.pk}",
        },
    )
    if html:
        email.attach_alternative(html, "text/html")
    return email


def _bytes(email) -> bytes:
    """The e-mail as sent, without its Date header; the MIME boundary (random) replaced by a fixed one."""
    raw = email.message().as_bytes()
    head, _sep, body = raw.partition(b"\n\n")
    head = b"\n".join(line for line in head.split(b"\n") if not line.startswith(b"Date: "))
    raw = head + b"\n\n" + body
    found = BOUNDARY.search(raw)
    return raw.replace(found.group(1), b"BOUNDARY") if found else raw


@pytest.mark.django_db
@time_machine.travel(MONDAY_0700, tick=False)
def test_a_weekly_reminder_sent_is_byte_for_byte_the_plainly_rendered_email(settings):
    settings.SITE_URL = "https://mentor.favrskov.dk"
    settings.NOTIFICATIONS_SEND_CHUNK = 3  # rows of several chunks
    first = PlacementFactory(
        citizen__name="Åse Ørsted-Bæk", company__name='Bager <Ø> & Co "Hammel"', responsible__full_name="Jørgen Æbelø"
    )
    jobcenter = first.jobcenter
    PlacementFactory(jobcenter=jobcenter, responsible=first.responsible, citizen__name="Ali O'Brien")
    PlacementFactory(
        jobcenter=jobcenter,
        company_mentor=CompanyMentorFactory(company=first.company, full_name="Ib", email="ib@bager.dk"),
        company=first.company,
    )
    corps = MentorFactory(jobcenter=jobcenter, full_name="Søren Kierkegård Hansen", email="soeren@example.dk")
    AgreementFactory(citizen=first.citizen, mentor=corps, caseworker=None, status="active", starts_on=first.starts_on)
    ids = weekly_reminders_create(jobcenter_id=jobcenter.pk, period="2026-W48", on=MONDAY_0700.date(), now=MONDAY_0700)
    # One e-mail rendered when it was enqueued, among them, takes the same way.
    enqueued = message_enqueue(
        jobcenter=jobcenter,
        kind=TEST_KIND,
        recipient_email="karen@favrskov.dk",
        recipient_name="Karen Holm",
        context={"name": "Karen Holm", "title": "Netværksmøde <for> mentorer & ledere"},
        about=None,
        idempotency_key="bytes:1",
        **TEMPLATES,
    )
    assert len(ids) >= 5

    outcome = messages_send(ids=[*ids, enqueued.pk])
    assert outcome.sent == len(ids) + 1 and not outcome.errors

    sent = {email.extra_headers["X-Mentorordning-Message"]: email for email in mail.outbox}
    assert len(sent) == len(ids) + 1
    kind = kinds.get(WEEKLY_FOLLOWUP)
    for row in Message.objects.filter(pk__in=[*ids, enqueued.pk]):
        if row.is_rendered:
            subject, text, html = row.subject, row.body_text, row.body_html
        else:
            context = deferred_contexts([row])[row.pk]
            subject, text, html = render(
                subject_template=kind.subject_template,
                text_template=kind.text_template,
                html_template=kind.html_template,
                context=context,
            )
        expected = _bytes(_plain_email(row, subject, text, html))
        actual = _bytes(sent[f"{row.jobcenter_id}-{row.pk}"])
        assert actual == expected
        assert b"Message-ID: <outbox." in actual and b"Content-Type: text/html" in actual


@pytest.mark.django_db
def test_a_claimed_row_is_the_message_from_db_makes():
    """The claim builds its rows without Model.__init__: the same attributes and state as Message.from_db, and no
    init signal that would be skipped."""
    from django.db import connection
    from django.db.models import signals

    from notifications.services.send import _CLAIM_FIELDS, _from_row
    from notifications.tests.factories import MessageFactory

    assert not signals.pre_init.has_listeners(Message) and not signals.post_init.has_listeners(Message)
    row = MessageFactory(items=[[1, 2, "staff"]], attachments=[["a.ics", "BEGIN:VCALENDAR", "text/calendar"]])
    values = list(Message.objects.filter(pk=row.pk).values_list(*_CLAIM_FIELDS).get())
    fast, plain = _from_row(values), Message.from_db(connection.alias, _CLAIM_FIELDS, values)
    fast_state, plain_state = fast.__dict__.pop("_state"), plain.__dict__.pop("_state")
    assert fast.__dict__ == plain.__dict__ and fast.__dict__["items"] == [[1, 2, "staff"]]
    assert (fast_state.adding, fast_state.db) == (plain_state.adding, plain_state.db) == (False, connection.alias)
    assert fast.get_deferred_fields() == plain.get_deferred_fields() != set()


def test_contains_cpr_finds_what_the_cpr_pattern_finds():
    """contains_cpr tries only where a run of digits starts; on random texts of digits, separators and other
    characters it answers exactly as a search with CPR_PATTERN."""
    import random

    from notifications.rendering import CPR_PATTERN, contains_cpr

    rng = random.Random(24)  # noqa: S311 (test data, not a secret)
    alphabet = "01234567890123 -x\x00\u0663"
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        expected = bool(CPR_PATTERN.search(text))
        assert contains_cpr(text) is expected, repr(text)
        found += expected
    assert found > 10  # the random texts hold CPR-like numbers, not only misses
    assert contains_cpr("ring 0101901234 i dag") and contains_cpr("Borger 31129-1234, 311299-1234")
    assert not contains_cpr("forløb 123456/ 3213991234 01019012345")


def test_values_known_clean_are_not_scanned_again_but_a_new_value_is(tmp_path, settings):
    """render_fast remembers values that held no CPR number (the week, the opening shared by a fan-out's
    messages); a message whose value differs by one character is scanned and refused."""
    from notifications.rendering import _CLEAN_VALUES, SensitiveDataError, render_fast
    from notifications.tests.test_sensitive_data import _fast_kind

    text, html = "{{ opening }}\n{{ a }}", "<p>{{ a }}</p>"
    kind = _fast_kind(tmp_path, settings, "test.clean.memo", "Uge {{ week }}", text, html)
    opening = "Det er tid til den ugentlige opfølgning (uge 48). Du har 1 forløb:"
    for name in ("Lars", "Mette"):
        assert render_fast(kind=kind, context={"opening": opening, "a": name, "week": "48"})[0] == "Uge 48"
    assert opening in _CLEAN_VALUES
    with pytest.raises(SensitiveDataError):
        render_fast(kind=kind, context={"opening": opening.replace("1 forløb", "0101901234"), "a": "Ib", "week": "48"})
    with pytest.raises(SensitiveDataError):
        render_fast(kind=kind, context={"opening": opening, "a": "Ib 010190-1234", "week": "48"})
