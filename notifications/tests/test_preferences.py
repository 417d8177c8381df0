"""Delivery preferences (issue 22): e-mail at once, a daily digest, or the inbox only, per person and group of
hand-off messages, within what the jobcenter allows; the digest built from the outbox once per person per day."""

from datetime import datetime, timedelta
from email.header import decode_header, make_header
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from inbox.models import InboxItem
from notifications.digest import DAILY_DIGEST, daily_digests_tick
from notifications.handoffs import Context, notify
from notifications.models import DeliveryPreference, Message, MessageStatus, ReminderSchedule
from notifications.services import delivery_preferences_update
from notifications.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0900 = datetime(2026, 11, 23, 9, 0, tzinfo=CPH)


def _address(header: str) -> tuple[str, str]:
    name, address = parseaddr(header)
    return str(make_header(decode_header(name))), address


def _choose(world, person, channels: dict) -> None:
    with scope(jobcenter=world.jobcenter):
        delivery_preferences_update(actor=person, jobcenter=world.jobcenter, role=Role.COORDINATOR, channels=channels)


def _coordinator(world):
    return MembershipFactory(jobcenter=world.jobcenter, role=Role.COORDINATOR, user=UserFactory()).user


def _refer(world, recipients, *, n: int = 1):
    """The 'new referral' hand-off, as citizens' service calls it."""
    for _index in range(n):
        citizen = CitizenFactory(jobcenter=world.jobcenter)
        notify(
            "citizen.referred",
            recipients,
            citizen,
            Context(title="Ny borger henvist", link=f"/borgere/{citizen.pk}/"),
            jobcenter=world.jobcenter,
        )


@time_machine.travel(MONDAY_0900, tick=False)
def test_each_person_gets_a_referral_as_they_chose(world, django_capture_on_commit_callbacks):
    now_person, digest_person, inbox_person = world.coordinator, _coordinator(world), _coordinator(world)
    _choose(world, digest_person, {"referrals": "digest"})
    _choose(world, inbox_person, {"referrals": "inbox"})
    with django_capture_on_commit_callbacks(execute=True):
        _refer(world, [now_person, digest_person, inbox_person])
    with scopes_disabled():
        status = dict(Message.objects.values_list("recipient_email", "status"))
        inbox = set(InboxItem.objects.values_list("recipient__email", flat=True))
    assert status == {
        now_person.email: MessageStatus.SENT,
        digest_person.email: MessageStatus.HELD,
        inbox_person.email: MessageStatus.INBOX_ONLY,
    }
    # Compared as parsed and decoded addresses: a name with a full stop ("Univ.Prof. Nina Bach") is sent
    # quoted, one with æ, ø or å ("Søren") as an RFC 2047 encoded word.
    assert [_address(email.to[0]) for email in mail.outbox] == [(now_person.full_name, now_person.email)]
    assert inbox == {now_person.email, digest_person.email, inbox_person.email}  # the inbox item regardless


@time_machine.travel(MONDAY_0900, tick=False)
def test_a_choice_the_jobcenter_no_longer_allows_falls_back_to_email_at_once(world):
    person = _coordinator(world)
    _choose(world, person, {"referrals": "inbox"})
    ReminderSchedule.objects.create(jobcenter=world.jobcenter, allow_inbox_only=False)
    _refer(world, [person])
    with scopes_disabled():
        assert Message.objects.get(recipient_email=person.email).status == MessageStatus.PENDING  # sent at once


