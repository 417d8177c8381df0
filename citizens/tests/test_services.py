import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope

from audit.models import ActivityLog
from citizens import services
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    HoursStep,
    MentorAgreement,
    PlacementStatus,
    ProgressScore,
)
from citizens.periods import add_months, latest_agreement_end
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    PlacementFactory,
    PlacementTypeFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    TargetGroupFactory,
    today,
)
from companies.tests.factories import CompanyMentorFactory
from corps.tests.factories import CompetenceFactory, MentorFactory

pytestmark = pytest.mark.django_db


def _data(world, **overrides):
    return {
        "name": "Sara Jensen",
        "postcode": "8450",
        "target_group": TargetGroupFactory(jobcenter=world.jobcenter),
        **overrides,
    }


def test_citizen_create_stores_only_hash_and_token(world):
    citizen = services.citizen_create(
        actor=world.caseworker,
        jobcenter=world.jobcenter,
        data=_data(world),
        cpr_number="010190-1234",
        needs=[CompetenceFactory(jobcenter=world.jobcenter)],
    )
    citizen.refresh_from_db()
    assert citizen.birth_date == datetime.date(1990, 1, 1)
    assert citizen.cpr_masked == "010190-XXXX"
    assert "0101901234" not in citizen.cpr_encrypted and len(citizen.cpr_hash) == 64
    assert citizen.needs.count() == 1
    entry = ActivityLog.objects.get(action="citizens.citizen.created")
    assert "0101901234" not in str(entry.data) and "010190" not in str(entry.data)
    # The change history never copies the CPR token.
    assert not hasattr(citizen.history.first(), "cpr_encrypted")


def test_duplicate_cpr_in_same_jobcenter_is_a_field_error(world):
    services.citizen_create(
        actor=world.caseworker, jobcenter=world.jobcenter, data=_data(world), cpr_number="010190-1234"
    )
    with pytest.raises(ValidationError) as error:
        services.citizen_create(
            actor=world.caseworker, jobcenter=world.jobcenter, data=_data(world), cpr_number="0101901234"
        )
    assert "cpr_number" in error.value.message_dict
    assert Citizen.objects.count() == 1
    # Another jobcenter may hold the same person.
    with scope(jobcenter=world.other_jobcenter):
        services.citizen_create(
            actor=world.other_coordinator,
            jobcenter=world.other_jobcenter,
            data=_data(world, target_group=TargetGroupFactory(jobcenter=world.other_jobcenter)),
            cpr_number="010190-1234",
        )


