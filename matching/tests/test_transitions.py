"""The offer's status transitions table: every declared move is made by a service (also the bulk moves),
and an undeclared one is refused with code "illegal_transition" and nothing changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import ActivityLog
from citizens.tests.factories import CitizenFactory
from corps.tests.factories import MentorFactory
from matching import services
from matching.models import Offer, OfferStatus
from matching.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _offer(world, status=OfferStatus.OFFERED, **fields):
    answered = {"answered_at": timezone.now()} if status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED) else {}
    if status == OfferStatus.DECLINED:
        answered["decline_reason"] = "Har ikke tid"
    return OfferFactory(
        citizen=fields.pop("citizen", None) or CitizenFactory(jobcenter=world.jobcenter),
        mentor=MentorFactory(jobcenter=world.jobcenter, capacity=3),
        status=status,
        **answered,
        **fields,
    )


def _status(offer) -> str:
    offer.refresh_from_db()
    return offer.status


def test_every_offer_transition_is_made_by_a_service(world):
    made = set()

    accepted = _offer(world)
    sibling = _offer(world, citizen=accepted.citizen)
    services.offer_accept(actor=world.coordinator, offer=accepted)
    assert _status(accepted) == OfferStatus.ACCEPTED
    made.add((OfferStatus.OFFERED, OfferStatus.ACCEPTED))
    assert _status(sibling) == OfferStatus.WITHDRAWN  # the bulk move on an acceptance
    made.add((OfferStatus.OFFERED, OfferStatus.WITHDRAWN))

    withdrawn = _offer(world)
    services.offer_withdraw(actor=world.coordinator, offer=withdrawn)
    assert _status(withdrawn) == OfferStatus.WITHDRAWN

    declined = _offer(world)
    services.offer_decline(actor=world.coordinator, offer=declined, reason="Har ikke tid i foråret")
    assert _status(declined) == OfferStatus.DECLINED
    made.add((OfferStatus.OFFERED, OfferStatus.DECLINED))

    past = timezone.now() - datetime.timedelta(days=6)
    expired = _offer(world, offered_at=past, expires_at=past + datetime.timedelta(days=5))
    assert services.offers_expire_due() == 1
    assert _status(expired) == OfferStatus.EXPIRED
    made.add((OfferStatus.OFFERED, OfferStatus.EXPIRED))

    assert made == set(Offer.STATUS_TRANSITIONS.pairs())


@pytest.mark.parametrize("status", [s for s in OfferStatus.values if s != OfferStatus.OFFERED])
@pytest.mark.parametrize("move", ["accept", "decline", "withdraw"])
def test_illegal_offer_transition_is_refused_and_nothing_changes(world, status, move):
    offer = _offer(world, status)
    before = Offer.objects.values().get(pk=offer.pk)
    logged = ActivityLog.objects.count()
    with pytest.raises(ValidationError) as error:
        if move == "accept":
            services.offer_accept(actor=world.coordinator, offer=offer)
        elif move == "decline":
            services.offer_decline(actor=world.coordinator, offer=offer, reason="Nej tak")
        else:
            services.offer_withdraw(actor=world.coordinator, offer=offer)
    assert error.value.code == "illegal_transition"
    answered = status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
    assert error.value.messages == [
        "Tilbuddet er allerede besvaret." if answered else "Tilbuddet er ikke længere åbent."
    ]
    assert Offer.objects.values().get(pk=offer.pk) == before
    assert ActivityLog.objects.count() == logged


def test_the_expiry_sweep_moves_only_open_offers(world):
    past = timezone.now() - datetime.timedelta(days=6)
    closed = _offer(world, OfferStatus.WITHDRAWN, offered_at=past, expires_at=past + datetime.timedelta(days=5))
    assert services.offers_expire_due() == 0
    assert _status(closed) == OfferStatus.WITHDRAWN
