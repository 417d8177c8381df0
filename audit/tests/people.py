"""Persons with data in every registered model, for the export and deletion tests."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from audit.models import AccessAction, AccessLog, ArchiveHold
from citizens.models import FirstMeeting, FirstMeetingPlan, HoursStep, MeetingPlanStatus
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    FollowUpFactory,
    GoalFactory,
    PlacementFactory,
    ProgressAssessmentFactory,
    ProgressScoreFactory,
    SensitiveNoteFactory,
)
from companies.models import CompensationClaim, CourseNomination
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.models import MentorStatusEvent
from corps.tests.factories import HoursEntryFactory, MentorFactory, MentorNoteFactory, QualificationFactory
from courses.models import Attendance, Evaluation, Shadowing
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory
from matching.models import CohortCandidate, MatchingPreferences
from matching.tests.factories import CohortFactory, OfferFactory
from notifications.models import Message


@dataclass
class Person:
    obj: object
    name: str
    email: str
    secrets: list[str]  # strings that appear only in this person's data


def _message(jobcenter, email: str, name: str, text: str, about=None):
    from django.contrib.contenttypes.models import ContentType

    return Message.objects.create(
        jobcenter=jobcenter,
        kind="test",
        recipient_email=email,
        recipient_name=name,
        subject=f"Besked til {name}",
        body_text=text,
        idempotency_key=f"test-{email}-{text}",
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
    )


def _access(jobcenter, user, obj):
    from django.contrib.contenttypes.models import ContentType

    AccessLog.objects.create(
        jobcenter=jobcenter,
        actor=user,
        actor_label=str(user),
        action=AccessAction.VIEW,
        purpose="Borgerens sag",
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
    )


def full_mentor(world, tag: str, *, with_agreement_of=None) -> Person:
    """A corps mentor with notes, qualifications, hours, offers, courses, shadowing and e-mails."""
    jc = world.jobcenter
    name = f"Mentor {tag} Mentorsen"
    email = f"mentor-{tag.lower()}@example.dk"
    mentor = MentorFactory(jobcenter=jc, full_name=name, email=email, motivation=f"MOTIVATION-{tag}")
    MentorStatusEvent.objects.create(mentor=mentor, from_status="applicant", to_status="active", reason=f"OK-{tag}")
    MentorNoteFactory(mentor=mentor, text=f"MENTORNOTE-{tag}", author=world.coordinator)
    QualificationFactory(mentor=mentor)
    HoursEntryFactory(mentor=mentor, mentee_reference=f"REF-{tag}")
    course = CourseFactory(jobcenter=jc)
    invitation = InvitationFactory(course=course, corps_mentor=mentor, name=name, email=email)
    registration = RegistrationFactory(
        course=course, corps_mentor=mentor, name=name, email=email, invitation=invitation
    )
    Attendance.objects.create(registration=registration, session=course.sessions.first(), present=True)
    Evaluation.objects.create(registration=registration, overall=5, relevance=4, usefulness=4, comments=f"EVAL-{tag}")
    other = MentorFactory(jobcenter=jc, full_name=f"Erfaren {tag} Mentor")
    Shadowing.objects.create(
        jobcenter=jc,
        new_corps_mentor=mentor,
        experienced_corps_mentor=other,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    OfferFactory(jobcenter=jc, mentor=mentor, citizen=CitizenFactory(jobcenter=jc, name=f"Tilbudsborger {tag}"))
    if with_agreement_of is not None:
        AgreementFactory(citizen=with_agreement_of, status="active", mentor=mentor)
    _message(jc, email, name, f"MAIL-{tag}")
    _access(jc, world.coordinator, mentor)
    mentor.phone = "40 50 60 70"
    mentor.save()  # a correction: the history keeps the earlier phone number
    return Person(mentor, name, email, [name, email, f"MENTORNOTE-{tag}", f"MOTIVATION-{tag}", f"MAIL-{tag}"])


def full_company_mentor(world, tag: str) -> Person:
    jc = world.jobcenter
    name = f"Virk {tag} Mentorsen"
    email = f"virk-{tag.lower()}@example.dk"
    company = CompanyFactory(jobcenter=jc, name=f"Firma {tag} ApS")
    mentor = CompanyMentorFactory(company=company, full_name=name, email=email, experience=f"EXPERIENCE-{tag}")
    nomination = CourseNomination.objects.create(mentor=mentor, wish=f"WISH-{tag}")
    course = CourseFactory(jobcenter=jc)
    invitation = InvitationFactory(course=course, company_mentor=mentor, name=name, email=email)
    registration = RegistrationFactory(
        course=course, company_mentor=mentor, name=name, email=email, invitation=invitation, nomination=nomination
    )
    Attendance.objects.create(registration=registration, session=course.sessions.first(), present=True)
    Evaluation.objects.create(registration=registration, overall=4, relevance=4, usefulness=4, comments=f"EVAL-{tag}")
    other = CompanyMentorFactory(company=company, full_name=f"Erfaren {tag} Virk", shadowing=mentor)
    Shadowing.objects.create(
        jobcenter=jc,
        new_company_mentor=mentor,
        experienced_company_mentor=other,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    _message(jc, email, name, f"MAIL-{tag}")
    _access(jc, world.coordinator, mentor)
    mentor.job_title = "Værkfører"
    mentor.save()
    return Person(mentor, name, email, [name, email, f"EXPERIENCE-{tag}", f"WISH-{tag}", f"MAIL-{tag}"])


def full_citizen(world, tag: str, cpr_number: str, *, mentor=None, hold: bool = False) -> Person:
    """A citizen with data in every citizen-registered model; `mentor` is their agreement's mentor."""
    jc = world.jobcenter
    name = f"Borger {tag} Borgersen"
    email = f"borger-{tag.lower()}@example.dk"
    citizen = CitizenFactory(
        jobcenter=jc, name=name, email=email, cpr_number=cpr_number, referral_reason=f"REFERRAL-{tag}"
    )
    SensitiveNoteFactory(citizen=citizen, text=f"SENSITIVE-{tag}", author=world.coordinator)
    mentor = mentor or MentorFactory(jobcenter=jc)
    first = AgreementFactory(
        citizen=citizen,
        status="ended",
        mentor=mentor,
        starts_on=timezone.localdate() - datetime.timedelta(days=300),
        ends_on=timezone.localdate() - datetime.timedelta(days=160),
    )
    renewal = AgreementFactory(citizen=citizen, mentor=mentor, renews=first, renewal_assessment=f"RENEW-{tag}")
    FirstMeeting.objects.create(
        jobcenter=jc, agreement=renewal, held_on=timezone.localdate(), expectations="x", goals="y"
    )
    met_at = timezone.now() - datetime.timedelta(days=1)
    FirstMeetingPlan.objects.create(
        jobcenter=jc,
        agreement=renewal,
        status=MeetingPlanStatus.HELD,
        starts_at=met_at,
        ends_at=met_at + datetime.timedelta(hours=1),
        place=f"MEETINGPLACE-{tag}",
        caseworker=world.caseworker,
        planned_by=world.coordinator,
    )
    company = CompanyFactory(jobcenter=jc, name=f"Praktik {tag} A/S")
    placement = PlacementFactory(citizen=citizen, jobcenter=jc, company=company, status="active", tasks=f"TASKS-{tag}")
    HoursStep.objects.create(placement=placement, starts_on=timezone.localdate(), hours_per_week=Decimal("5"))
    goal = GoalFactory(placement=placement, title=f"GOAL-{tag}")
    GoalFactory(placement=placement, parent=goal, title=f"SUBGOAL-{tag}")
    assessment = ProgressAssessmentFactory(placement=placement, company_mentor=placement.company_mentor)
    ProgressScoreFactory(assessment=assessment, comment=f"SCORE-{tag}")
    FollowUpFactory(citizen=citizen, placement=placement, notes=f"FOLLOWUP-{tag}")
    HoursEntryFactory(mentor=mentor, citizen=citizen, mentee_reference=f"INITIALS-{tag}")
    preferences = MatchingPreferences.objects.create(jobcenter=jc, citizen=citizen, severe_needs=True)
    preferences.preferred_mentors.add(mentor)
    offer = OfferFactory(jobcenter=jc, citizen=citizen, mentor=mentor, message=f"OFFER-{tag}")
    cohort = CohortFactory(jobcenter=jc)
    CohortCandidate.objects.create(cohort=cohort, citizen=citizen, placement=placement)
    CompensationClaim.objects.create(
        jobcenter=jc,
        company=company,
        placement=placement,
        company_mentor=placement.company_mentor,
        month=timezone.localdate().replace(day=1),
        hours=Decimal("10"),
        hourly_wage=Decimal("200"),
        holiday_pay_pct=Decimal("12.5"),
        pension_pct=Decimal("8"),
        employer_contribution_pct=Decimal("1.5"),
        wage_amount=Decimal("2000"),
        holiday_pay_amount=Decimal("250"),
        pension_amount=Decimal("160"),
        employer_contribution_amount=Decimal("30"),
        total_amount=Decimal("2440"),
    )
    if hold:
        ArchiveHold.objects.create(jobcenter=jc, citizen=citizen, reason=f"ARCHIVE-{tag}", set_by=world.coordinator)
    _message(jc, email, name, f"MAIL-{tag}")
    _message(jc, mentor.email, mentor.full_name, f"OFFERMAIL-{tag}", about=offer)
    _access(jc, world.coordinator, citizen)
    citizen.phone = "30 40 50 60"
    citizen.save()  # a correction: the history keeps the earlier phone number
    secrets = [name, email, cpr_number, f"SENSITIVE-{tag}", f"REFERRAL-{tag}", f"FOLLOWUP-{tag}", f"GOAL-{tag}"]
    secrets += [f"INITIALS-{tag}", f"OFFER-{tag}", f"TASKS-{tag}", f"MAIL-{tag}", f"RENEW-{tag}", f"SCORE-{tag}"]
    secrets += [f"MEETINGPLACE-{tag}"]
    return Person(citizen, name, email, secrets)