def test_citizen_update_keeps_or_removes_cpr(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234")
    services.citizen_update(actor=world.coordinator, citizen=citizen, data={"name": "Nyt Navn"}, cpr_number=None)
    citizen.refresh_from_db()
    assert citizen.name == "Nyt Navn" and citizen.has_cpr
    services.citizen_update(actor=world.coordinator, citizen=citizen, data={}, cpr_number="")
    citizen.refresh_from_db()
    assert not citizen.has_cpr and citizen.birth_date is None


def test_agreement_period_is_at_most_six_months(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    start = datetime.date(2026, 3, 1)
    base = {
        "goal": "Mål",
        "mentor_tasks": "Opgaver",
        "starts_on": start,
        "hours_total": Decimal("30"),
        "mentor": MentorFactory(jobcenter=world.jobcenter),
    }
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            actor=world.coordinator, citizen=citizen, data={**base, "ends_on": datetime.date(2026, 9, 2)}
        )
    assert "6 måneder" in error.value.message_dict["ends_on"][0]
    agreement = services.agreement_create(
        actor=world.coordinator, citizen=citizen, data={**base, "ends_on": datetime.date(2026, 9, 1)}
    )
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.complaint_guidance.startswith("Klagevejledning")


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert latest_agreement_end(datetime.date(2026, 1, 15)) == datetime.date(2026, 7, 15)


def test_database_refuses_period_longer_than_184_days(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(
            citizen=CitizenFactory(jobcenter=world.jobcenter),
            starts_on=today(),
            ends_on=today() + datetime.timedelta(days=200),
        )


def test_one_active_agreement_per_citizen(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    first = AgreementFactory(citizen=citizen, mentor=mentor)
    second = AgreementFactory(citizen=citizen, mentor=mentor)
    services.agreement_activate(actor=world.coordinator, agreement=first)
    citizen.refresh_from_db()
    assert citizen.status == CitizenStatus.ACTIVE
    with pytest.raises(ValidationError, match="allerede en aktiv"):
        services.agreement_activate(actor=world.coordinator, agreement=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorAgreement.objects.filter(pk=second.pk).update(status="active")


def test_renewal_needs_assessment_and_replaces_the_active_agreement(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    agreement = AgreementFactory(citizen=citizen, mentor=MentorFactory(jobcenter=world.jobcenter))
    services.agreement_activate(actor=world.coordinator, agreement=agreement)
    with pytest.raises(ValidationError) as error:
        services.agreement_renew(actor=world.coordinator, agreement=agreement, renewal_assessment=" ", data={})
    assert "renewal_assessment" in error.value.message_dict
    new = services.agreement_renew(
        actor=world.coordinator,
        agreement=agreement,
        renewal_assessment="Borgeren er tæt på job.",
        data={"starts_on": agreement.ends_on, "ends_on": agreement.ends_on + datetime.timedelta(days=90)},
    )
    services.agreement_activate(actor=world.coordinator, agreement=new)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.RENEWED
    assert MentorAgreement.objects.filter(citizen=citizen, status="active").get() == new


def test_activation_requires_a_mentor(world):
    agreement = AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), mentor=None)
    with pytest.raises(ValidationError) as error:
        services.agreement_activate(actor=world.coordinator, agreement=agreement)
    assert "mentor" in error.value.message_dict


def test_placement_proposal_accept_and_decline(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    data = {
        "company": world.company_a,
        "placement_type": PlacementTypeFactory(jobcenter=world.jobcenter),
        "responsible": world.coordinator,
        "starts_on": today(),
        "ends_on": today() + datetime.timedelta(days=60),
        "tasks": "Kaffepause med kollegerne",
        "hours_per_week": Decimal("1"),
        "mentor_hours_per_week": Decimal("1"),
    }
    placement = services.placement_create(actor=world.coordinator, citizen=citizen, data=data)
    assert placement.status == PlacementStatus.PROPOSED
    assert HoursStep.objects.filter(placement=placement).count() == 1
    other_mentor = CompanyMentorFactory(company=world.company_b)
    with pytest.raises(ValidationError):
        services.placement_accept(actor=world.leader_a, placement=placement, company_mentor=other_mentor)
    mentor = CompanyMentorFactory(company=world.company_a)
    services.placement_accept(actor=world.leader_a, placement=placement, company_mentor=mentor)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE and placement.company_mentor == mentor
    with pytest.raises(ValidationError, match="besvaret"):
        services.placement_decline(actor=world.leader_a, placement=placement, reason="Nej")
    second = services.placement_create(actor=world.coordinator, citizen=citizen, data=data)
    services.placement_decline(actor=world.leader_a, placement=second, reason="Ingen kapacitet lige nu")
    second.refresh_from_db()
    assert second.status == PlacementStatus.DECLINED


def test_placement_end_after_start_in_form_and_database(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    data = {
        "company": world.company_a,
        "placement_type": PlacementTypeFactory(jobcenter=world.jobcenter),
        "responsible": world.coordinator,
        "starts_on": today(),
        "ends_on": today(),
        "tasks": "x",
        "hours_per_week": Decimal("3"),
    }
    with pytest.raises(ValidationError) as error:
        services.placement_create(actor=world.coordinator, citizen=citizen, data=data)
    assert "ends_on" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementFactory(citizen=citizen, starts_on=today(), ends_on=today() - datetime.timedelta(days=1))


def test_hours_cannot_be_negative_in_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), hours_per_week=Decimal("-1"))


def test_scores_between_1_and_5(world):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError):
        services.progress_assessment_record(
            actor=world.coordinator,
            placement=placement,
            assessed_on=today(),
            scores=[services.ScoreInput(dimension, 6)],
        )
    assessment = services.progress_assessment_record(
        actor=world.coordinator,
        placement=placement,
        assessed_on=today(),
        scores=[services.ScoreInput(dimension, 4, "Fin udvikling")],
    )
    assert assessment.scores.get().score == 4
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressScore.objects.create(
            assessment=ProgressAssessmentFactory(placement=placement), dimension=dimension, score=0
        )


def test_follow_up_moves_last_follow_up_and_hours_confirmation(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    placement = PlacementFactory(citizen=citizen)
    follow_up = services.follow_up_create(
        actor=world.coordinator,
        citizen=citizen,
        data={
            "placement": placement,
            "kind": "visit",
            "occurred_on": today() - datetime.timedelta(days=2),
            "notes": "Besøg",
            "mentor_hours": Decimal("3"),
        },
    )
    placement.refresh_from_db()
    assert placement.last_follow_up_on == today() - datetime.timedelta(days=2)
    assert follow_up.hours_unconfirmed
    services.follow_up_confirm_hours(actor=world.coordinator, follow_up=follow_up)
    follow_up.refresh_from_db()
    assert follow_up.hours_confirmed_by == "coordinator"
    with pytest.raises(ValidationError):
        services.follow_up_confirm_hours(actor=world.coordinator, follow_up=follow_up)
    # An older follow-up does not move the date back.
    services.follow_up_create(
        actor=world.coordinator,
        citizen=citizen,
        data={
            "placement": placement,
            "kind": "phone",
            "occurred_on": today() - datetime.timedelta(days=9),
            "notes": "Opkald",
        },
    )
    placement.refresh_from_db()
    assert placement.last_follow_up_on == today() - datetime.timedelta(days=2)


def test_follow_up_for_another_citizens_placement_is_refused(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    other = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    with pytest.raises(ValidationError) as error:
        services.follow_up_create(
            actor=world.coordinator,
            citizen=citizen,
            data={"placement": other, "kind": "visit", "occurred_on": today(), "notes": "x"},
        )
    assert "placement" in error.value.message_dict


def test_citizen_end_requires_nothing_running(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    placement = PlacementFactory(citizen=citizen)
    with pytest.raises(ValidationError, match="forløb"):
        services.citizen_end(actor=world.coordinator, citizen=citizen, outcome="ordinary_job", outcome_on=today())
    services.placement_end(actor=world.coordinator, placement=placement, outcome="ordinary_job", ended_on=today())
    services.citizen_end(actor=world.coordinator, citizen=citizen, outcome="ordinary_job", outcome_on=today())
    citizen.refresh_from_db()
    assert citizen.status == CitizenStatus.ENDED and citizen.outcome == "ordinary_job"


def test_vocabulary_defaults_are_seeded_once(world):
    added = services.vocabulary_defaults_ensure(actor=None, jobcenter=world.jobcenter)
    assert added == 8 + 5 + 5
    assert services.vocabulary_defaults_ensure(actor=None, jobcenter=world.jobcenter) == 0
