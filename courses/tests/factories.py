import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import JobcenterFactory, UnscopedFactory
from courses.models import Category, Course, CourseType, Invitation, Registration, Session


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class CourseTypeFactory(UnscopedFactory):
    class Meta:
        model = CourseType

    jobcenter = factory.SubFactory(JobcenterFactory)
    name = factory.Sequence(lambda n: f"Kursustype {n}")
    category = Category.BASE_COURSE
    default_days = 2
    audience = 0b111


class CourseFactory(UnscopedFactory):
    """A course `days_ahead` days from today with `days` consecutive session days (09.00-15.30)."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    class Params:
        days_ahead = 30
        days = 2

    jobcenter = factory.SubFactory(JobcenterFactory)
    course_type = factory.LazyAttribute(lambda o: CourseTypeFactory(jobcenter=o.jobcenter))
    title = factory.Sequence(lambda n: f"Mentorkursus {n}")
    venue = "Favrskov Rådhus, mødelokale 3"
    address = "Skovvej 20, 8382 Hinnerup"
    provider = "MENTOR company A/S"
    capacity = 20
    registration_deadline = factory.LazyAttribute(lambda o: in_days(o.days_ahead - 7))
    first_day = factory.LazyAttribute(lambda o: in_days(o.days_ahead))
    last_day = factory.LazyAttribute(lambda o: in_days(o.days_ahead + o.days - 1))

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        days = (self.last_day - self.first_day).days + 1
        Session.objects.bulk_create(
            [
                Session(
                    course=self,
                    date=self.first_day + datetime.timedelta(days=i),
                    starts_at=datetime.time(9, 0),
                    ends_at=datetime.time(15, 30),
                )
                for i in range(days)
            ]
        )


class RegistrationFactory(UnscopedFactory):
    class Meta:
        model = Registration

    course = factory.SubFactory(CourseFactory)
    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"deltager{n}@example.dk")
    status = "registered"
    via = "coordinator"


class InvitationFactory(UnscopedFactory):
    class Meta:
        model = Invitation

    course = factory.SubFactory(CourseFactory)
    source = "picked"
    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"inviteret{n}@example.dk")


def fill_courses(world, n):
    """`n` upcoming courses of the world's jobcenter, each full (3 registered, 1 waiting) with an invitation."""
    courses = []
    for i in range(n):
        course = CourseFactory(jobcenter=world.jobcenter, days_ahead=3 + i, capacity=3)
        course.job_consultants.set([world.coordinator])
        for j in range(4):
            RegistrationFactory(
                course=course, status="registered" if j < 3 else "waiting", waiting_since=timezone.now()
            )
        InvitationFactory(course=course)
        courses.append(course)
    return courses
