"""Demo compensation claims (frikøb) for the demo placements, for `manage.py seed_demo`.

Runs after the citizens app's demo data (INSTALLED_APPS order), so placements exist. For each accepted
placement with a company mentor: a claim for each of the last three months inside the placement,
priced by companies.services; the older ones approved or rejected. Idempotent: one claim per
placement and month (existing ones are left as they are)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role
from companies import services
from companies.models import ClaimStatus, CompensationClaim


def _months_back(today: date, count: int) -> list[date]:
    months, month = [], today.replace(day=1)
    for _ in range(count):
        month = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months


def seed(*, stdout) -> None:
    from citizens.models import Placement

    rng = random.Random(7)  # noqa: S311 - the same demo data every time, not security
    today = timezone.localdate()
    with scopes_disabled():
        for jobcenter in Jobcenter.objects.filter(slug__in=["favrskov", "kalundborg"]):
            coordinator = (
                Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR).select_related("user").first()
            )
            leaders = {
                m.company_id: m.user
                for m in Membership.objects.filter(jobcenter=jobcenter, role=Role.COMPANY_LEADER).select_related("user")
            }
            placements = (
                Placement.objects.filter(jobcenter=jobcenter, status__in=["active", "ended"])
                .filter(Q(company_mentor__hourly_wage__isnull=False))
                .select_related("company__jobcenter", "company_mentor")
                .order_by("id")[:40]
            )
            created = 0
            for placement in placements:
                for age, month in enumerate(_months_back(today, 3)):
                    if CompensationClaim.objects.filter(placement=placement, month=month).exists():
                        continue
                    hours = Decimal(rng.choice(["4", "6", "7.5", "8", "10", "12"]))
                    try:
                        claim = services.claim_submit(
                            actor=leaders.get(placement.company_id),
                            company=placement.company,
                            placement=placement,
                            month=month,
                            hours=hours,
                            note="",
                        )
                    except ValidationError:
                        continue  # the month lies outside this placement
                    created += 1
                    if coordinator is None or age == 0:
                        continue
                    if rng.random() < 0.85:
                        services.claim_approve(actor=coordinator.user, claim=claim)
                    else:
                        services.claim_reject(
                            actor=coordinator.user,
                            claim=claim,
                            reason="Timerne overstiger den aftalte mentortid. Ret venligst timetallet.",
                        )
            counts = {
                status: CompensationClaim.objects.filter(jobcenter=jobcenter, status=status).count()
                for status in ClaimStatus.values
            }
            stdout.write(
                f"  {jobcenter.name}: {created} nye anmodninger om frikøb "
                f"(i alt {counts['submitted']} indsendt, {counts['approved']} godkendt, {counts['rejected']} afvist)"
            )
