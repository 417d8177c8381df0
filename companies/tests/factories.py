import hashlib
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import JobcenterFactory, UnscopedFactory, unscoped
from companies.models import Company, CompanyMentor, CompensationClaim, LeaderInvitation


def cvr_with_check_digit(base: str) -> str:
    """Completes a 7-digit base into a valid CVR number (modulus 11); an impossible base moves on by one."""
    weights = [2, 7, 6, 5, 4, 3, 2]
    total = sum(int(d) * w for d, w in zip(base, weights, strict=True))
    check = (11 - total % 11) % 11
    if check == 10:
        return cvr_with_check_digit(f"{int(base) + 1:07d}")
    return base + str(check)


class CompanyFactory(UnscopedFactory):
    class Meta:
        model = Company

    jobcenter = factory.SubFactory(JobcenterFactory)
    name = factory.Sequence(lambda n: f"Testvirksomhed {n} ApS")
    cvr = factory.Sequence(lambda n: cvr_with_check_digit(f"{3000000 + 2 * n:07d}"))


class CompanyMentorFactory(UnscopedFactory):
    class Meta:
        model = CompanyMentor
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    full_name = factory.Faker("name", locale="da_DK")
    job_title = "Værkfører"
    email = factory.Sequence(lambda n: f"mentor{n}@virksomhed.dk")
    hourly_wage = Decimal("245.00")
    years_in_company = 8


class LeaderInvitationFactory(UnscopedFactory):
    """An invitation whose raw token is `token` (default: a fresh one), stored as its hash."""

    class Meta:
        model = LeaderInvitation
        exclude = ["token"]

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"leder{n}@virksomhed.dk")
    full_name = factory.Faker("name", locale="da_DK")
    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + timedelta(days=7))


# --- Placements (the citizens app's models), for the portal's and the claims' tests -----------------


@unscoped
def placement_type_for(jobcenter, name: str = "Virksomhedspraktik"):
    from citizens.models import PlacementType

    placement_type, _ = PlacementType.objects.get_or_create(
        jobcenter=jobcenter, code=name.lower().replace(" ", "-"), defaults={"name": name}
    )
    return placement_type


@unscoped
def target_group_for(jobcenter):
    from citizens.models import TargetGroup

    group, _ = TargetGroup.objects.get_or_create(
        jobcenter=jobcenter, code="test-ressourceforloeb", defaults={"name": "Test: ressourceforløb"}
    )
    return group


_citizen_counter = iter(range(1, 10**9))


@unscoped
def placement_for(company, *, status: str = "active", mentor=None, citizen_name: str | None = None, **fields):
    """A placement at `company` (active by default, with a company mentor), with its citizen."""
    from accounts.tests.factories import UserFactory
    from citizens.models import Citizen, Placement

    jobcenter = company.jobcenter
    citizen = Citizen.objects.create(
        jobcenter=jobcenter,
        name=citizen_name or f"Borger {next(_citizen_counter)}",
        postcode="8450",
        target_group=target_group_for(jobcenter),
    )
    if mentor is None and status not in ("proposed", "declined"):
        mentor = CompanyMentorFactory(company=company)
    values = {
        "jobcenter": jobcenter,
        "citizen": citizen,
        "company": company,
        "company_mentor": mentor,
        "placement_type": placement_type_for(jobcenter),
        "responsible": fields.pop("responsible", None) or UserFactory(),
        "status": status,
        "starts_on": date(2026, 1, 5),
        "ends_on": date(2026, 12, 18),
        "tasks": "Lager og pakning",
        "hours_per_week": Decimal("10.0"),
        "mentor_hours_per_week": Decimal("2.0"),
    }
    if status == "ended":
        values.update(outcome="ordinary_job", ended_on=date(2026, 6, 30))
    values.update(fields)
    return Placement.objects.create(**values)


@unscoped
def claim_for(placement, *, month: date = date(2026, 3, 1), hours: Decimal = Decimal("8"), **fields):
    """A submitted claim priced with the service's arithmetic (12,5 % / 8 % / 1,5 % by default)."""
    from companies.compensation import calculate

    mentor = placement.company_mentor
    rates = {
        "holiday_pay_pct": Decimal("12.50"),
        "pension_pct": Decimal("8.00"),
        "employer_contribution_pct": Decimal("1.50"),
    }
    amounts = calculate(hours=hours, hourly_wage=mentor.hourly_wage, **rates)
    values = {
        "jobcenter": placement.jobcenter,
        "company": placement.company,
        "placement": placement,
        "company_mentor": mentor,
        "month": month,
        "hours": hours,
        "hourly_wage": mentor.hourly_wage,
        **rates,
        "wage_amount": amounts.wage,
        "holiday_pay_amount": amounts.holiday_pay,
        "pension_amount": amounts.pension,
        "employer_contribution_amount": amounts.employer_contribution,
        "total_amount": amounts.total,
    }
    values.update(fields)
    return CompensationClaim.objects.create(**values)
