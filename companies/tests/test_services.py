import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Membership, Role
from audit.models import ActivityLog
from companies import services
from companies.models import ClaimStatus, CompanyMentor, CompensationClaim, CompensationRates, LeaderInvitation
from companies.tests.factories import CompanyMentorFactory, LeaderInvitationFactory, claim_for, placement_for
from mentorship.web import link_token_hash
from notifications.models import Message

pytestmark = pytest.mark.django_db


def company_data(**overrides):
    data = {
        "name": "Favrskov Tømrer ApS",
        "cvr": "25716639",
        "p_number": "",
        "address": "Industrivej 4",
        "postcode": "8450",
        "city": "Hammel",
        "industry": None,
        "size_band": "10-49",
        "sector": "private",
        "contact_name": "Jens Holm",
        "contact_email": "jens@tomrer.dk",
        "contact_phone": "86 96 12 34",
        "capacity": 2,
        "status": "interested",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_company_create_writes_the_company_and_an_activity_entry(world):
    company = services.company_create(actor=world.coordinator, jobcenter=world.jobcenter, data=company_data())
    assert company.jobcenter == world.jobcenter
    assert ActivityLog.objects.filter(action="companies.company.created", object_id=str(company.pk)).exists()


def test_company_create_refuses_a_wrong_cvr_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=world.coordinator, jobcenter=world.jobcenter, data=company_data(cvr="25716638"))
    assert "cvr" in error.value.message_dict
    assert not world.jobcenter.companies.filter(name="Favrskov Tømrer ApS").exists()


def test_company_create_refuses_a_placement_type_of_another_jobcenter(world):
    from companies.tests.factories import placement_type_for

    foreign = placement_type_for(world.other_jobcenter)
    with pytest.raises(ValueError):
        services.company_create(
            actor=world.coordinator, jobcenter=world.jobcenter, data=company_data(), placement_types=[foreign]
        )


def test_leader_may_not_change_status_or_cvr(world):
    with pytest.raises(ValueError):
        services.company_update(actor=world.leader_a, company=world.company_a, data={"status": "active"}, leader=True)
    with pytest.raises(ValueError):
        services.company_update(actor=world.leader_a, company=world.company_a, data={"cvr": "25716639"}, leader=True)


def test_company_update_saves_only_changed_fields_and_logs_them(world):
    services.company_update(
        actor=world.coordinator, company=world.company_a, data={"capacity": 5, "name": "Hammel Maskinfabrik A/S"}
    )
    entry = ActivityLog.objects.get(action="companies.company.updated")
    assert entry.data["fields"] == ["capacity"]
    world.company_a.refresh_from_db()
    assert world.company_a.capacity == 5


def test_a_mentor_can_only_shadow_a_mentor_of_the_same_company(world):
    other = CompanyMentorFactory(company=world.company_b)
    with pytest.raises(ValueError):
        services.company_mentor_create(
            actor=world.leader_a,
            company=world.company_a,
            data={"full_name": "Ny Mentor", "is_new": True, "shadowing": other},
        )
    assert not CompanyMentor.objects.filter(full_name="Ny Mentor").exists()


def test_company_mentor_create_with_competences_of_the_jobcenter(world):
    from corps.tests.factories import CompetenceFactory

    competence = CompetenceFactory(jobcenter=world.jobcenter)
    experienced = CompanyMentorFactory(company=world.company_a)
    mentor = services.company_mentor_create(
        actor=world.leader_a,
        company=world.company_a,
        data={"full_name": "Sofie Lund", "hourly_wage": Decimal("231.50"), "is_new": True, "shadowing": experienced},
        competences=[competence],
    )
    assert list(mentor.competences.all()) == [competence]
    assert mentor.shadowing == experienced


def test_course_nomination_keeps_one_open_nomination_per_mentor(world):
    mentor = CompanyMentorFactory(company=world.company_a)
    first = services.course_nomination_create(actor=world.leader_a, mentor=mentor, wish="Gerne fyraftensmøde")
    second = services.course_nomination_create(actor=world.leader_a, mentor=mentor, wish="Weekend")
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.wish == "Weekend"


# --- Leader invitations ---------------------------------------------------------------------------


