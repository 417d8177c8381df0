from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import JobcenterFactory, UnscopedFactory
from notifications.models import Message, MessageStatus

TEST_KIND = "notifications.test_invitation"
TEMPLATES = {
    "subject_template": "notifications/tests/subject.txt",
    "text_template": "notifications/tests/body.txt",
    "html_template": "notifications/tests/body.html",
}


class MessageFactory(UnscopedFactory):
    class Meta:
        model = Message

    jobcenter = factory.SubFactory(JobcenterFactory)
    kind = TEST_KIND
    status = MessageStatus.PENDING
    recipient_email = factory.Sequence(lambda n: f"modtager{n}@example.dk")
    recipient_name = factory.Faker("name", locale="da_DK")
    subject = "Invitation til netværksmøde"
    body_text = "Kære modtager\n\nDu er inviteret.\n"
    period = "2026-W48"
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    next_attempt_at = factory.LazyFunction(timezone.now)
    sent_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == MessageStatus.SENT else None)


# Placements and agreements (the citizens app's own factories may replace these).
class TargetGroupFactory(UnscopedFactory):
    class Meta:
        model = "citizens.TargetGroup"
        django_get_or_create = ["jobcenter", "code"]

    jobcenter = factory.SubFactory(JobcenterFactory)
    code = "jobparat"
    name = "Jobparat"


class PlacementTypeFactory(UnscopedFactory):
    class Meta:
        model = "citizens.PlacementType"
        django_get_or_create = ["jobcenter", "code"]

    jobcenter = factory.SubFactory(JobcenterFactory)
    code = "virksomhedspraktik"
    name = "Virksomhedspraktik"


class CitizenFactory(UnscopedFactory):
    class Meta:
        model = "citizens.Citizen"

    jobcenter = factory.SubFactory(JobcenterFactory)
    name = factory.Faker("name", locale="da_DK")
    postcode = "8450"
    target_group = factory.SubFactory(TargetGroupFactory, jobcenter=factory.SelfAttribute("..jobcenter"))


class CompanyMentorFactory(UnscopedFactory):
    class Meta:
        model = "companies.CompanyMentor"

    company = factory.SubFactory("companies.tests.factories.CompanyFactory")
    full_name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"virksomhedsmentor{n}@example.dk")


class PlacementFactory(UnscopedFactory):
    class Meta:
        model = "citizens.Placement"
        skip_postgeneration_save = True

    jobcenter = factory.SubFactory(JobcenterFactory)
    citizen = factory.SubFactory(CitizenFactory, jobcenter=factory.SelfAttribute("..jobcenter"))
    company = factory.SubFactory(
        "companies.tests.factories.CompanyFactory", jobcenter=factory.SelfAttribute("..jobcenter")
    )
    company_mentor = factory.SubFactory(CompanyMentorFactory, company=factory.SelfAttribute("..company"))
    placement_type = factory.SubFactory(PlacementTypeFactory, jobcenter=factory.SelfAttribute("..jobcenter"))
    responsible = factory.SubFactory("accounts.tests.factories.UserFactory")
    status = "active"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    tasks = "Lager og pakning"
    hours_per_week = 15

    @factory.post_generation
    def responsible_may_act(placement, create, extracted, **kwargs):
        """The job consultant is a coordinator of the placement's jobcenter, as in the product: reminders go only
        to someone who may act on them (a caseworker or a person without a membership there never is)."""
        from accounts.models import Membership, Role

        if create and placement.responsible_id:
            Membership.objects.get_or_create(
                user_id=placement.responsible_id,
                jobcenter_id=placement.jobcenter_id,
                defaults={"role": Role.COORDINATOR},
            )
