"""A reminder or a hand-off goes only to someone who may act on it (accounts.permissions.COORDINATORS: register
the follow-up, end or renew the agreement, answer the company). A caseworker may only read placements and
agreements, so the test world's caseworker, named as job consultant and as the agreement's contact person, gets
nothing; the coordinator who can act gets each reminder exactly once, however often the ticks run."""

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scope

from citizens.message_kinds import AGREEMENT_ENDING
from citizens.models import AgreementStatus, PlacementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from companies.tests.factories import CompanyMentorFactory, placement_for
from corps.tests.factories import MentorFactory
from inbox.models import InboxItem
from notifications.daily import daily_notices_tick
from notifications.fanout import FOLLOWUP_OVERDUE, WEEKLY_FOLLOWUP, overdue_reminders_tick, weekly_reminders_tick
from notifications.models import Message

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0800 = datetime(2026, 11, 23, 8, 0, tzinfo=CPH)  # ISO week 48, a working day


def _agreement(world, *, contact, ends_on: date):
    return AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, caseworker=contact),
        caseworker=contact,
        status=AgreementStatus.ACTIVE,
        mentor=MentorFactory(jobcenter=world.jobcenter),
        starts_on=date(2026, 9, 1),
        ends_on=ends_on,
    )


def _run_every_tick(now: datetime) -> None:
    weekly_reminders_tick(now=now)
    overdue_reminders_tick(now=now)
    daily_notices_tick(now=now)


def test_a_caseworker_gets_no_reminder_the_coordinator_who_can_act_gets_each_once(world):
    # The caseworker is named as job consultant of a running placement overdue for follow-up and as contact
    # person of a running agreement that ends in ten days; the coordinator of one placement of their own.
    theirs = placement_for(world.company_a, responsible=world.caseworker, last_follow_up_on=date(2026, 11, 2))
    mine = placement_for(world.company_b, responsible=world.coordinator, last_follow_up_on=date(2026, 11, 20))
    ending = _agreement(world, contact=world.caseworker, ends_on=MONDAY_0800.date() + timedelta(days=10))
    # The other jobcenter's placement reaches only its own coordinator.
    placement_for(world.other_company, responsible=world.other_coordinator, last_follow_up_on=date(2026, 11, 2))

    _run_every_tick(MONDAY_0800)
    _run_every_tick(MONDAY_0800 + timedelta(hours=2))  # a second beat: nothing twice

    mine_jc = Message.objects.filter(jobcenter=world.jobcenter)
    assert not mine_jc.filter(recipient_email__iexact=world.caseworker.email).exists()
    assert not mine_jc.filter(recipient_email__iexact=world.jobcenter_admin.email).exists()
    to_coordinator = Counter(mine_jc.filter(recipient_email=world.coordinator.email).values_list("kind", flat=True))
    assert to_coordinator == {WEEKLY_FOLLOWUP: 1, FOLLOWUP_OVERDUE: 1, AGREEMENT_ENDING: 1}

    weekly = mine_jc.get(kind=WEEKLY_FOLLOWUP, recipient_email=world.coordinator.email)
    listed = Counter((about_type, about_id) for about_type, about_id, _audience in weekly.items)
    assert sorted(about_id for _type, about_id in listed) == sorted([theirs.pk, mine.pk, ending.pk])
    assert set(listed.values()) == {1}  # each object listed once
    assert mine_jc.get(kind=FOLLOWUP_OVERDUE).about_id == theirs.pk
    assert mine_jc.get(kind=AGREEMENT_ENDING).about_id == ending.pk
    # The other jobcenter's coordinator hears only of their own placement.
    other = Message.objects.filter(recipient_email=world.other_coordinator.email)
    assert set(other.values_list("jobcenter_id", flat=True)) == {world.other_jobcenter.pk}


def test_a_company_answer_on_a_caseworkers_placement_reaches_the_coordinators_not_the_caseworker(world):
    from citizens import services

    proposed = placement_for(world.company_a, status=PlacementStatus.PROPOSED, responsible=world.caseworker)
    with scope(jobcenter=world.jobcenter):
        services.placement_accept(
            actor=world.leader_a, placement=proposed, company_mentor=CompanyMentorFactory(company=world.company_a)
        )

    told = Message.objects.filter(kind="citizens.handoff.placement_accepted")
    assert list(told.values_list("recipient_email", flat=True)) == [world.coordinator.email]
    assert list(InboxItem.objects.values_list("recipient_id", flat=True)) == [world.coordinator.pk]
