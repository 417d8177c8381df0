"""Every hand-off in notifications.handoffs.HANDOFFS, performed through the service that performs the step, in
each jobcenter of the test world: the message (outbox) and the inbox item reach the right people and no one
else (not the actor, not another company's leader, not a caseworker, not anyone in the other jobcenter)."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from citizens.models import AgreementStatus, AssessorKind, PlacementStatus, RecordedAs
from citizens.tests.factories import AgreementFactory, CitizenFactory, ProgressDimensionFactory, TargetGroupFactory
from companies.models import ClaimStatus
from companies.tests.factories import CompanyFactory, CompanyMentorFactory, claim_for, placement_for, placement_type_for
from corps.tests.factories import MentorFactory
from inbox.models import InboxItem
from matching.models import AnsweredVia
from matching.tests.factories import OfferFactory, cohort_with
from notifications import handoffs
from notifications.models import Message

pytestmark = pytest.mark.django_db


@dataclass
class Side:
    """One jobcenter's people: two coordinators, a job consultant (a coordinator too), a caseworker, an admin,
    company A with two leaders and company B with one."""

    jobcenter: object
    coordinator: object
    coordinator_2: object
    consultant: object
    caseworker: object
    admin: object
    company_a: object
    company_b: object
    leader_a: object
    leader_a2: object
    leader_b: object

    @property
    def coordinators(self) -> set:
        return {self.coordinator, self.coordinator_2, self.consultant}


def _side(world, where: str) -> Side:
    """The world's people of that jobcenter, and more: a second coordinator, a job consultant, a second leader
    of company A (and, in the other jobcenter, everyone the world does not give it)."""
    first = where == "first"
    jobcenter = world.jobcenter if first else world.other_jobcenter

    def member(role, company=None):
        return MembershipFactory(jobcenter=jobcenter, role=role, company=company, user=UserFactory()).user

    company_a = world.company_a if first else world.other_company
    company_b = world.company_b if first else CompanyFactory(jobcenter=jobcenter, name="Haderslev Bageri ApS")
    return Side(
        jobcenter=jobcenter,
        coordinator=world.coordinator if first else world.other_coordinator,
        coordinator_2=member(Role.COORDINATOR),
        consultant=member(Role.COORDINATOR),
        caseworker=world.caseworker if first else member(Role.CASEWORKER),
        admin=world.jobcenter_admin if first else member(Role.JOBCENTER_ADMIN),
        company_a=company_a,
        company_b=company_b,
        leader_a=world.leader_a if first else member(Role.COMPANY_LEADER, company_a),
        leader_a2=member(Role.COMPANY_LEADER, company_a),
        leader_b=world.leader_b if first else member(Role.COMPANY_LEADER, company_b),
    )


@pytest.fixture
def sides(world):
    return {"first": _side(world, "first"), "other": _side(world, "other")}


# --- The steps: each performs one hand-off through its service and returns who must be told ----------------


def _proposed(side):
    return placement_for(side.company_a, status=PlacementStatus.PROPOSED, responsible=side.consultant)


def step_placement_proposed(side):
    from citizens import services

    citizen = CitizenFactory(jobcenter=side.jobcenter)
    services.placement_create(
        actor=side.coordinator,
        citizen=citizen,
        data={
            "company": side.company_a,
            "placement_type": placement_type_for(side.jobcenter),
            "responsible": side.consultant,
            "starts_on": timezone.localdate() + timedelta(days=7),
            "ends_on": timezone.localdate() + timedelta(days=97),
            "tasks": "Lager og pakning",
            "hours_per_week": Decimal("10"),
        },
    )
    return {side.leader_a, side.leader_a2}


def step_cohort_proposed(side):
    from matching import services

    cohort, seats = cohort_with(side.jobcenter, candidates=8, companies=2, capacity=6, min_group=4)
    leaders = {}
    for seat in seats:
        leaders[seat.company_id] = MembershipFactory(
            jobcenter=side.jobcenter, role=Role.COMPANY_LEADER, company=seat.company, user=UserFactory()
        ).user
    cohort = services.cohort_solve(actor=side.coordinator, cohort=cohort)
    placements = services.cohort_commit(actor=side.coordinator, cohort=cohort)
    # One message per company, listing each of its citizens (first names), never one per citizen.
    for company_id, leader in leaders.items():
        mine = [p for p in placements if p.company_id == company_id]
        messages = Message.objects.filter(kind="matching.handoff.cohort_proposed", recipient_email=leader.email)
        assert messages.count() == (1 if mine else 0)
        if mine:
            body = messages.get().body_text
            assert all(handoffs.first_name(p.citizen.name) in body for p in mine)
    # No single-placement proposal went out besides.
    assert not Message.objects.filter(kind="citizens.handoff.placement_proposed").exists()
    return {leaders[company_id] for company_id in {p.company_id for p in placements}}


def step_placement_accepted(side):
    from citizens import services

    placement = _proposed(side)
    mentor = CompanyMentorFactory(company=side.company_a)
    services.placement_accept(actor=side.leader_a, placement=placement, company_mentor=mentor)
    return {side.consultant}


def step_placement_declined(side):
    from citizens import services

    services.placement_decline(actor=side.leader_a, placement=_proposed(side), reason="Ingen plads lige nu")
    return {side.consultant}


def step_follow_up_by_company(side):
    from citizens import services

    placement = placement_for(side.company_a, responsible=side.consultant)
    data = {"placement": placement, "kind": "visit", "occurred_on": timezone.localdate(), "notes": "Godt i gang"}
    services.follow_up_create(actor=side.leader_a, citizen=placement.citizen, data=data, recorded_as=RecordedAs.COMPANY)
    return {side.consultant}


def step_assessment_by_company(side):
    from citizens import services

    placement = placement_for(side.company_a, responsible=side.consultant, starts_on=date(2026, 1, 5))
    dimension = ProgressDimensionFactory(jobcenter=side.jobcenter)
    services.progress_assessment_record(
        actor=side.leader_a,
        placement=placement,
        assessed_on=timezone.localdate(),
        scores=[services.ScoreInput(dimension=dimension, score=4)],
        assessor_kind=AssessorKind.COMPANY,
    )
    return {side.consultant}


def step_claim_submitted(side):
    from companies import services

    placement = placement_for(side.company_a, responsible=side.consultant)
    services.claim_submit(
        actor=side.leader_a, company=side.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal("6")
    )
    return side.coordinators


def _submitted_claim(side):
    return claim_for(
        placement_for(side.company_a), submitted_by=side.leader_a, submitted_at=timezone.now(), status="submitted"
    )


def step_claim_approved(side):
    from companies import services

    services.claim_approve(actor=side.coordinator, claim=_submitted_claim(side))
    return {side.leader_a}


def step_claim_rejected(side):
    from companies import services

    claim = services.claim_reject(actor=side.coordinator, claim=_submitted_claim(side), reason="Timerne mangler")
    assert claim.status == ClaimStatus.REJECTED
    body = Message.objects.get(kind="companies.handoff.claim_rejected").body_text
    assert "Timerne mangler" in body
    return {side.leader_a}


def step_course_nomination_created(side):
    from companies import services

    services.course_nomination_create(actor=side.leader_a, mentor=CompanyMentorFactory(company=side.company_a))
    return side.coordinators


def step_offer_declined(side):
    from matching import services

    offer = OfferFactory(citizen=CitizenFactory(jobcenter=side.jobcenter), offered_by=side.coordinator_2)
    services.offer_decline(actor=None, offer=offer, reason="Har ikke tid", via=AnsweredVia.LINK)
    return {side.coordinator_2}


def step_citizen_referred(side):
    from citizens import services

    services.citizen_create(
        actor=side.caseworker,
        jobcenter=side.jobcenter,
        data={
            "name": "Mette Sørensen",
            "postcode": "8450",
            "target_group": TargetGroupFactory(jobcenter=side.jobcenter),
        },
    )
    return side.coordinators


def step_agreement_ending(side):
    from notifications.daily import daily_notices_run

    today = timezone.localdate()
    # The agreement's contact person is a job consultant, who may renew it (a coordinator).
    AgreementFactory(
        citizen=CitizenFactory(jobcenter=side.jobcenter, caseworker=side.caseworker),
        caseworker=side.consultant,
        mentor=MentorFactory(jobcenter=side.jobcenter),
        status=AgreementStatus.ACTIVE,
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=10),
    )
    daily_notices_run(jobcenter=side.jobcenter, today=today, now=timezone.now())
    return {side.consultant}


def _meeting_data(side):
    return {
        "date": timezone.localdate() + timedelta(days=7),
        "start": time(10),
        "end": time(11),
        "place": "Jobcentret, mødelokale 2",
        "caseworker": side.caseworker,
    }


def _only_mentor_and_citizen_besides(agreement, handoff_kind):
    """Besides the caseworker's hand-off, the mentor got the calendar file by e-mail and the citizen a text."""
    others = Message.objects.exclude(kind=handoff_kind)
    assert set(others.values_list("recipient_email", "recipient_phone")) == {
        (agreement.mentor.email, ""),
        ("", "+4520304050"),
    }
    assert others.count() == 2


