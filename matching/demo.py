"""Demo matching for `manage.py seed_demo`: default weights for every jobcenter, a few open offers and
declines in Favrskov (the mentors are the engine's real suggestions), and in Kalundborg a cohort of 50
candidates spread over 10 companies. Idempotent: offers are found by citizen + mentor, the cohort by name."""

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role
from citizens.demo import COHORT_REFERRAL
from citizens.models import PlacementType
from companies.models import CollaborationStatus, Company
from matching import selectors, services
from matching.cohort_seats import rooms_for
from matching.models import AnsweredVia, Cohort, Offer, OfferStatus

DECLINE_REASONS = [
    "Jeg har eksamen i januar og kan ikke tage en ny borger før februar.",
    "Borgeren bor for langt fra mig; jeg har ikke bil.",
    "Jeg kender borgerens familie privat.",
]
COHORT_NAME = "Virksomhedshold: fælles opstart i virksomhedspraktik"
LEGACY_COHORT_NAMES = ["Virksomhedshold forår 2027"]
COHORT_PLACEMENT_TYPE = "virksomhedspraktik"
COHORT_CANDIDATES = 50
COHORT_COMPANIES = 10
COHORT_MIN_GROUP = 4
COHORT_SEATS = 7  # at most per company: 10 companies of 4 to 7 take the 50


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
    """Kalundborg's way of working: 50 candidates (citizens.demo referred them for it) over 10 companies, at
    least 4 at each, made through the cohort services as a coordinator would, and spread by the solver. The
    coordinator opens it under *Hold*, can spread it again, move candidates and create the placements."""
    legacy = Cohort.objects.filter(jobcenter=jobcenter, name__in=LEGACY_COHORT_NAMES, committed_at__isnull=True)
    legacy.delete()  # a smaller cohort of earlier seeds, never committed
    if Cohort.objects.filter(jobcenter=jobcenter, name=COHORT_NAME).exists():
        return
    kind = PlacementType.objects.filter(jobcenter=jobcenter, code=COHORT_PLACEMENT_TYPE, is_active=True).first()
    responsible = (
        Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    candidates = list(
        selectors.cohort_candidate_choices(jobcenter=jobcenter).filter(referral_reason=COHORT_REFERRAL)[
            :COHORT_CANDIDATES
        ]
    )
    companies = Company.objects.filter(jobcenter=jobcenter, status=CollaborationStatus.ACTIVE).order_by("name", "pk")
    rooms = rooms_for(companies.values_list("pk", flat=True))
    # The companies that offer work practice with room for a group, the most room first.
    fitting = sorted(
        (room for room in rooms.values() if room.offers(kind) and room.free >= COHORT_MIN_GROUP),
        key=lambda room: (-room.free, room.name),
    )[:COHORT_COMPANIES]
    if kind is None or responsible is None or len(fitting) < 2 or len(candidates) < COHORT_MIN_GROUP:
        stdout.write(f"  matchning {jobcenter.slug}: for få borgere eller virksomheder til et hold")
        return
    by_pk = companies.in_bulk([room.company_id for room in fitting])
    start = timezone.localdate() + datetime.timedelta(days=28)
    start += datetime.timedelta(days=-start.weekday() % 7)  # a Monday
    cohort = services.cohort_create(
        actor=responsible.user,
        jobcenter=jobcenter,
        data={
            "name": COHORT_NAME,
            "placement_type": kind,
            "starts_on": start,
            "ends_on": start + datetime.timedelta(weeks=13),
            "hours_per_week": Decimal("12"),
            "tasks": "Lager, produktion, kantine og pleje efter virksomhedens behov; fælles opstart for holdet.",
            "responsible": responsible.user,
        },
        citizens=candidates,
        seats=[
            services.CompanySeat(
                company=by_pk[room.company_id], capacity=min(room.free, COHORT_SEATS), min_group=COHORT_MIN_GROUP
            )
            for room in fitting
        ],
    )
    services.cohort_solve(actor=responsible.user, cohort=cohort)
    stdout.write(
        f"  matchning {jobcenter.slug}: holdet «{COHORT_NAME}» med {len(candidates)} kandidater "
        f"over {len(fitting)} virksomheder"
    )


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