def test_the_digest_lists_everything_since_the_last_once_per_person_per_day(world, django_capture_on_commit_callbacks):
    first, second = _coordinator(world), _coordinator(world)
    for person in (first, second):
        _choose(world, person, {"referrals": "digest"})
    with time_machine.travel(MONDAY_0900 - timedelta(hours=20), tick=False):
        _refer(world, [first, second], n=2)
        _refer(world, [first])
    ReminderSchedule.objects.create(jobcenter=world.jobcenter, hour=8)
    assert daily_digests_tick(now=MONDAY_0900.replace(hour=7)) == 0  # before the jobcenter's hour
    with time_machine.travel(MONDAY_0900, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert daily_digests_tick(now=MONDAY_0900) == 2
        assert daily_digests_tick(now=MONDAY_0900.replace(hour=15)) == 0  # once a day
    with scopes_disabled():
        digests = {m.recipient_email: m for m in Message.objects.filter(kind=DAILY_DIGEST)}
        assert set(Message.objects.exclude(kind=DAILY_DIGEST).values_list("status", flat=True)) == {
            MessageStatus.DIGESTED
        }
    assert set(digests) == {first.email, second.email}
    assert len(digests[first.email].items) == 3 and len(digests[second.email].items) == 2
    assert digests[first.email].idempotency_key.endswith(":-:" + first.email.lower() + ":2026-11-23")
    bodies = {email.to[0].split("<")[-1].rstrip(">"): email.body for email in mail.outbox}
    assert bodies[first.email].count("Ny borger henvist") == 3 and "/indbakke/" in bodies[first.email]
    assert "Dagens samlede beskeder, 23.11.2026 (3)" in {email.subject for email in mail.outbox}
    # A referral after today's digest waits for tomorrow's, which lists only it.
    with time_machine.travel(MONDAY_0900 + timedelta(hours=1), tick=False):
        _refer(world, [first])
    assert daily_digests_tick(now=MONDAY_0900 + timedelta(hours=2)) == 0
    tuesday = MONDAY_0900 + timedelta(days=1)
    with time_machine.travel(tuesday, tick=False):
        assert daily_digests_tick(now=tuesday) == 1
    with scopes_disabled():
        newest = Message.objects.filter(kind=DAILY_DIGEST).order_by("-pk").first()
    assert newest.recipient_email == first.email and len(newest.items) == 1 and newest.period == "2026-11-24"


def test_preferences_page_round_trip_and_refusals(world, login, django_assert_max_num_queries):
    client = login(world.coordinator)
    url = reverse("notifications:preferences")
    with django_assert_max_num_queries(20):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Mine indstillinger for beskeder" in text and "Kun i indbakken" in text
    response = client.post(url, {"placements": "digest", "claims": "inbox", "referrals": "email"})
    assert response.status_code == 302
    with scopes_disabled():
        stored = dict(DeliveryPreference.objects.filter(user=world.coordinator).values_list("group", "channel"))
    assert stored == {"placements": "digest", "claims": "inbox"}  # e-mail at once is no row
    # The jobcenter admin allows no inbox-only any more: the choice is refused next to the field, nothing saved.
    ReminderSchedule.objects.create(jobcenter=world.jobcenter, allow_inbox_only=False)
    response = client.post(url, {"placements": "inbox", "claims": "email", "referrals": "email"})
    assert response.status_code == 200
    assert "Vælg en af de muligheder, jobcentret tillader." in response.content.decode()
    with scopes_disabled():
        assert dict(DeliveryPreference.objects.filter(user=world.coordinator).values_list("group", "channel")) == (
            stored
        )
    # A leader sees it in the portal's layout, with the groups a leader receives.
    leader_page = login(world.leader_a).get(url)
    assert leader_page.status_code == 200
    assert any(t.name == "base_portal.html" for t in leader_page.templates)


SATURDAY_0900 = MONDAY_0900 + timedelta(days=5)


@pytest.mark.parametrize("with_schedule", [True, False])
def test_no_digest_at_weekends_and_mondays_lists_the_weekend(world, with_schedule):
    person = _coordinator(world)
    _choose(world, person, {"referrals": "digest"})
    if with_schedule:
        ReminderSchedule.objects.create(jobcenter=world.jobcenter, hour=8)
    for moment in (
        SATURDAY_0900 - timedelta(hours=1),
        SATURDAY_0900 + timedelta(hours=5),
        SATURDAY_0900 + timedelta(days=1),
    ):
        with time_machine.travel(moment, tick=False):
            _refer(world, [person])
    for day in (SATURDAY_0900, SATURDAY_0900 + timedelta(days=1, hours=3)):  # Saturday, Sunday after the hour
        assert daily_digests_tick(now=day) == 0
    monday = SATURDAY_0900 + timedelta(days=2)
    with time_machine.travel(monday, tick=False):
        assert daily_digests_tick(now=monday) == 1
        assert daily_digests_tick(now=monday + timedelta(hours=6)) == 0  # once a day
    with scopes_disabled():
        digest = Message.objects.get(kind=DAILY_DIGEST)
        assert set(Message.objects.exclude(kind=DAILY_DIGEST).values_list("status", flat=True)) == {
            MessageStatus.DIGESTED
        }
    assert digest.period == "2026-11-30" and len(digest.items) == 3


def test_a_jobcenter_may_have_its_digest_at_weekends_too(world):
    person = _coordinator(world)
    _choose(world, person, {"referrals": "digest"})
    ReminderSchedule.objects.create(jobcenter=world.jobcenter, hour=8, digest_on_weekends=True)
    for day in (SATURDAY_0900, SATURDAY_0900 + timedelta(days=1)):
        with time_machine.travel(day - timedelta(hours=2), tick=False):
            _refer(world, [person])
        with time_machine.travel(day, tick=False):
            assert daily_digests_tick(now=day) == 1
            assert daily_digests_tick(now=day + timedelta(hours=1)) == 0  # exactly once a day
    with scopes_disabled():
        periods = sorted(Message.objects.filter(kind=DAILY_DIGEST).values_list("period", flat=True))
    assert periods == ["2026-11-28", "2026-11-29"]
