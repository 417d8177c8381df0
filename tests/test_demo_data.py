"""The demo data `make run` loads (`manage.py seed_demo`) hold together as a jobcenter expects: hours against the
mentors' own agreements, courses to come with free seats and one full, courses held this year, biographies that
fit the mentors' ages, nobody above capacity, companies with placement types and mentors with competences (so the
company scores differ), several caseworkers, and Kalundborg's cohort of 50 over 10 companies ready to commit.

The demo is seeded once for the module, on a fixed day, inside a transaction that is rolled back at the end."""

import collections
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Membership, Role
from citizens.models import AgreementStatus, Citizen, MentorAgreement, Placement, PlacementStatus
from companies.models import CollaborationStatus, Company, CompanyMentor
from corps.models import Attachment, HoursEntry, Mentor, MentorStatus, Qualification
from corps.selectors import with_load
from courses.models import Course, Registration, RegistrationStatus
from matching import selectors, services
from matching.models import Cohort

pytestmark = pytest.mark.django_db

HOLDS_A_SEAT = Q(placements__status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED])

DAY = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def _seed_all() -> None:
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module", autouse=True)
def demo_world(django_db_setup, django_db_blocker):
    with time_machine.travel(DAY, tick=True), django_db_blocker.unblock(), transaction.atomic():
        _seed_all()
        with scopes_disabled():
            yield
        transaction.set_rollback(True)


def test_hours_are_registered_against_the_mentors_own_agreements():
    entries = list(HoursEntry.objects.select_related("mentor"))
    assert len(entries) >= 40
    agreements = collections.defaultdict(list)
    for agreement in MentorAgreement.objects.exclude(mentor=None):
        agreements[(agreement.mentor_id, agreement.citizen_id)].append(agreement)
    for entry in entries:
        assert entry.citizen_id is not None, entry.mentee_reference
        running = [a for a in agreements[(entry.mentor_id, entry.citizen_id)] if a.starts_on <= entry.week <= a.ends_on]
        assert running, f"{entry.mentor} has no agreement with citizen {entry.citizen_id} in the week {entry.week}"
        assert entry.hourly_rate == entry.mentor.hourly_rate
    assert not HoursEntry.objects.filter(mentee_reference="Demo-borger A").exists()


def test_courses_to_come_have_free_seats_and_one_is_full_with_a_waiting_list():
    today = timezone.localdate()
    upcoming = Course.objects.filter(first_day__gt=today).annotate(
        seated=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    with_room = [course for course in upcoming if course.seated < course.capacity]
    full = [course for course in upcoming if course.waiting]
    assert len(with_room) >= 5
    assert all(course.waiting == 0 for course in with_room), "nobody waits for a course with free seats"
    assert len(full) == 1
    assert full[0].seated == full[0].capacity and full[0].waiting == 2


def test_courses_and_network_meetings_were_held_this_year_with_attendance():
    today = timezone.localdate()
    held = Course.objects.filter(first_day__year=today.year, last_day__lt=today)
    assert held.filter(course_type__category="network_meeting").exists()
    assert held.filter(sessions__attendances__present=True).exists()
    # What a mentor's page lists as a course or meeting attended is one that was held.
    attended = Qualification.objects.filter(source="courses", completed_on__year=today.year)
    assert attended.exists()
    held_days = set(Course.objects.values_list("last_day", flat=True))
    assert set(attended.values_list("completed_on", flat=True)) <= held_days
    assert not Qualification.objects.filter(source="demo", source_reference="netvaerk-misbrug").exists()


def test_the_mentors_biographies_agree_with_their_age_and_attachment():
    year = timezone.localdate().year
    mentors = Mentor.objects.filter(status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED, MentorStatus.RESIGNED])
    assert mentors.count() >= 50
    for mentor in mentors:
        age = year - mentor.birth_year
        text = f"{mentor.education} | {mentor.work_experience}"
        for years in re.findall(r"(\d+) år", mentor.work_experience):
            assert int(years) <= age - 18, f"{mentor.full_name}, {age} år: {text}"
        assert ("pensioneret" in text) == (mentor.attachment == Attachment.RETIRED), text
        assert ("studerende" in text.lower()) == (mentor.attachment == Attachment.EDUCATION), text
        if mentor.attachment == Attachment.RETIRED:
            assert age >= 60, text
        if mentor.attachment == Attachment.EDUCATION:
            assert age <= 35, text
        if mentor.employment == "full_time":
            assert mentor.attachment == Attachment.JOB, text