def test_leader_invite_puts_a_mail_with_a_single_use_link_in_the_outbox(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        invitation = services.leader_invite(
            actor=world.coordinator, company=world.company_a, email="Ny.Leder@Hammel.dk", full_name="Ny Leder"
        )
    assert invitation.email == "ny.leder@hammel.dk"
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    message = Message.objects.get(kind="companies.leader_invitation", recipient_email="ny.leder@hammel.dk")
    token = re.search(r"/virksomheder/invitation/([^/\s]+)/", message.body_text).group(1)
    assert link_token_hash(token) == invitation.token_hash
    assert token not in invitation.token_hash  # only the hash is stored on the invitation
    assert "Hammel Maskinfabrik A/S" in message.subject


def test_leader_invite_refuses_someone_who_already_leads_the_company(world):
    with pytest.raises(ValidationError):
        services.leader_invite(
            actor=world.coordinator, company=world.company_a, email=world.leader_a.email, full_name="X"
        )


def test_accepting_an_invitation_creates_the_leader_once(world):
    invitation = LeaderInvitationFactory(company=world.company_a, token="abc", email="karen@hammel.dk")
    accepted, user = services.leader_invitation_accept(token="abc", password="en-god-lang-adgangskode-42")
    assert user.check_password("en-god-lang-adgangskode-42")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.company) == (Role.COMPANY_LEADER, world.company_a)
    assert accepted.accepted_at is not None
    with pytest.raises(services.InvitationError) as problem:
        services.leader_invitation_accept(token="abc", password="en-anden-adgangskode-42")
    assert problem.value.reason == "used"
    assert invitation.pk == accepted.pk


@pytest.mark.parametrize(("days_old", "revoked", "reason"), [(8, False, "expired"), (0, True, "revoked")])
def test_expired_and_revoked_invitations_cannot_be_used(world, days_old, revoked, reason):
    now = timezone.now()
    LeaderInvitationFactory(
        company=world.company_a,
        token="t1",
        created_at=now - timedelta(days=days_old),
        revoked_at=now if revoked else None,
    )
    with pytest.raises(services.InvitationError) as problem:
        services.leader_invitation_accept(token="t1", password="en-god-lang-adgangskode-42")
    assert problem.value.reason == reason
    assert not Membership.objects.filter(company=world.company_a, user__email__startswith="leder").exists()


def test_an_existing_user_must_be_logged_in_as_themselves_to_accept(world):
    LeaderInvitationFactory(company=world.company_b, token="t2", email=world.caseworker.email)
    with pytest.raises(services.InvitationError) as problem:
        services.leader_invitation_accept(token="t2", password=None, user=None)
    assert problem.value.reason == "login_required"
    # A caseworker already has a membership in this jobcenter; one user cannot hold two roles there.
    with pytest.raises(services.InvitationError) as problem:
        services.leader_invitation_accept(token="t2", password=None, user=world.caseworker)
    assert problem.value.reason == "other_role"
    assert LeaderInvitation.objects.get(email=world.caseworker.email).accepted_at is None


