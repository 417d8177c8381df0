import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import UnscopedFactory, unscoped
from citizens.tests.factories import CitizenFactory, PlacementTypeFactory
from companies.tests.factories import CompanyFactory
from corps.tests.factories import MentorFactory
from matching.models import Cohort, CohortCandidate, CohortCompany, Offer, OfferStatus
from matching.services.offer import _new_token
from mentorship.web import link_token_hash


class OfferFactory(UnscopedFactory):
    """An open offer; pass `token` to know the raw link token (only its hash is stored)."""

    class Meta:
        model = Offer
        exclude = ["token"]

    citizen = factory.SubFactory(CitizenFactory)
    jobcenter = factory.SelfAttribute("citizen.jobcenter")
    mentor = factory.LazyAttribute(lambda o: MentorFactory(jobcenter=o.jobcenter))
    status = OfferStatus.OFFERED
    score = 0.7
    token = factory.LazyFunction(_new_token)
    token_hash = factory.LazyAttribute(lambda o: link_token_hash(o.token))
    offered_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.offered_at + datetime.timedelta(days=5))


class CohortFactory(UnscopedFactory):
    class Meta:
        model = Cohort

    jobcenter = factory.SubFactory("accounts.tests.factories.JobcenterFactory")
    name = factory.Sequence(lambda n: f"Hold {n}")
    placement_type = factory.LazyAttribute(lambda o: PlacementTypeFactory(jobcenter=o.jobcenter))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=90))
    hours_per_week = Decimal("10")
    tasks = "Lager, pakning og kantine"
    responsible = factory.SubFactory("accounts.tests.factories.UserFactory")


@unscoped
def cohort_with(jobcenter, *, candidates: int, companies: int, capacity: int, min_group: int = 0, allow_empty=False):
    cohort = CohortFactory(jobcenter=jobcenter)
    # Companies that can take what the cohort gives them, with seats to spare (matching.cohort_seats).
    companies = [CompanyFactory(jobcenter=jobcenter, capacity=capacity + 10) for _ in range(companies)]
    for company in companies:
        company.placement_types.add(cohort.placement_type)
    seats = [
        CohortCompany.objects.create(
            cohort=cohort,
            company=company,
            capacity=capacity,
            min_group=min_group,
            allow_empty=allow_empty,
        )
        for company in companies
    ]
    for _ in range(candidates):
        CohortCandidate.objects.create(cohort=cohort, citizen=CitizenFactory(jobcenter=jobcenter))
    return cohort, seats