def test_no_mentor_or_company_is_above_capacity_and_placements_fit_the_company():
    over = [(m.full_name, m.load, m.capacity) for m in with_load(Mentor.objects.all()) if m.load > m.capacity]
    assert over == []
    companies = Company.objects.annotate(taken=Count("placements", filter=HOLDS_A_SEAT))
    assert [(c.name, c.taken, c.capacity) for c in companies if c.taken > c.capacity] == []
    assert any(c.taken < c.capacity for c in companies if c.status == CollaborationStatus.ACTIVE)
    for placement in Placement.objects.select_related("company", "placement_type"):
        assert placement.company.status == CollaborationStatus.ACTIVE, placement.company.name
        offered = set(placement.company.placement_types.values_list("pk", flat=True))
        assert placement.placement_type_id in offered, (placement.company.name, placement.placement_type.name)


def test_companies_offer_placement_types_and_company_mentors_have_competences_so_scores_differ():
    for company in Company.objects.exclude(status=CollaborationStatus.INVITED):
        assert company.placement_types.exists(), company.name
    for mentor in CompanyMentor.objects.all():
        assert mentor.competences.count() >= 3, mentor.full_name
    best, spreads = [], []
    for citizen in Citizen.objects.filter(jobcenter__slug="favrskov").exclude(status="ended").order_by("pk")[:30]:
        percents = [item.percent for item in selectors.placement_suggestions(citizen=citizen, top=15)]
        best.append(percents[0])
        spreads.append(percents[0] - percents[-1])
    assert max(best) >= 90
    assert sum(score >= 60 for score in best) >= len(best) // 2
    assert max(spreads) >= 40, "the companies score alike"


def test_citizens_with_a_mentor_agreement_only_have_goals_and_a_competence_card():
    """A citizen whose agreement is in force without a placement keeps their progress on the agreement."""
    agreement_only = (
        MentorAgreement.objects.filter(status=AgreementStatus.ACTIVE, citizen__placements=None)
        .annotate(goal_count=Count("goals", distinct=True), assessment_count=Count("assessments", distinct=True))
        .values_list("goal_count", "assessment_count")
    )
    assert agreement_only, "the demo has no citizen with a mentor agreement and no placement"
    assert all(goals > 0 for goals, _ in agreement_only)
    assert any(assessments > 0 for _, assessments in agreement_only)


def test_several_caseworkers_share_the_citizens():
    for slug in ("favrskov", "kalundborg"):
        caseworkers = set(
            Membership.objects.filter(jobcenter__slug=slug, role=Role.CASEWORKER).values_list("user_id", flat=True)
        )
        shares = collections.Counter(Citizen.objects.filter(jobcenter__slug=slug).values_list("caseworker", flat=True))
        assert len(shares) >= 3 and set(shares) <= caseworkers, slug
        assert min(shares.values()) >= 10, shares


def test_kalundborgs_cohort_spreads_50_over_10_companies_and_can_be_committed():
    cohort = Cohort.objects.get(jobcenter__slug="kalundborg")
    assert cohort.candidates.count() == 50
    assert cohort.companies.count() == 10
    assert cohort.solve_succeeded and cohort.result["assigned_count"] == 50
    groups = collections.Counter(cohort.candidates.values_list("assigned", flat=True))
    assert min(groups.values()) >= 4
    coordinator = Membership.objects.get(jobcenter__slug="kalundborg", role=Role.COORDINATOR).user
    with transaction.atomic():
        placements = services.cohort_commit(actor=coordinator, cohort=cohort)
        assert len(placements) == 50
        assert {p.status for p in placements} == {PlacementStatus.PROPOSED}
        companies = Company.objects.filter(jobcenter__slug="kalundborg").annotate(
            taken=Count(
                "placements", filter=Q(placements__status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED])
            )
        )
        assert [c.name for c in companies if c.taken > c.capacity] == []
        transaction.set_rollback(True)


def test_seeding_again_changes_nothing():
    models = (Citizen, MentorAgreement, Placement, HoursEntry, Course, Registration, Mentor, Company, Cohort)
    before = {model.__name__: model.objects.count() for model in models}
    with transaction.atomic():
        _seed_all()
        after = {model.__name__: model.objects.count() for model in models}
        transaction.set_rollback(True)
    assert after == before
