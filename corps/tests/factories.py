import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import JobcenterFactory, UnscopedFactory
from corps.models import (
    Attachment,
    Competence,
    Employment,
    HoursEntry,
    Language,
    Mentor,
    MentorNote,
    MentorStatus,
    Qualification,
    QualificationKind,
)


class CompetenceFactory(UnscopedFactory):
    class Meta:
        model = Competence

    jobcenter = factory.SubFactory(JobcenterFactory)
    name = factory.Sequence(lambda n: f"Kompetence {n}")


class LanguageFactory(UnscopedFactory):
    """The data migration seeds the real languages; tests mostly look them up by code."""

    class Meta:
        model = Language
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: "x" + chr(97 + n % 26) + chr(97 + n // 26 % 26))
    name = factory.Sequence(lambda n: f"Testsprog {n}")


class MentorFactory(UnscopedFactory):
    class Meta:
        model = Mentor
        skip_postgeneration_save = True

    jobcenter = factory.SubFactory(JobcenterFactory)
    status = MentorStatus.ACTIVE
    full_name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"mentor{n}@example.dk")
    phone = "20 30 40 50"
    postcode = "8450"
    gender = "female"
    birth_year = 1970
    attachment = Attachment.JOB
    education = "Pædagog"
    work_experience = "15 år i daginstitution"
    industries = "Pædagogik"
    available_weekdays = 0b0000101
    available_day_parts = 0b100
    hours_per_week = 4
    capacity = 2
    hourly_rate = Decimal("185.00")
    employment = Employment.HOURLY
    contract_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    paused_until = None

    @factory.post_generation
    def competences(self, create, extracted, **kwargs):
        if create and extracted:
            self.competences.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class MentorNoteFactory(UnscopedFactory):
    class Meta:
        model = MentorNote

    mentor = factory.SubFactory(MentorFactory)
    text = "God samtale om forventninger."


class QualificationFactory(UnscopedFactory):
    class Meta:
        model = Qualification

    mentor = factory.SubFactory(MentorFactory)
    title = "Mentorkursus, grundforløb (2 dage)"
    kind = QualificationKind.COURSE
    completed_on = datetime.date(2024, 9, 12)


def monday(weeks_ago: int = 1) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=weeks_ago)


class HoursEntryFactory(UnscopedFactory):
    class Meta:
        model = HoursEntry

    mentor = factory.SubFactory(MentorFactory)
    week = factory.LazyFunction(monday)
    mentee_reference = factory.Sequence(lambda n: f"Ref-{n}")
    hours = Decimal("3.00")
    agreed_hours = Decimal("4.00")
    hourly_rate = Decimal("185.00")
