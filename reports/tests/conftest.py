"""A small, fully known data set for the reports: every figure the tests check follows from it by hand
(the arithmetic is in the comments of test_selectors.py)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from citizens.models import AgreementStatus, CitizenStatus, Outcome
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    PlacementFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
    TargetGroupFactory,
)
from companies.models import ClaimStatus
from companies.tests.factories import CompanyMentorFactory, claim_for
from corps.models import HoursStatus, MentorStatus
from corps.tests.factories import HoursEntryFactory, MentorFactory, monday
from courses.models import Attendance, CourseStatus, Evaluation
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory
from matching.models import CohortCandidate, OfferStatus
from matching.tests.factories import CohortFactory, OfferFactory
from notifications.models import MessageStatus
from notifications.tests.factories import MessageFactory


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@dataclass
class Known:
    citizens: dict
    mentors: dict
    cohort: object
    target_groups: dict
    courses: dict
    dimensions: dict


def _citizen(jobcenter, group, status, outcome="", referred=100):
    fields = {"status": status, "referred_on": days_ago(referred)}
    if status == CitizenStatus.ENDED:
        fields.update(outcome=outcome, outcome_on=days_ago(1))
    return CitizenFactory(jobcenter=jobcenter, target_group=group, **fields)


def _accepted(citizen, mentor, after_days: int):
    answered = noon(citizen.referred_on + datetime.timedelta(days=after_days))
    return OfferFactory(
        citizen=citizen,
        mentor=mentor,
        status=OfferStatus.ACCEPTED,
        offered_at=answered - datetime.timedelta(days=1),
        answered_at=answered,
    )


def _declined(citizen, mentor, reason):
    return OfferFactory(
        citizen=citizen, mentor=mentor, status=OfferStatus.DECLINED, answered_at=timezone.now(), decline_reason=reason
    )


@pytest.fixture
def known(world) -> Known:
    jc = world.jobcenter
    tg1 = TargetGroupFactory(jobcenter=jc, code="aktivitetsparat", name="Aktivitetsparat", position=1)
    tg2 = TargetGroupFactory(jobcenter=jc, code="jobparat", name="Jobparat", position=2)
    c1 = _citizen(jc, tg1, CitizenStatus.ENDED, Outcome.ORDINARY_JOB)
    c2 = _citizen(jc, tg1, CitizenStatus.ENDED, Outcome.EDUCATION)
    c3 = _citizen(jc, tg1, CitizenStatus.ACTIVE)
    c4 = _citizen(jc, tg1, CitizenStatus.REFERRED, referred=10)
    c5 = _citizen(jc, tg2, CitizenStatus.ENDED, Outcome.ORDINARY_JOB)
    c6 = _citizen(jc, tg2, CitizenStatus.ENDED, Outcome.DROPPED_OUT)

    m1 = MentorFactory(jobcenter=jc, full_name="Anna Mentor", capacity=2)
    m2 = MentorFactory(jobcenter=jc, full_name="Bent Mentor", capacity=3)
    m3 = MentorFactory(jobcenter=jc, full_name="Carla Mentor", capacity=2)
    m4 = MentorFactory(jobcenter=jc, full_name="Dorte Mentor", capacity=1)
    MentorFactory(jobcenter=jc, full_name="Erik Ansøger", status=MentorStatus.APPLICANT)

    # Mentor agreements: m1 with c1 (ended) and c3 (active, ending in 10 days), m2 with c5 (ended).
    AgreementFactory(citizen=c1, mentor=m1, status=AgreementStatus.ENDED, ended_on=days_ago(1))
    AgreementFactory(
        citizen=c3,
        mentor=m1,
        status=AgreementStatus.ACTIVE,
        starts_on=days_ago(100),
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    AgreementFactory(citizen=c5, mentor=m2, status=AgreementStatus.ENDED, ended_on=days_ago(1))

    # Offers: accepted after 10, 20, 30 (target group 1) and 40 days (group 2); declines; one expired, one open.
    _accepted(c1, m1, 10)
    _accepted(c2, m2, 20)
    _accepted(c3, m1, 30)
    _accepted(c5, m2, 40)
    _declined(c4, m1, "Ingen tid")
    _declined(c4, m2, "Ingen tid")
    _declined(c4, m3, "Bor for langt væk")
    _declined(c1, m2, '=HYPERLINK("http://x")')
    OfferFactory(citizen=c6, mentor=m3, status=OfferStatus.EXPIRED)
    OfferFactory(citizen=c4, mentor=m4, status=OfferStatus.OFFERED)

    # Hours: m1 3 (approved, agreed 4) + 5 (submitted, agreed 4) + 2 (rejected); m2 1.5 (approved, agreed 2).
    decided = timezone.now()
    HoursEntryFactory(
        mentor=m1,
        week=monday(1),
        hours=Decimal("3"),
        agreed_hours=Decimal("4"),
        status=HoursStatus.APPROVED,
        decided_at=decided,
    )
    HoursEntryFactory(mentor=m1, week=monday(2), hours=Decimal("5"), agreed_hours=Decimal("4"))
    HoursEntryFactory(
        mentor=m1,
        week=monday(3),
        hours=Decimal("2"),
        agreed_hours=Decimal("2"),
        status=HoursStatus.REJECTED,
        decided_at=decided,
    )
    HoursEntryFactory(
        mentor=m2,
        week=monday(1),
        hours=Decimal("1.5"),
        agreed_hours=Decimal("2"),
        status=HoursStatus.APPROVED,
        decided_at=decided,
    )

    # Companies: A has one trained mentor and placements for c1 (ended: ordinary job) and c3 (active,
    # never followed up), plus a proposal for c4; B has one untrained mentor and c2's placement (education).
    trained = CompanyMentorFactory(
        company=world.company_a, course_completed_on=days_ago(200), hourly_wage=Decimal("200.00")
    )
    untrained = CompanyMentorFactory(company=world.company_b, hourly_wage=Decimal("180.00"))
    p1 = PlacementFactory(
        citizen=c1,
        company=world.company_a,
        company_mentor=trained,
        status="ended",
        starts_on=days_ago(90),
        ended_on=days_ago(5),
        outcome=Outcome.ORDINARY_JOB,
    )
    p3 = PlacementFactory(citizen=c3, company=world.company_a, company_mentor=trained, starts_on=days_ago(20))
    PlacementFactory(citizen=c4, company=world.company_a, company_mentor=None, status="proposed")
    PlacementFactory(
        citizen=c2,
        company=world.company_b,
        company_mentor=untrained,
        status="ended",
        starts_on=days_ago(90),
        ended_on=days_ago(5),
        outcome=Outcome.EDUCATION,
    )
    month = days_ago(40).replace(day=1)
    claim = claim_for(p1, month=month, hours=Decimal("4"))
    claim.status, claim.decided_at = ClaimStatus.APPROVED, decided
    claim.save(update_fields=["status", "decided_at"])
    claim_for(p3, month=month, hours=Decimal("2"))  # submitted: waits for approval, not paid

    cohort = CohortFactory(jobcenter=jc, name="Forårsholdet")
    for citizen in (c1, c2, c4):
        CohortCandidate.objects.create(cohort=cohort, citizen=citizen)

    # Courses: one held (3 invited, 2 registered of whom 1 attended and completed and evaluated 4/5/3,
    # 1 cancelled), one coming (1 invited, 1 registered, no job consultants), one cancelled (left out).
    held = CourseFactory(jobcenter=jc, days_ahead=-30, theme="Konflikthåndtering", title="Grundkursus forår")
    coming = CourseFactory(jobcenter=jc, days_ahead=30, theme="Konflikthåndtering", title="Netværksmøde")
    CourseFactory(jobcenter=jc, days_ahead=60, status=CourseStatus.CANCELLED, cancel_reason="For få tilmeldte")
    for _ in range(3):
        InvitationFactory(course=held)
    InvitationFactory(course=coming)
    first_day = held.sessions.order_by("date").first()
    r1 = RegistrationFactory(course=held, completed_on=held.last_day)
    r2 = RegistrationFactory(course=held)
    RegistrationFactory(course=held, status="cancelled")
    RegistrationFactory(course=coming)
    Attendance.objects.create(registration=r1, session=first_day, present=True)
    Attendance.objects.create(registration=r2, session=first_day, present=False)
    Evaluation.objects.create(registration=r1, overall=4, relevance=5, usefulness=3)

    # Progress: d1 on p1 2 → 4 → 5 (+3) and on p3 3 → 2 (-1); d2 on p1 3 → 3 (0), on p3 once only.
    d1 = ProgressDimensionFactory(jobcenter=jc, code="adfaerd", name="Adfærd", position=1)
    d2 = ProgressDimensionFactory(jobcenter=jc, code="engagement", name="Engagement", position=2)
    a1 = ProgressAssessmentFactory(placement=p1, assessed_on=days_ago(30))
    a2 = ProgressAssessmentFactory(placement=p1, assessed_on=days_ago(10))
    a3 = ProgressAssessmentFactory(placement=p1, assessed_on=days_ago(5))
    for assessment, dimension, score in [(a1, d1, 2), (a1, d2, 3), (a2, d1, 4), (a2, d2, 3), (a3, d1, 5)]:
        ProgressScoreFactory(assessment=assessment, dimension=dimension, score=score)
    b1 = ProgressAssessmentFactory(placement=p3, assessed_on=days_ago(15))
    b2 = ProgressAssessmentFactory(placement=p3, assessed_on=days_ago(3))
    for assessment, dimension, score in [(b1, d1, 3), (b2, d1, 2), (b2, d2, 4)]:
        ProgressScoreFactory(assessment=assessment, dimension=dimension, score=score)

    MessageFactory(jobcenter=jc, status=MessageStatus.FAILED)
    MessageFactory(jobcenter=jc, status=MessageStatus.PENDING)
    # Held up by the relay for an hour (counted), and one that failed a moment ago (not yet).
    error = "SMTPServerDisconnected: Connection unexpectedly closed"
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    MessageFactory(jobcenter=jc, last_error=error, attempts=4, created_at=an_hour_ago)
    MessageFactory(jobcenter=jc, last_error=error, attempts=1)

    # The other jobcenter: data that must never appear in the first one's figures.
    other = world.other_jobcenter
    other_group = TargetGroupFactory(jobcenter=other, code="aktivitetsparat", name="Aktivitetsparat")
    stranger = _citizen(other, other_group, CitizenStatus.ENDED, Outcome.ORDINARY_JOB)
    other_mentor = MentorFactory(jobcenter=other, full_name="Fremmed Mentor")
    _accepted(stranger, other_mentor, 5)
    _declined(_citizen(other, other_group, CitizenStatus.REFERRED), other_mentor, "Ingen tid")
    HoursEntryFactory(mentor=other_mentor, week=monday(1), hours=Decimal("7"))
    MessageFactory(jobcenter=other, status=MessageStatus.FAILED)
    MessageFactory(jobcenter=other, last_error=error, attempts=4, created_at=an_hour_ago)
    MentorFactory(jobcenter=other, status=MentorStatus.APPLICANT)

    return Known(
        citizens={"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6},
        mentors={"m1": m1, "m2": m2, "m3": m3, "m4": m4},
        cohort=cohort,
        target_groups={"tg1": tg1, "tg2": tg2},
        courses={"held": held, "coming": coming},
        dimensions={"d1": d1, "d2": d2},
    )
