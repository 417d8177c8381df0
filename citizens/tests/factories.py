import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import JobcenterFactory, UnscopedFactory, UserFactory
from citizens import cpr
from citizens.models import (
    AgreementStatus,
    Citizen,
    FollowUp,
    FollowUpKind,
    Goal,
    MentorAgreement,
    Placement,
    PlacementStatus,
    PlacementType,
    ProgressAssessment,
    ProgressDimension,
    ProgressScore,
    SensitiveNote,
    TargetGroup,
)
from citizens.services import progress_summary_refresh
from citizens.vocabulary import COMPLAINT_GUIDANCE
from companies.tests.factories import CompanyFactory, CompanyMentorFactory


def today():
    return timezone.localdate()


class TargetGroupFactory(UnscopedFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["jobcenter", "code"]

    jobcenter = factory.SubFactory(JobcenterFactory)
    code = "aktivitetsparat"
    name = "Aktivitetsparat"


class PlacementTypeFactory(UnscopedFactory):
    class Meta:
        model = PlacementType
        django_get_or_create = ["jobcenter", "code"]

    jobcenter = factory.SubFactory(JobcenterFactory)
    code = "virksomhedspraktik"
    name = "Virksomhedspraktik"


class ProgressDimensionFactory(UnscopedFactory):
    class Meta:
        model = ProgressDimension
        django_get_or_create = ["jobcenter", "code"]

    jobcenter = factory.SubFactory(JobcenterFactory)
    code = factory.Sequence(lambda n: f"dimension-{n}")
    name = factory.Sequence(lambda n: f"Dimension {n}")


class CitizenFactory(UnscopedFactory):
    """A citizen; pass cpr_number="010190-1234" to store a CPR number the way the service does."""

    class Meta:
        model = Citizen
        skip_postgeneration_save = True

    class Params:
        cpr_number = ""

    jobcenter = factory.SubFactory(JobcenterFactory)
    name = factory.Faker("name", locale="da_DK")
    postcode = "8450"
    phone = "20 30 40 50"
    target_group = factory.LazyAttribute(lambda o: TargetGroupFactory(jobcenter=o.jobcenter))
    referred_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    birth_date = factory.LazyAttribute(lambda o: cpr.parse(o.cpr_number)[1] if o.cpr_number else None)
    cpr_hash = factory.LazyAttribute(lambda o: cpr.search_hash(cpr.parse(o.cpr_number)[0]) if o.cpr_number else "")
    cpr_encrypted = factory.LazyAttribute(lambda o: cpr.encrypt(cpr.parse(o.cpr_number)[0]) if o.cpr_number else "")


class SensitiveNoteFactory(UnscopedFactory):
    class Meta:
        model = SensitiveNote

    citizen = factory.SubFactory(CitizenFactory)
    jobcenter = factory.SelfAttribute("citizen.jobcenter")
    kind = "health"
    text = "Borgeren har ondt i ryggen og tåler ikke tunge løft."


class AgreementFactory(UnscopedFactory):
    class Meta:
        model = MentorAgreement

    citizen = factory.SubFactory(CitizenFactory)
    jobcenter = factory.SelfAttribute("citizen.jobcenter")
    status = AgreementStatus.DRAFT
    mentor = None
    goal = "Borgeren får struktur på hverdagen og kommer stabilt i praktik."
    mentor_tasks = "Ugentlig samtale, følge borgeren til møder."
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=150))
    hours_total = Decimal("40")
    hours_per_week = Decimal("2")
    complaint_guidance = COMPLAINT_GUIDANCE


class PlacementFactory(UnscopedFactory):
    class Meta:
        model = Placement

    citizen = factory.SubFactory(CitizenFactory)
    jobcenter = factory.SelfAttribute("citizen.jobcenter")
    company = factory.LazyAttribute(lambda o: CompanyFactory(jobcenter=o.jobcenter))
    company_mentor = factory.LazyAttribute(lambda o: CompanyMentorFactory(company=o.company))
    placement_type = factory.LazyAttribute(lambda o: PlacementTypeFactory(jobcenter=o.jobcenter))
    responsible = factory.SubFactory(UserFactory)
    status = PlacementStatus.ACTIVE
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=20))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=90))
    tasks = "Lager og pakning"
    hours_per_week = Decimal("8")
    mentor_hours_per_week = Decimal("2")


class GoalFactory(UnscopedFactory):
    class Meta:
        model = Goal

    placement = factory.SubFactory(PlacementFactory)
    agreement = None  # or an agreement, with placement=None
    title = factory.Sequence(lambda n: f"Mål {n}")


class FollowUpFactory(UnscopedFactory):
    class Meta:
        model = FollowUp

    citizen = factory.SubFactory(CitizenFactory)
    jobcenter = factory.SelfAttribute("citizen.jobcenter")
    placement = None
    kind = FollowUpKind.VISIT
    occurred_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=3))
    notes = "Godt besøg. Borgeren møder stabilt."


class ProgressAssessmentFactory(UnscopedFactory):
    class Meta:
        model = ProgressAssessment

    placement = factory.SubFactory(PlacementFactory)
    agreement = None  # or an agreement, with placement=None
    jobcenter = factory.LazyAttribute(lambda o: (o.placement or o.agreement).jobcenter)
    assessed_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=5))
    assessor_kind = "jobcenter"


class ProgressScoreFactory(UnscopedFactory):
    class Meta:
        model = ProgressScore

    assessment = factory.SubFactory(ProgressAssessmentFactory)
    dimension = factory.LazyAttribute(lambda o: ProgressDimensionFactory(jobcenter=o.assessment.jobcenter))
    score = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As progress_assessment_record does: the owner's summary follows its scores.
        score = super()._create(model_class, *args, **kwargs)
        progress_summary_refresh(
            placement=score.assessment.placement,
            agreement=score.assessment.agreement,
            dimension_ids=[score.dimension_id],
        )
        return score
