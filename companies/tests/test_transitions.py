"""The compensation claim's status transitions table: every declared move is made by a service, and an
undeclared one is refused with code "illegal_transition" and nothing changed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import ActivityLog
from companies import services
from companies.models import ClaimStatus, CompensationClaim
from companies.tests.factories import claim_for, placement_for

pytestmark = pytest.mark.django_db
MONTH = date(2026, 3, 1)


def _claim(world, status=ClaimStatus.SUBMITTED):
    decided = {} if status == ClaimStatus.SUBMITTED else {"decided_at": timezone.now(), "decided_by": world.coordinator}
    if status == ClaimStatus.REJECTED:
        decided["rejection_reason"] = "Timerne passer ikke"
    return claim_for(placement_for(world.company_a), month=MONTH, status=status, **decided)


def _submit(world, claim):
    return services.claim_submit(
        actor=world.leader_a, company=world.company_a, placement=claim.placement, month=MONTH, hours=Decimal(4)
    )


def test_every_claim_transition_is_made_by_a_service(world):
    made = set()
    claim = _claim(world)
    services.claim_reject(actor=world.coordinator, claim=claim, reason="Timerne passer ikke")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    made.add((ClaimStatus.SUBMITTED, ClaimStatus.REJECTED))

    _submit(world, claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    made.add((ClaimStatus.REJECTED, ClaimStatus.SUBMITTED))

    services.claim_approve(actor=world.coordinator, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    made.add((ClaimStatus.SUBMITTED, ClaimStatus.APPROVED))

    assert made == set(CompensationClaim.STATUS_TRANSITIONS.pairs())


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (ClaimStatus.APPROVED, "approve"),
        (ClaimStatus.REJECTED, "approve"),
        (ClaimStatus.APPROVED, "reject"),
        (ClaimStatus.REJECTED, "reject"),
        (ClaimStatus.APPROVED, "submit"),
        (ClaimStatus.SUBMITTED, "submit"),
    ],
)
def test_illegal_claim_transition_is_refused_and_nothing_changes(world, status, move):
    claim = _claim(world, status)
    before = CompensationClaim.objects.values().get(pk=claim.pk)
    logged = ActivityLog.objects.count()
    with pytest.raises(ValidationError) as error:
        if move == "approve":
            services.claim_approve(actor=world.coordinator, claim=claim)
        elif move == "reject":
            services.claim_reject(actor=world.coordinator, claim=claim, reason="For sent")
        else:
            _submit(world, claim)
    if move == "submit":
        assert error.value.error_dict["month"][0].code == "illegal_transition"
        assert error.value.message_dict == {"month": ["Der er allerede en anmodning for dette forløb i den måned."]}
    else:
        assert error.value.code == "illegal_transition"
        assert error.value.messages == ["Anmodningen er allerede behandlet."]
    assert CompensationClaim.objects.values().get(pk=claim.pk) == before
    assert ActivityLog.objects.count() == logged
