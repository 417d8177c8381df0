"""The start page's lists of what waits on the coordinator (reports.next_steps): which rows, in which order,
with which links, for which role, at a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from accounts.models import Membership, Role
from accounts.tests.factories import MembershipFactory, UserFactory
from audit.models import AccessLog
from citizens.models import CitizenStatus, PlacementStatus
from citizens.rules import DRAFT_AGREEMENT_STALE_DAYS
from citizens.tests.factories import AgreementFactory, CitizenFactory, PlacementFactory
from companies.tests.factories import CompanyFactory
from matching.models import OfferStatus
from matching.tests.factories import OfferFactory
from reports.next_steps import SHOWN, waiting_on

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _active(jc):
    return CitizenFactory(jobcenter=jc, status=CitizenStatus.ACTIVE)


def _data(world, *, extra: int = 0):
    """Referred citizens waiting 10, 20 and 40 days (one of the coordinator's, two of the caseworker's), one who
    has an accepted offer and one with a draft agreement (neither waits for a mentor), a stale draft, a fresh
    draft, and placements proposed to a company with and without a leader. `extra` adds rows of every kind."""
    jc = world.jobcenter
    waiting = [
        CitizenFactory(jobcenter=jc, name=f"Venter {days}", referred_on=_days_ago(days), caseworker=caseworker)
        for days, caseworker in [(10, world.caseworker), (40, world.caseworker), (20, world.coordinator)]
    ]
    accepted = OfferFactory(
        citizen=CitizenFactory(jobcenter=jc, name="Har sagt ja", referred_on=_days_ago(50)),
        status=OfferStatus.ACCEPTED,
        answered_at=timezone.now() - datetime.timedelta(days=3),
    )
    AgreementFactory(citizen=CitizenFactory(jobcenter=jc, name="Har kladde", referred_on=_days_ago(60)))
    stale = AgreementFactory(
        citizen=CitizenFactory(jobcenter=jc, name="Gammel kladde", status=CitizenStatus.ACTIVE),
        mentor=accepted.mentor,
        created_at=timezone.now() - datetime.timedelta(days=DRAFT_AGREEMENT_STALE_DAYS + 2),
    )
    no_leader = CompanyFactory(jobcenter=jc, name="Uden Leder ApS")
    orphan = PlacementFactory(citizen=_active(jc), company=no_leader, status=PlacementStatus.PROPOSED)
    # leader_a answers for company A:
    PlacementFactory(citizen=_active(jc), company=world.company_a, status=PlacementStatus.PROPOSED)
    for _i in range(extra):
        citizen = CitizenFactory(jobcenter=jc, referred_on=_days_ago(5), caseworker=world.caseworker)
        OfferFactory(citizen=CitizenFactory(jobcenter=jc), status=OfferStatus.ACCEPTED, answered_at=timezone.now())
        AgreementFactory(
            citizen=CitizenFactory(jobcenter=jc, status=CitizenStatus.ACTIVE),
            created_at=timezone.now() - datetime.timedelta(days=30),
        )
        PlacementFactory(company=no_leader, status=PlacementStatus.PROPOSED, citizen=citizen)
    # The other jobcenter's rows never show.
    CitizenFactory(jobcenter=world.other_jobcenter, name="Anden kommune", referred_on=_days_ago(400))
    return waiting, accepted, stale, orphan


def _lists(world, role, user):
    return {item.key: item for item in waiting_on(jobcenter=world.jobcenter, role=role, user=user)}


def test_coordinator_sees_what_waits_oldest_first_with_links(world):
    waiting, accepted, stale, orphan = _data(world)
    lists = _lists(world, Role.COORDINATOR, world.coordinator)

    without = lists["without_mentor"]
    assert without.count == 3
    assert [row.text for row in without.rows] == ["Venter 40", "Venter 20", "Venter 10"]
    assert without.rows[0].url == reverse("matching:citizen", kwargs={"pk": waiting[1].pk})
    assert "40 dage" in without.rows[0].detail
    assert "20 dage" in without.summary  # the median of 10, 20 and 40

    offers = lists["accepted_offers"]
    assert offers.count == 1
    assert offers.rows[0].url == (
        reverse("citizens:agreement_create", kwargs={"pk": accepted.citizen_id}) + f"?tilbud={accepted.pk}"
    )
    assert offers.rows[0].action == "Opret mentoraftale"

    drafts = lists["stale_drafts"]
    assert drafts.count == 1
    assert drafts.rows[0].url == reverse("citizens:agreement_detail", kwargs={"pk": stale.pk})

    proposals = lists["proposals_without_leader"]
    assert proposals.count == 1
    assert proposals.rows[0].text == f"{orphan.citizen.name} hos Uden Leder ApS"
    assert proposals.rows[0].url == reverse("companies:leader_invite", kwargs={"pk": orphan.company_id})


def test_an_agreement_made_after_the_offer_takes_it_off_the_list(world):
    _waiting, accepted, _stale, _orphan = _data(world)
    AgreementFactory(citizen=accepted.citizen, mentor=accepted.mentor)
    assert _lists(world, Role.COORDINATOR, world.coordinator)["accepted_offers"].count == 0


def test_an_inactive_leader_does_not_count_as_one_who_can_answer(world):
    _data(world)
    Membership.objects.filter(user=world.leader_a).update(is_active=False)
    assert _lists(world, Role.COORDINATOR, world.coordinator)["proposals_without_leader"].count == 2


def test_caseworker_sees_only_own_citizens_linked_to_pages_a_caseworker_may_open(world):
    waiting, *_rest = _data(world)
    lists = _lists(world, Role.CASEWORKER, world.caseworker)
    assert list(lists) == ["without_mentor"]
    rows = lists["without_mentor"].rows
    assert [row.text for row in rows] == ["Venter 40", "Venter 10"]
    assert rows[0].url == reverse("citizens:detail", kwargs={"pk": waiting[1].pk})
    assert lists["without_mentor"].more_url == reverse("citizens:list") + "?mine=on&status=referred"


def test_a_leader_has_no_lists(world):
    _data(world)
    assert waiting_on(jobcenter=world.jobcenter, role=Role.COMPANY_LEADER, user=world.leader_a) == []


@pytest.mark.parametrize("role", ["coordinator", "jobcenter_admin", "caseworker"])
def test_start_page_shows_the_lists_at_a_fixed_number_of_queries(login, world, role, django_assert_max_num_queries):
    waiting, *_rest = _data(world, extra=SHOWN + 3)
    user = getattr(world, role)
    client = login(user)
    client.get("/")  # warm the session and caches
    before = AccessLog.objects.count()
    with django_assert_max_num_queries({"caseworker": 5}.get(role, 9)):
        response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Det venter på dig" in page
    assert "Venter 40" in page
    if role == "caseworker":
        assert "Venter 20" not in page  # the coordinator's citizen
        assert "Opret mentoraftale" not in page
        assert reverse("matching:citizen", kwargs={"pk": waiting[1].pk}) not in page
    else:
        assert "Opret mentoraftale" in page
        assert "Uden Leder ApS" in page
        assert "Invitér en leder" in page
    assert AccessLog.objects.count() == before + 1  # the lists name citizens: the read is logged


def test_a_second_coordinator_membership_elsewhere_changes_nothing(world):
    """The lists follow the jobcenter asked for, never another membership of the user."""
    _data(world)
    user = UserFactory()
    MembershipFactory(user=user, jobcenter=world.other_jobcenter, role=Role.COORDINATOR)
    with scope(jobcenter=world.other_jobcenter):
        lists = waiting_on(jobcenter=world.other_jobcenter, role=Role.COORDINATOR, user=user)
    assert [row.text for row in lists[0].rows] == ["Anden kommune"]
    assert all(item.count == 0 for item in lists[1:])
