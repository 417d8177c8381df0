import io

import pytest

from accounts.demo import seed_accounts
from matching import demo
from matching.models import Cohort, MatchingWeights, Offer, OfferStatus

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_with_offers_declines_and_a_cohort():
    from citizens import demo as citizens_demo
    from companies import demo as companies_demo
    from corps import demo as corps_demo

    seed_accounts()
    for module in (companies_demo, corps_demo, citizens_demo):
        module.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    counts = (Offer.objects.count(), Cohort.objects.count(), MatchingWeights.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Offer.objects.count(), Cohort.objects.count(), MatchingWeights.objects.count()) == counts
    assert Offer.objects.filter(status=OfferStatus.OFFERED).count() >= 3
    assert Offer.objects.filter(status=OfferStatus.DECLINED).exclude(decline_reason="").count() >= 1
    cohort = Cohort.objects.get(jobcenter__slug="kalundborg")
    assert cohort.result.get("status") in {"optimal", "infeasible"}