def test_a_removed_leader_can_be_invited_again(world):
    membership = Membership.objects.get(user=world.leader_a)
    services.leader_remove(actor=world.coordinator, membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active
    LeaderInvitationFactory(company=world.company_a, token="t3", email=world.leader_a.email)
    services.leader_invitation_accept(token="t3", password=None, user=world.leader_a)
    membership.refresh_from_db()
    assert membership.is_active


# --- Compensation claims --------------------------------------------------------------------------


def test_claim_submit_prices_hours_with_the_mentor_wage_and_the_jobcenter_rates(world):
    CompensationRates.objects.create(
        jobcenter=world.jobcenter,
        valid_from=date(2026, 1, 1),
        holiday_pay_pct=Decimal("12.50"),
        pension_pct=Decimal("10.00"),
        employer_contribution_pct=Decimal("2.00"),
    )
    placement = placement_for(world.company_a)
    claim = services.claim_submit(
        actor=world.leader_a,
        company=world.company_a,
        placement=placement,
        month=date(2026, 3, 17),
        hours=Decimal("10"),
    )
    assert claim.month == date(2026, 3, 1)
    assert claim.wage_amount == Decimal("2450.00")
    assert claim.holiday_pay_amount == Decimal("306.25")
    assert claim.pension_amount == Decimal("245.00")
    assert claim.employer_contribution_amount == Decimal("49.00")
    assert claim.total_amount == Decimal("3050.25")
    assert claim.status == ClaimStatus.SUBMITTED


def test_claim_for_another_company_placement_is_refused(world):
    placement = placement_for(world.company_b)
    with pytest.raises(ValueError):
        services.claim_submit(
            actor=world.leader_a, company=world.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal(5)
        )
    assert not CompensationClaim.objects.exists()


@pytest.mark.parametrize(
    ("placement_kwargs", "month", "field"),
    [
        ({"status": "proposed"}, date(2026, 3, 1), "placement"),
        ({}, date(2025, 12, 1), "month"),  # before the placement started
        ({}, date(2027, 1, 1), "month"),  # after it ends (and in the future)
    ],
)
def test_claim_submit_explains_what_is_wrong_per_field(world, placement_kwargs, month, field):
    placement = placement_for(world.company_a, **placement_kwargs)
    with pytest.raises(ValidationError) as error:
        services.claim_submit(
            actor=world.leader_a, company=world.company_a, placement=placement, month=month, hours=Decimal(5)
        )
    assert field in error.value.message_dict
    assert not CompensationClaim.objects.exists()


def test_claim_without_a_mentor_wage_asks_for_the_wage(world):
    mentor = CompanyMentorFactory(company=world.company_a, hourly_wage=None)
    placement = placement_for(world.company_a, mentor=mentor)
    with pytest.raises(ValidationError) as error:
        services.claim_submit(
            actor=world.leader_a, company=world.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal(5)
        )
    assert "timeløn" in error.value.message_dict["placement"][0]


def test_a_claim_is_submitted_once_per_placement_and_month_but_a_rejected_one_can_be_corrected(world):
    placement = placement_for(world.company_a)
    claim = services.claim_submit(
        actor=world.leader_a, company=world.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal(5)
    )
    with pytest.raises(ValidationError):
        services.claim_submit(
            actor=world.leader_a, company=world.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal(6)
        )
    services.claim_reject(actor=world.coordinator, claim=claim, reason="Timerne passer ikke med planen")
    again = services.claim_submit(
        actor=world.leader_a, company=world.company_a, placement=placement, month=date(2026, 3, 1), hours=Decimal(4)
    )
    assert again.pk == claim.pk
    assert (again.status, again.hours, again.rejection_reason, again.decided_at) == (
        ClaimStatus.SUBMITTED,
        Decimal(4),
        "",
        None,
    )


def test_several_citizens_sharing_a_mentor_get_hours_per_place(world):
    mentor = CompanyMentorFactory(company=world.company_a, hourly_wage=Decimal("200"))
    first = placement_for(world.company_a, mentor=mentor)
    second = placement_for(world.company_a, mentor=mentor)
    a = services.claim_submit(
        actor=world.leader_a, company=world.company_a, placement=first, month=date(2026, 2, 1), hours=Decimal(6)
    )
    b = services.claim_submit(
        actor=world.leader_a, company=world.company_a, placement=second, month=date(2026, 2, 1), hours=Decimal(2)
    )
    assert (a.wage_amount, b.wage_amount) == (Decimal("1200.00"), Decimal("400.00"))


def test_claim_decisions_are_final_and_a_rejection_needs_a_reason(world):
    claim = claim_for(placement_for(world.company_a))
    with pytest.raises(ValidationError):
        services.claim_reject(actor=world.coordinator, claim=claim, reason="  ")
    approved = services.claim_approve(actor=world.coordinator, claim=claim)
    assert approved.status == ClaimStatus.APPROVED and approved.decided_by == world.coordinator
    with pytest.raises(ValidationError):
        services.claim_reject(actor=world.coordinator, claim=claim, reason="For sent")
    assert ActivityLog.objects.filter(action="companies.claim.approved").count() == 1


def test_the_database_refuses_a_rejection_without_reason(world):
    from django.db import IntegrityError, transaction

    claim = claim_for(placement_for(world.company_a))
    with pytest.raises(IntegrityError), transaction.atomic():
        CompensationClaim.objects.filter(pk=claim.pk).update(status="rejected", decided_at=timezone.now())
