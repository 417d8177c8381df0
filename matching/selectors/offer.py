"""Offers: a citizen's offers, the list, offers awaiting an agreement, waiting days and preferences."""

from __future__ import annotations

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from citizens.models import (
    Citizen,
    CitizenStatus,
    MentorAgreement,
)
from matching.models import (
    MatchingPreferences,
    Offer,
    OfferStatus,
)

# --- Offers ----------------------------------------------------------------------------------------


def offers_for_citizen(*, citizen: Citizen) -> list[Offer]:
    return list(
        Offer.objects.filter(jobcenter=citizen.jobcenter_id, citizen=citizen)
        .select_related("mentor", "offered_by", "closed_by")
        .order_by("-offered_at", "-id")
    )


def agreement_since_offer() -> Exists:
    """For an offer in the outer query: a mentor agreement with its citizen and mentor made since it was sent."""
    return Exists(
        MentorAgreement.objects.filter(
            citizen=OuterRef("citizen"), mentor=OuterRef("mentor"), created_at__gte=OuterRef("offered_at")
        )
    )


def offers_awaiting_agreement(*, jobcenter) -> QuerySet[Offer]:
    """Accepted offers for a referred citizen with no mentor agreement made since: the mentor has said yes, and
    the agreement (filled in from the offer) is the next step. Oldest answer first."""
    return (
        Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.ACCEPTED, citizen__status=CitizenStatus.REFERRED)
        .exclude(agreement_since_offer())
        .order_by("answered_at", "id")
    )


def offer_for_agreement(*, citizen: Citizen, pk: int | None = None) -> Offer | None:
    """The citizen's accepted offer (the one named by `pk`, if given) that has no agreement yet, with its mentor;
    None when there is none (an unknown id, another citizen's offer or one already used)."""
    queryset = offers_awaiting_agreement(jobcenter=citizen.jobcenter_id).filter(citizen=citizen)
    if pk is not None:
        queryset = queryset.filter(pk=pk)
    return queryset.select_related("mentor").first()


def offers_list(*, jobcenter, status: str = "") -> QuerySet[Offer]:
    """Offers, newest first; `awaits_agreement` marks an accepted offer with no mentor agreement made since."""
    queryset = (
        Offer.objects.filter(jobcenter=jobcenter)
        .select_related("citizen", "mentor", "offered_by")
        .annotate(
            awaits_agreement=Q(status=OfferStatus.ACCEPTED, citizen__status=CitizenStatus.REFERRED)
            & ~agreement_since_offer()
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-offered_at", "-id")


def offer_get(*, jobcenter, pk: int) -> Offer:
    return get_object_or_404(Offer.objects.filter(jobcenter=jobcenter).select_related("citizen", "mentor"), pk=pk)


def waiting_days(*, citizen: Citizen, offers: list[Offer] | None = None) -> tuple[int, bool]:
    """Days from referral to the accepted offer (True), or until today while still waiting (False)."""
    offers = offers if offers is not None else offers_for_citizen(citizen=citizen)
    accepted = next((offer for offer in offers if offer.status == OfferStatus.ACCEPTED), None)
    if accepted is not None:
        return (timezone.localdate(accepted.answered_at) - citizen.referred_on).days, True
    return (timezone.localdate() - citizen.referred_on).days, False


def preferences_for(*, citizen: Citizen) -> MatchingPreferences | None:
    return MatchingPreferences.objects.filter(citizen=citizen).prefetch_related("preferred_mentors").first()
