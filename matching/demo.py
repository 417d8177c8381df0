"""Demo matching for `manage.py seed_demo`: default weights for every jobcenter, a few open offers and
declines in Favrskov (the mentors are the engine's real suggestions), and one cohort in Kalundborg
spread over its companies. Idempotent: offers are found by citizen + mentor, the cohort by name."""

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role
from citizens.models import PlacementType
from companies.models import Company
from matching import selectors, services
from matching.models import AnsweredVia, Cohort, CohortCandidate, CohortCompany, Offer, OfferStatus

DECLINE_REASONS = [
    "Jeg har eksamen i januar og kan ikke tage en ny borger før februar.",
    "Borgeren bor for langt fra mig; jeg har ikke bil.",
    "Jeg kender borgerens familie privat.",
]
COHORT_NAME = "Virksomhedshold forår 2027"


def _offer(citizen, suggestion, *, status: str, coordinator, days_ago: int, reason: str = "") -> bool:
    now = timezone.now()
    offered_at = now - datetime.timedelta(days=days_ago)
    # A demo offer has no working link: the stored hash is of a value nobody holds.
    token_hash = hashlib.sha256(f"demo-{citizen.pk}-{suggestion.mentor_id}".encode()).hexdigest()
    answered = status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
    _offer_row, created = Offer.objects.update_or_create(
        citizen=citizen,
        mentor_id=suggestion.mentor_id,
        defaults={
            "jobcenter_id": citizen.jobcenter_id,
            "status": status,
            "score": round(suggestion.score, 6),
            "explanations": suggestion.explanations,
            "token_hash": token_hash,
            "offered_by": coordinator,
            "offered_at": offered_at,
            "expires_at": offered_at + datetime.timedelta(days=5),
            "answered_at": offered_at + datetime.timedelta(days=2) if answered else None,
            "answered_via": AnsweredVia.LINK if answered else "",
            "decline_reason": reason,
        },
    )
    return created


def _seed_offers(jobcenter, stdout) -> None:
    coordinator = Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR).select_related("user").first()
    coordinator = coordinator.user if coordinator else None
    waiting = list(
        jobcenter.citizens.filter(status="referred")
        .exclude(agreements__status="active")
        .order_by("referred_on", "name", "id")[:6]
    )
    created = 0
    for index, citizen in enumerate(waiting):
        if Offer.objects.filter(citizen=citizen).exists():
            continue  # seeded before: leave it as it is
        suggestions = selectors.suggestions_for(citizen=citizen, top=3)
        if not suggestions:
            continue
        if index < 3 and len(suggestions) >= 2:
            # A decline, and the task moved on to the next suggestion, which is still open.
            created += _offer(
                citizen,
                suggestions[0],
                status=OfferStatus.DECLINED,
                coordinator=coordinator,
                days_ago=6,
                reason=DECLINE_REASONS[index],
            )
            suggestions = selectors.suggestions_for(citizen=citizen, top=1) or suggestions[1:]
            created += _offer(citizen, suggestions[0], status=OfferStatus.OFFERED, coordinator=coordinator, days_ago=1)
        else:
            created += _offer(citizen, suggestions[0], status=OfferStatus.OFFERED, coordinator=coordinator, days_ago=2)
    stdout.write(f"  matchning {jobcenter.slug}: {created} nye tilbud til mentorer")


def _seed_cohort(jobcenter, stdout) -> None:
    if Cohort.objects.filter(jobcenter=jobcenter, name=COHORT_NAME).exists():
        return
    kind = PlacementType.objects.filter(jobcenter=jobcenter, is_active=True).order_by("position", "id").first()
    responsible = Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR).select_related("user").first()
    companies = list(Company.objects.filter(jobcenter=jobcenter).order_by("name", "id")[:4])
    candidates = list(selectors.cohort_candidate_choices(jobcenter=jobcenter)[:14])
    if kind is None or responsible is None or len(companies) < 2 or len(candidates) < 6:
        stdout.write(f"  matchning {jobcenter.slug}: for få borgere eller virksomheder til et hold")
        return
    start = timezone.localdate() + datetime.timedelta(days=30)
    cohort = Cohort.objects.create(
        jobcenter=jobcenter,
        name=COHORT_NAME,
        placement_type=kind,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=91),
        hours_per_week=Decimal("12"),
        tasks="Lager, produktion og kantine efter virksomhedens behov; fælles opstart for holdet.",
        responsible=responsible.user,
        created_by=responsible.user,
    )
    per_company = max(3, -(-len(candidates) // len(companies)) + 1)
    CohortCompany.objects.bulk_create(
        [
            CohortCompany(cohort=cohort, company=company, capacity=per_company, min_group=3, allow_empty=True)
            for company in companies
        ]
    )
    CohortCandidate.objects.bulk_create([CohortCandidate(cohort=cohort, citizen=citizen) for citizen in candidates])
    services.cohort_solve(actor=responsible.user, cohort=cohort)
    stdout.write(f"  matchning {jobcenter.slug}: holdet «{COHORT_NAME}» med {len(candidates)} kandidater")


def seed(*, stdout) -> None:
    # Demo data for every demo jobcenter in one run (manage.py seed_demo), no request and no tenant.
    with scopes_disabled():
        for jobcenter in Jobcenter.objects.order_by("pk"):
            services.weights_defaults_ensure(actor=None, jobcenter=jobcenter)
        favrskov = Jobcenter.objects.filter(slug="favrskov").first()
        if favrskov is not None:
            _seed_offers(favrskov, stdout)
        kalundborg = Jobcenter.objects.filter(slug="kalundborg").first()
        if kalundborg is not None:
            _seed_cohort(kalundborg, stdout)
