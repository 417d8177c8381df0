"""Every create form saves once when it is submitted twice at the same moment (a double click).

Each case posts its form from two threads at once against PostgreSQL (see tests/double_submit.py):
exactly one row is created, neither answer is a 500, and both lead to the same place (the first
result). `test_every_create_url_is_covered` finds the create URLs in the URL patterns, so a new create
form without the token, or without a case here, fails.
"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, include, path, reverse

from citizens.models import (
    Citizen,
    FollowUp,
    Goal,
    HoursStep,
    MentorAgreement,
    Placement,
    ProgressAssessment,
    SensitiveNote,
)
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    PlacementFactory,
    PlacementTypeFactory,
    ProgressDimensionFactory,
    TargetGroupFactory,
    today,
)
from companies.models import Company, CompanyMentor, CompensationClaim, CourseNomination, LeaderInvitation
from companies.tests.factories import CompanyMentorFactory
from corps.models import HoursEntry, Mentor, MentorNote, Qualification
from corps.tests.factories import MentorFactory
from courses.models import Course, Invitation, Registration, Session, Shadowing
from courses.tests.factories import CourseFactory, CourseTypeFactory
from matching.models import Cohort, Offer
from mentorship.idempotency import is_idempotent_create
from tests.double_submit import Submission, double_submit, form_errors, single_submit_errors


def day(offset: int) -> str:
    return (today() + datetime.timedelta(days=offset)).isoformat()


# --- Which URLs create something -------------------------------------------------------------------

# A create URL is named "<thing>_create", "<thing>_add" or "create", or its path ends in "ny/" or "nyt/";
# views that create under another name (apply, renew, invite, register, ...) are marked with
# @idempotent_create and are found by the mark. Django admin's own add pages are not product forms.
CREATE_NAME = re.compile(r"(^|_)(create|add|new)$")
CREATE_SEGMENTS = {"ny", "nyt", "new", "opret"}


def create_urls(patterns, namespace: str = "", prefix: str = "") -> dict[str, object]:
    """{"namespace:name": view} for every URL pattern that creates something (see above)."""
    found = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            found |= create_urls(pattern.url_patterns, inner or namespace, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            segments = [segment for segment in route.split("/") if segment]
            named_create = CREATE_NAME.search(pattern.name) or (segments and segments[-1] in CREATE_SEGMENTS)
            if named_create or is_idempotent_create(pattern.callback):
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern.callback
    return found


def test_every_create_url_is_idempotent_and_has_a_double_submit_case():
    urls = create_urls(get_resolver().url_patterns)
    assert len(urls) >= len(CASES)
    not_idempotent = sorted(name for name, view in urls.items() if not is_idempotent_create(view))
    assert not not_idempotent, f"Create views without @idempotent_create: {not_idempotent}"
    untested = sorted(set(urls) - set(CASES))
    assert not untested, f"Create URLs without a case in tests/test_double_submit.py: {untested}"
    assert not set(CASES) - set(urls), "A case for a URL that is not a create URL"


def test_a_new_create_url_without_the_token_is_found():
    def plain_view(request):
        raise AssertionError("never called")

    patterns = [
        path("ting/", include(([path("ny/", plain_view, name="thing_new_form")], "things"))),
        path("andet/", include(([path("<int:pk>/tilfoej/", plain_view, name="note_add")], "other"))),
        path("liste/", plain_view, name="list"),
    ]
    urls = create_urls(patterns)
    assert set(urls) == {"things:thing_new_form", "other:note_add"}
    assert not any(is_idempotent_create(view) for view in urls.values())


# --- The cases: one per create URL ------------------------------------------------------------------


def citizen_create(world):
    group = TargetGroupFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:create"),
        answers={"name": "Ali Hassan", "postcode": "8450", "target_group": group.pk, "referred_on": day(0)},
        rows=Citizen.objects.filter(jobcenter=world.jobcenter).count,
    )


def citizen_sensitive(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:sensitive", args=[citizen.pk]),
        answers={"kind": "health", "text": "Ondt i ryggen"},
        rows=SensitiveNote.objects.filter(citizen=citizen).count,
    )


def agreement_create(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:agreement_create", args=[citizen.pk]),
        answers={
            "mentor": mentor.pk,
            "goal": "Job",
            "mentor_tasks": "Samtaler",
            "starts_on": day(0),
            "ends_on": day(90),
            "hours_total": "40",
        },
        rows=MentorAgreement.objects.filter(citizen=citizen).count,
    )


def agreement_renew(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    agreement = AgreementFactory(citizen=citizen, mentor=MentorFactory(jobcenter=world.jobcenter), status="active")
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:agreement_renew", args=[agreement.pk]),
        answers={"renewal_assessment": "Borgeren har brug for mere støtte.", "ends_on": day(150)},
        rows=MentorAgreement.objects.filter(citizen=citizen).count,
    )


def placement_create(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentor = CompanyMentorFactory(company=world.company_a)
    placement_type = PlacementTypeFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:placement_create", args=[citizen.pk]),
        answers={
            "company": world.company_a.pk,
            "company_mentor": mentor.pk,
            "placement_type": placement_type.pk,
            "starts_on": day(0),
            "ends_on": day(60),
            "tasks": "Lager",
            "hours_per_week": "10",
        },
        rows=Placement.objects.filter(citizen=citizen).count,
    )


def _placement(world):
    return PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)


def hours_step_create(world):
    placement = _placement(world)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:hours_step_create", args=[placement.pk]),
        answers={"starts_on": day(7), "hours_per_week": "12"},
        rows=HoursStep.objects.filter(placement=placement).count,
    )


def goal_create(world):
    placement = _placement(world)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:goal_create", args=[placement.pk]),
        answers={"title": "Møde til tiden", "due_on": day(30)},
        rows=Goal.objects.filter(placement=placement).count,
    )


def assessment_create(world):
    placement = _placement(world)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:assessment_create", args=[placement.pk]),
        answers={"assessed_on": day(0), "assessor_kind": "jobcenter", f"score_{dimension.pk}": "4"},
        rows=ProgressAssessment.objects.filter(placement=placement).count,
    )


def _active_agreement(world):
    return AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        status="active",
        mentor=MentorFactory(jobcenter=world.jobcenter),
    )


def agreement_goal_create(world):
    agreement = _active_agreement(world)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:agreement_goal_create", args=[agreement.pk]),
        answers={"title": "Står op til tiden"},
        rows=Goal.objects.filter(agreement=agreement).count,
    )


def agreement_assessment_create(world):
    agreement = _active_agreement(world)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:agreement_assessment_create", args=[agreement.pk]),
        answers={"assessed_on": day(0), "assessor_kind": "mentor", f"score_{dimension.pk}": "4"},
        rows=ProgressAssessment.objects.filter(agreement=agreement).count,
    )


def follow_up_create(world):
    placement = _placement(world)
    return Submission(
        user=world.coordinator,
        url=reverse("citizens:follow_up_create", args=[placement.citizen_id]),
        answers={"placement": placement.pk, "kind": "phone", "occurred_on": day(0), "notes": "Det går godt."},
        rows=FollowUp.objects.filter(citizen=placement.citizen).count,
    )


# Companies and company mentors (coordinator app).


def company_create(world):
    return Submission(
        user=world.coordinator,
        url=reverse("companies:create"),
        answers={
            "name": "Søften Autoværksted ApS",
            "cvr": "25716639",
            "address": "Søftenvej 12",
            "postcode": "8382",
            "city": "Hinnerup",
            "size_band": "1-9",
            "sector": "private",
            "contact_name": "Ole Bach",
            "contact_email": "ole@autovaerksted.dk",
            "capacity": "2",
            "status": "interested",
        },
        rows=Company.objects.filter(jobcenter=world.jobcenter).count,
    )


def company_mentor_create(world):
    return Submission(
        user=world.coordinator,
        url=reverse("companies:mentor_create", args=[world.company_a.pk]),
        answers={"full_name": "Kim Holm", "email": "kim@hammel.dk", "phone": "20304050"},
        rows=CompanyMentor.objects.filter(company=world.company_a).count,
    )


def leader_invite(world):
    return Submission(
        user=world.coordinator,
        url=reverse("companies:leader_invite", args=[world.company_a.pk]),
        answers={"full_name": "Lone Leder", "email": "lone@hammel.dk"},
        rows=LeaderInvitation.objects.filter(company=world.company_a).count,
    )


# The mentor corps (coordinator app and the public application).


def corps_mentor_create(world):
    return Submission(
        user=world.coordinator,
        url=reverse("corps:mentor_create"),
        answers={
            "initial_status": "active",
            "full_name": "Jens Kristensen",
            "email": "jens@example.dk",
            "phone": "20 30 40 50",
            "postcode": "8370",
            "gender": "male",
            "birth_year": "1961",
            "attachment": "retired",
            "available_weekdays": ["1", "4"],
            "available_day_parts": ["1"],
            "hours_per_week": "5",
            "capacity": "2",
            "hourly_rate": "185,00",
            "employment": "hourly",
            "contract_start": "2025-01-01",
        },
        rows=Mentor.objects.filter(jobcenter=world.jobcenter).count,
    )


def corps_apply(world):
    return Submission(
        user=None,
        url=reverse("corps_public:apply", args=[world.jobcenter.slug]),
        answers={
            "full_name": "Hanne Ansøger",
            "email": "hanne@example.dk",
            "phone": "20 30 40 51",
            "postcode": "8370",
            "gender": "female",
            "birth_year": "1970",
            "attachment": "job",
            "available_weekdays": ["2"],
            "available_day_parts": ["1"],
            "hours_per_week": "3",
            "motivation": "Jeg vil gerne hjælpe.",
            "consent": "on",
        },
        rows=Mentor.objects.filter(jobcenter=world.jobcenter).count,
    )


def corps_note_add(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("corps:mentor_note_add", args=[mentor.pk]),
        answers={"text": "Ny note"},
        rows=MentorNote.objects.filter(mentor=mentor).count,
    )


def corps_qualification_add(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("corps:qualification_add", args=[mentor.pk]),
        answers={"title": "Mentorkursus", "kind": "course", "completed_on": day(-10)},
        rows=Qualification.objects.filter(mentor=mentor).count,
    )


def corps_hours_add(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    monday = today() - datetime.timedelta(days=today().weekday() + 7)
    return Submission(
        user=world.coordinator,
        url=reverse("corps:hours_add"),
        answers={"mentor": mentor.pk, "week": monday.isoformat(), "mentee_reference": "AB", "hours": "3"},
        rows=HoursEntry.objects.filter(mentor=mentor).count,
    )


def corps_import(world):
    csv = b"Navn;E-mail;Postnummer;Tilknytning\r\nAnna Import;anna@example.dk;8370;I job\r\n"
    return Submission(
        user=world.coordinator,
        url=reverse("corps:mentor_import"),
        files=lambda: {"file": SimpleUploadedFile("mentorer.csv", csv, content_type="text/csv")},
        rows=Mentor.objects.filter(jobcenter=world.jobcenter).count,
    )


# Courses.


def course_create(world):
    course_type = CourseTypeFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("courses:create"),
        answers={
            "course_type": course_type.pk,
            "title": "Mentorkursus",
            "venue": "Rådhuset",
            "capacity": "20",
            "registration_deadline": day(5),
            "first_day": day(10),
            "days": "2",
            "starts_at": "09:00",
            "ends_at": "15:30",
            "job_consultants": [world.coordinator.pk],
        },
        rows=Course.objects.filter(jobcenter=world.jobcenter).count,
    )


def course_year_plan(world):
    course_type = CourseTypeFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("courses:year_plan"),
        answers={
            "course_type": course_type.pk,
            "year": str(today().year + 1),
            "months": ["9"],
            "venue": "Rådhuset",
        },
        rows=Course.objects.filter(jobcenter=world.jobcenter).count,
    )


def course_session_add(world):
    course = CourseFactory(jobcenter=world.jobcenter, days=1)
    return Submission(
        user=world.coordinator,
        url=reverse("courses:session_add", args=[course.pk]),
        answers={
            "date": (course.first_day + datetime.timedelta(days=7)).isoformat(),
            "starts_at": "09:00",
            "ends_at": "12:00",
        },
        rows=Session.objects.filter(course=course).count,
    )


def course_invite(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("courses:invite", args=[course.pk]),
        answers={"source": "picked", "emails": "gaest@example.dk"},
        rows=Invitation.objects.filter(course=course).count,
    )


def course_register(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("courses:register", args=[course.pk]),
        answers={"corps_mentor": mentor.pk},
        rows=Registration.objects.filter(course=course).count,
    )


def course_shadowing_create(world):
    new, experienced = MentorFactory(jobcenter=world.jobcenter), MentorFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("courses:shadowing_create"),
        answers={
            "kind": "corps",
            "new_corps": new.pk,
            "experienced_corps": experienced.pk,
            "starts_on": day(1),
            "ends_on": day(30),
        },
        rows=Shadowing.objects.filter(jobcenter=world.jobcenter).count,
    )


def course_portal_register(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    mentor = CompanyMentorFactory(company=world.company_a)
    return Submission(
        user=world.leader_a,
        url=reverse("portal:course_register", args=[course.pk]),
        answers={"mentor": mentor.pk},
        rows=Registration.objects.filter(course=course).count,
    )


# The company leader's portal.


def portal_mentor_create(world):
    return Submission(
        user=world.leader_a,
        url=reverse("portal:mentor_create"),
        answers={"full_name": "Pia Portal", "email": "pia@hammel.dk", "phone": "20304052"},
        rows=CompanyMentor.objects.filter(company=world.company_a).count,
    )


def portal_mentor_nominate(world):
    mentor = CompanyMentorFactory(company=world.company_a)
    return Submission(
        user=world.leader_a,
        url=reverse("portal:mentor_nominate", args=[mentor.pk]),
        answers={"wish": "Fyraften"},
        rows=CourseNomination.objects.filter(mentor=mentor).count,
    )


def portal_assessment(world):
    placement = _placement(world)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.leader_a,
        url=reverse("portal:placement_assessment", args=[placement.pk]),
        answers={"assessed_on": day(0), f"score_{dimension.pk}": "4"},
        rows=ProgressAssessment.objects.filter(placement=placement).count,
    )


def portal_follow_up(world):
    placement = _placement(world)
    return Submission(
        user=world.leader_a,
        url=reverse("portal:placement_follow_up", args=[placement.pk]),
        answers={"kind": "phone", "occurred_on": day(0), "notes": "Det går godt."},
        rows=FollowUp.objects.filter(placement=placement).count,
    )


def portal_claim_create(world):
    placement = PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        company=world.company_a,
        starts_on=today() - datetime.timedelta(days=70),
        ends_on=today() + datetime.timedelta(days=70),
    )
    last_month = (today().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    return Submission(
        user=world.leader_a,
        url=reverse("portal:claim_create"),
        answers={"placement": placement.pk, "month": last_month, "hours": "10", "confirm_exclusions": "on"},
        rows=CompensationClaim.objects.filter(placement=placement).count,
    )


# Matching.


def matching_offer_create(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    return Submission(
        user=world.coordinator,
        url=reverse("matching:offer_create", args=[citizen.pk]),
        page=reverse("matching:citizen", args=[citizen.pk]),
        answers={"mentor": mentor.pk, "message": "Vil du?"},
        rows=Offer.objects.filter(citizen=citizen).count,
    )


def matching_cohort_create(world):
    kind = PlacementTypeFactory(jobcenter=world.jobcenter)
    citizens = [CitizenFactory(jobcenter=world.jobcenter) for _ in range(4)]
    for company in (world.company_a, world.company_b):  # companies that offer the type, with room for 3
        company.placement_types.add(kind)
        Company.objects.filter(pk=company.pk).update(capacity=3)
    return Submission(
        user=world.coordinator,
        url=reverse("matching:cohort_create"),
        answers={
            "name": "Forårsholdet",
            "placement_type": kind.pk,
            "starts_on": day(10),
            "ends_on": day(90),
            "hours_per_week": "10",
            "tasks": "Lager",
            "responsible": world.coordinator.pk,
            "citizens": [c.pk for c in citizens],
            "companies": [world.company_a.pk, world.company_b.pk],
            "capacity": "3",
            "min_group": "1",
        },
        rows=Cohort.objects.filter(jobcenter=world.jobcenter).count,
    )


CASES = {
    "citizens:create": citizen_create,
    "citizens:sensitive": citizen_sensitive,
    "citizens:agreement_create": agreement_create,
    "citizens:agreement_renew": agreement_renew,
    "citizens:placement_create": placement_create,
    "citizens:hours_step_create": hours_step_create,
    "citizens:goal_create": goal_create,
    "citizens:assessment_create": assessment_create,
    "citizens:agreement_goal_create": agreement_goal_create,
    "citizens:agreement_assessment_create": agreement_assessment_create,
    "citizens:follow_up_create": follow_up_create,
    "companies:create": company_create,
    "companies:mentor_create": company_mentor_create,
    "companies:leader_invite": leader_invite,
    "corps:mentor_create": corps_mentor_create,
    "corps_public:apply": corps_apply,
    "corps:mentor_note_add": corps_note_add,
    "corps:qualification_add": corps_qualification_add,
    "corps:hours_add": corps_hours_add,
    "corps:mentor_import": corps_import,
    "courses:create": course_create,
    "courses:year_plan": course_year_plan,
    "courses:session_add": course_session_add,
    "courses:invite": course_invite,
    "courses:register": course_register,
    "courses:shadowing_create": course_shadowing_create,
    "portal:course_register": course_portal_register,
    "portal:mentor_create": portal_mentor_create,
    "portal:mentor_nominate": portal_mentor_nominate,
    "portal:placement_assessment": portal_assessment,
    "portal:placement_follow_up": portal_follow_up,
    "portal:claim_create": portal_claim_create,
    "matching:offer_create": matching_offer_create,
    "matching:cohort_create": matching_cohort_create,
}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(CASES))
def test_double_submit_saves_once(name, world):
    submission = CASES[name](world)
    outcome = double_submit(submission)
    assert not outcome.errors, outcome.errors
    assert outcome.statuses == [302, 302], (outcome.statuses, single_submit_errors(submission))
    assert outcome.after == outcome.before + 1, (outcome.before, outcome.after)
    # The second answer leads where the first did: to the object it created (or the page it shows).
    assert outcome.locations[0] == outcome.locations[1]


# Without the token (two tabs with the same answers), a unique constraint decides: one is saved, the other
# gets the form back with the constraint's Danish error (or, where a second one is an update, the same
# result), never a 500.
CONSTRAINED = [
    "citizens:hours_step_create",
    "companies:create",
    "companies:mentor_create",
    "corps:hours_add",
    "corps:mentor_create",
    "corps_public:apply",
    "courses:register",
    "courses:session_add",
    "portal:claim_create",
    "portal:mentor_create",
    "portal:mentor_nominate",
]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", CONSTRAINED)
def test_a_constraint_race_is_a_danish_form_error_not_a_500(name, world):
    outcome = double_submit(CASES[name](world), token=False)
    assert not outcome.errors, outcome.errors
    assert len(outcome.statuses) == 2 and set(outcome.statuses) <= {200, 302}, outcome.statuses
    assert 302 in outcome.statuses
    assert outcome.after == outcome.before + 1, (outcome.before, outcome.after)
    for page in outcome.pages:
        assert form_errors(page), "The form came back without saying why"