def step_first_meeting_planned(side):
    from citizens import services
    from citizens.tests.meeting import active_agreement

    agreement = active_agreement(side.jobcenter, caseworker=side.caseworker)
    services.first_meeting_plan(actor=side.coordinator, agreement=agreement, data=_meeting_data(side))
    _only_mentor_and_citizen_besides(agreement, "citizens.handoff.first_meeting_planned")
    return {side.caseworker}


def step_first_meeting_cancelled(side):
    from citizens import services
    from citizens.tests.meeting import active_agreement, planned

    agreement = active_agreement(side.jobcenter, caseworker=side.caseworker)
    planned(agreement, caseworker=side.caseworker)
    services.first_meeting_cancel(actor=side.coordinator, agreement=agreement)
    _only_mentor_and_citizen_besides(agreement, "citizens.handoff.first_meeting_cancelled")
    return {side.caseworker}


STEPS = {
    "placement.proposed": step_placement_proposed,
    "cohort.proposed": step_cohort_proposed,
    "placement.accepted": step_placement_accepted,
    "placement.declined": step_placement_declined,
    "follow_up.by_company": step_follow_up_by_company,
    "assessment.by_company": step_assessment_by_company,
    "claim.submitted": step_claim_submitted,
    "claim.approved": step_claim_approved,
    "claim.rejected": step_claim_rejected,
    "course_nomination.created": step_course_nomination_created,
    "offer.declined": step_offer_declined,
    "citizen.referred": step_citizen_referred,
    "agreement.ending": step_agreement_ending,
    "first_meeting.planned": step_first_meeting_planned,
    "first_meeting.cancelled": step_first_meeting_cancelled,
}


