"""Demo data for the reports (`manage.py seed_demo`, after the other apps): the accepted offers behind
the demo's mentor agreements, so the waiting-time report has something to show. The other demo apps
create agreements with corps mentors directly; in the product an agreement follows an accepted offer.
Idempotent: an offer is only added where the citizen has none from that mentor."""

import datetime
import hashlib

from django.utils import timezone
from django_scopes import scopes_disabled

from citizens.models import MentorAgreement
from matching.models import AnsweredVia, Offer, OfferStatus


def seed(*, stdout) -> None:
    now = timezone.now()
    created = 0
    with scopes_disabled():
        agreements = (
            MentorAgreement.objects.filter(mentor__isnull=False, status__in=["active", "ended", "renewed"])
            .exclude(citizen__mentor_offers__status=OfferStatus.ACCEPTED)
            .select_related("citizen")
            .order_by("citizen_id", "starts_on", "id")
        )
        seen = set()
        for agreement in agreements:
            citizen = agreement.citizen
            if citizen.pk in seen or Offer.objects.filter(citizen=citizen, mentor_id=agreement.mentor_id).exists():
                continue
            seen.add(citizen.pk)
            # A spread of waiting times (3 to 60 days), never after the agreement started or today.
            days = 3 + (citizen.pk * 7) % 58
            accepted_on = min(citizen.referred_on + datetime.timedelta(days=days), agreement.starts_on)
            answered_at = min(timezone.make_aware(datetime.datetime.combine(accepted_on, datetime.time(10, 0))), now)
            offered_at = answered_at - datetime.timedelta(days=2)
            Offer.objects.create(
                jobcenter_id=citizen.jobcenter_id,
                citizen=citizen,
                mentor_id=agreement.mentor_id,
                status=OfferStatus.ACCEPTED,
                score=0.8,
                # A demo offer has no working link: the stored hash is of a value nobody holds.
                token_hash=hashlib.sha256(f"demo-accepted-{citizen.pk}-{agreement.mentor_id}".encode()).hexdigest(),
                offered_at=offered_at,
                expires_at=offered_at + datetime.timedelta(days=5),
                answered_at=answered_at,
                answered_via=AnsweredVia.LINK,
            )
            created += 1
    stdout.write(f"  {created} accepterede tilbud bag demoens mentoraftaler")
