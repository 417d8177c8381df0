"""The status transitions tables of agreements and placements: every declared move is made by a service,
and an undeclared one is refused with code "illegal_transition" and nothing changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import ActivityLog
from citizens import services
from citizens.models import AgreementStatus, MentorAgreement, Outcome, Placement, PlacementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory, PlacementFactory, today
from companies.tests.factories import CompanyMentorFactory
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def _agreement(world, status=AgreementStatus.DRAFT):
    return AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        mentor=MentorFactory(jobcenter=world.jobcenter),
        status=status,
        activated_at=None if status == AgreementStatus.DRAFT else timezone.now(),
    )


def test_every_agreement_transition_is_made_by_a_service(world):
    made = set()

    draft = _agreement(world)
    services.agreement_activate(actor=world.coordinator, agreement=draft)
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.ACTIVE
    made.add((AgreementStatus.DRAFT, AgreementStatus.ACTIVE))

    services.agreement_end(actor=world.coordinator, agreement=draft, ended_on=today())
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.ENDED
    made.add((AgreementStatus.ACTIVE, AgreementStatus.ENDED))

    active = _agreement(world)
    services.agreement_activate(actor=world.coordinator, agreement=active)
    new = services.agreement_renew(
        actor=world.coordinator,
        agreement=active,
        renewal_assessment="Borgeren er tæt på job.",
        data={"starts_on": active.ends_on, "ends_on": active.ends_on + datetime.timedelta(days=90)},
    )
    services.agreement_activate(actor=world.coordinator, agreement=new)
    active.refresh_from_db()
    assert active.status == AgreementStatus.RENEWED
    made.add((AgreementStatus.ACTIVE, AgreementStatus.RENEWED))

    assert made == set(MentorAgreement.STATUS_TRANSITIONS.pairs())


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (AgreementStatus.ENDED, "activate"),
        (AgreementStatus.RENEWED, "activate"),
        (AgreementStatus.ACTIVE, "activate"),
        (AgreementStatus.DRAFT, "end"),
        (AgreementStatus.ENDED, "end"),
        (AgreementStatus.RENEWED, "end"),
    ],
)
def test_illegal_agreement_transition_is_refused_and_nothing_changes(world, status, move):
    agreement = _agreement(world, status)
    before = MentorAgreement.objects.values().get(pk=agreement.pk)
    logged = ActivityLog.objects.count()
    with pytest.raises(ValidationError) as error:
        if move == "activate":
            services.agreement_activate(actor=world.coordinator, agreement=agreement)
        else:
            services.agreement_end(actor=world.coordinator, agreement=agreement, ended_on=today())
    assert error.value.code == "illegal_transition"
    assert error.value.messages == [
        "Kun en kladde kan sættes i kraft." if move == "activate" else "Kun en aktiv aftale kan afsluttes."
    ]
    assert MentorAgreement.objects.values().get(pk=agreement.pk) == before
    assert ActivityLog.objects.count() == logged


def test_agreement_table_answers_the_models_status_rules(world):
    table = MentorAgreement.STATUS_TRANSITIONS
    for status in AgreementStatus.values:
        agreement = MentorAgreement(status=status)
        assert agreement.can_be_activated == table.can(status, AgreementStatus.ACTIVE)
        assert agreement.can_be_ended == table.can(status, AgreementStatus.ENDED)
    with pytest.raises(ValidationError) as error:
        table.require(AgreementStatus.RENEWED, AgreementStatus.DRAFT)
    assert error.value.code == "illegal_transition"
    assert error.value.messages == ["En mentoraftale med status “Forlænget med ny aftale” kan ikke få status “Kladde”."]


def _proposed(world):
    return PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        company=world.company_a,
        company_mentor=None,
        status=PlacementStatus.PROPOSED,
        starts_on=today() - datetime.timedelta(days=5),
    )


def test_every_placement_transition_is_made_by_a_service(world):
    made = set()
    mentor = CompanyMentorFactory(company=world.company_a)

    placement = _proposed(world)
    services.placement_accept(actor=world.leader_a, placement=placement, company_mentor=mentor)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE
    made.add((PlacementStatus.PROPOSED, PlacementStatus.ACTIVE))

    services.placement_end(actor=world.coordinator, placement=placement, outcome=Outcome.values[0], ended_on=today())
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ENDED
    made.add((PlacementStatus.ACTIVE, PlacementStatus.ENDED))

    declined = _proposed(world)
    services.placement_decline(actor=world.leader_a, placement=declined, reason="Ingen kapacitet lige nu")
    declined.refresh_from_db()
    assert declined.status == PlacementStatus.DECLINED
    made.add((PlacementStatus.PROPOSED, PlacementStatus.DECLINED))

    assert made == set(Placement.STATUS_TRANSITIONS.pairs())


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (PlacementStatus.ACTIVE, "accept"),
        (PlacementStatus.ENDED, "accept"),
        (PlacementStatus.DECLINED, "decline"),
        (PlacementStatus.ENDED, "decline"),
        (PlacementStatus.PROPOSED, "end"),
        (PlacementStatus.DECLINED, "end"),
        (PlacementStatus.ENDED, "end"),
    ],
)
def test_illegal_placement_transition_is_refused_and_nothing_changes(world, status, move):
    mentor = CompanyMentorFactory(company=world.company_a)
    placement = PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        company=world.company_a,
        company_mentor=None if status in (PlacementStatus.PROPOSED, PlacementStatus.DECLINED) else mentor,
        status=status,
        starts_on=today() - datetime.timedelta(days=5),
        **({"outcome": Outcome.values[0], "ended_on": today()} if status == PlacementStatus.ENDED else {}),
    )
    before = Placement.objects.values().get(pk=placement.pk)
    logged = ActivityLog.objects.count()
    with pytest.raises(ValidationError) as error:
        if move == "accept":
            services.placement_accept(actor=world.leader_a, placement=placement, company_mentor=mentor)
        elif move == "decline":
            services.placement_decline(actor=world.leader_a, placement=placement, reason="Nej tak")
        else:
            services.placement_end(
                actor=world.coordinator, placement=placement, outcome=Outcome.values[0], ended_on=today()
            )
    assert error.value.code == "illegal_transition"
    assert Placement.objects.values().get(pk=placement.pk) == before
    assert ActivityLog.objects.count() == logged