def test_every_handoff_in_the_registry_has_a_step():
    assert set(STEPS) == set(handoffs.HANDOFFS)


@pytest.mark.parametrize("where", ["first", "other"])
@pytest.mark.parametrize("event", list(handoffs.HANDOFFS))
def test_the_handoff_reaches_the_right_people_and_no_one_else(event, where, sides, login):
    side = sides[where]
    handoff = handoffs.get(event)
    with scope(jobcenter=side.jobcenter):
        expected = STEPS[event](side)
    assert expected, "a step must tell someone"
    messages = Message.objects.filter(kind=handoff.kind)
    assert {m.recipient_email for m in messages} == {user.email for user in expected}
    assert messages.count() == len(expected)  # one each
    assert {m.jobcenter_id for m in messages} == {side.jobcenter.pk}
    items = InboxItem.objects.filter(event=event)
    if handoff.inbox:
        assert {item.recipient for item in items} == expected
        assert items.count() == len(expected)
        assert {item.jobcenter_id for item in items} == {side.jobcenter.pk}
        for item in items:
            assert item.link.startswith("/")
            # Portal items belong to the recipient's company; staff items to none.
            if handoff.roles == handoffs.LEADERS:
                assert item.company_id is not None
            else:
                assert item.company_id is None
        # The recipient opens it from the inbox and reaches the object's page.
        item = items.order_by("pk").first()
        client = login(item.recipient)
        response = client.get(reverse("inbox:open", kwargs={"pk": item.pk}))
        assert response.status_code == 302 and response["Location"] == item.link
        assert client.get(item.link).status_code == 200
    else:
        assert not items.exists()
    # Only this hand-off's kind went out at all (the test world holds no other reason to write).
    handoff_kinds = {h.kind for h in handoffs.HANDOFFS.values()}
    assert set(Message.objects.filter(kind__in=handoff_kinds).values_list("kind", flat=True)) == {handoff.kind}


def test_repeating_a_step_tells_no_one_twice(world):
    from companies import services

    side = _side(world, "first")
    mentor = CompanyMentorFactory(company=side.company_a)
    with scope(jobcenter=side.jobcenter):
        services.course_nomination_create(actor=side.leader_a, mentor=mentor, wish="Foråret")
        services.course_nomination_create(actor=side.leader_a, mentor=mentor, wish="Efteråret")
    assert Message.objects.filter(kind="companies.handoff.course_nomination").count() == 3
    assert InboxItem.objects.filter(event="course_nomination.created").count() == 3


def test_a_resubmitted_claim_is_a_new_handoff(world):
    from companies import services

    side = _side(world, "first")
    placement = placement_for(side.company_a)
    with scope(jobcenter=side.jobcenter):
        claim = services.claim_submit(
            actor=side.leader_a, company=side.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal("6")
        )
        services.claim_reject(actor=side.coordinator, claim=claim, reason="Forkert timetal")
        services.claim_submit(
            actor=side.leader_a, company=side.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal("5")
        )
    assert Message.objects.filter(kind="companies.handoff.claim_submitted").count() == 2 * len(side.coordinators)


def test_a_job_consultant_who_left_hands_over_to_the_coordinators(world):
    from citizens import services

    side = _side(world, "first")
    placement = _proposed(side)
    side.consultant.memberships.update(is_active=False)
    with scope(jobcenter=side.jobcenter):
        services.placement_decline(actor=side.leader_a, placement=placement, reason="Ingen plads")
    told = set(
        Message.objects.filter(kind="citizens.handoff.placement_declined").values_list("recipient_email", flat=True)
    )
    assert told == {side.coordinator.email, side.coordinator_2.email}


def test_a_rolled_back_step_tells_no_one(world):
    from django.db import transaction

    side = _side(world, "first")

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic(), scope(jobcenter=side.jobcenter):
        step_placement_declined(side)
        raise Abort
    assert not Message.objects.filter(kind="citizens.handoff.placement_declined").exists()
    assert not InboxItem.objects.exists()


def test_the_coordinator_recording_a_decline_is_not_told_of_it(world):
    from matching import services

    side = _side(world, "first")
    offer = OfferFactory(citizen=CitizenFactory(jobcenter=side.jobcenter), offered_by=side.coordinator)
    with scope(jobcenter=side.jobcenter):
        services.offer_decline(actor=side.coordinator, offer=offer, reason="Har ikke tid")
    assert not Message.objects.filter(kind="matching.handoff.offer_declined").exists()
