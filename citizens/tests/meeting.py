"""Test data for the first meeting's plan: an agreement in force with a corps mentor, and a planned meeting."""

import datetime

from django.utils import timezone

from citizens.models import AgreementStatus, FirstMeetingPlan, MeetingPlanStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.tests.factories import MentorFactory
from mentorship.ical import COPENHAGEN


def active_agreement(jobcenter, *, caseworker=None, phone="20 30 40 50", **citizen):
    """An agreement in force for a citizen (with a mobile number unless `phone` says otherwise) with a corps
    mentor of the same jobcenter; `caseworker` is its contact person."""
    return AgreementFactory(
        citizen=CitizenFactory(jobcenter=jobcenter, phone=phone, **citizen),
        status=AgreementStatus.ACTIVE,
        mentor=MentorFactory(jobcenter=jobcenter),
        caseworker=caseworker,
    )


def planned(agreement, *, caseworker, days: int = 7, status: str = MeetingPlanStatus.PLANNED) -> FirstMeetingPlan:
    """A plan written directly (no messages): `days` from today at 10.00-11.00."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    plan = FirstMeetingPlan(
        jobcenter_id=agreement.jobcenter_id,
        agreement=agreement,
        status=status,
        starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=COPENHAGEN),
        ends_at=datetime.datetime.combine(day, datetime.time(11), tzinfo=COPENHAGEN),
        place="Jobcentret, Skovvej 20, 8382 Hinnerup",
        caseworker=caseworker,
    )
    plan.save()
    return plan
