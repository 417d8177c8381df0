"""The portal: isolation between companies (every URL, form and htmx request), the leader's actions,
no sensitive data on any portal page, and fixed query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from citizens.models import FollowUp, Placement, ProgressAssessment, SensitiveNote
from companies.models import CompanyMentor, CompensationClaim, CourseNomination
from companies.tests.factories import CompanyMentorFactory, claim_for, placement_for
from corps.tests.factories import CompetenceFactory

pytestmark = pytest.mark.django_db

SECRET = "FØLSOM-NOTE: angst og misbrug"


def b_objects(world) -> dict:
    """Company B's objects, which leader A must never reach."""
    mentor = CompanyMentorFactory(company=world.company_b)
    return {
        "mentor": mentor,
        "placement": placement_for(world.company_b, mentor=mentor),
        "proposed": placement_for(world.company_b, status="proposed"),
        "claim": claim_for(placement_for(world.company_b, mentor=mentor)),
    }


OBJECT_URLS = [
    ("portal:mentor_edit", "mentor"),
    ("portal:mentor_nominate", "mentor"),
    ("portal:placement_detail", "placement"),
    ("portal:placement_answer", "proposed"),
    ("portal:placement_assessment", "placement"),
    ("portal:placement_follow_up", "placement"),
    ("portal:claim_detail", "claim"),
]


@pytest.mark.parametrize(("name", "key"), OBJECT_URLS)
@pytest.mark.parametrize("htmx", [False, True])
def test_company_b_ids_in_any_portal_url_are_404_for_get_and_post(world, login, name, key, htmx):
    objects = b_objects(world)
    client = login(world.leader_a)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse(name, args=[objects[key].pk])
    assert client.get(url, **headers).status_code == 404
    post = {"answer": "accept", "company_mentor": objects["mentor"].pk, "full_name": "X", "wish": "x"}
    # Read-only pages refuse POST before any lookup (405, which says nothing about the object).
    expected = 405 if name in ("portal:placement_detail", "portal:claim_detail") else 404
    assert client.post(url, post, **headers).status_code == expected
    # Nothing of B's changed.
    objects["proposed"].refresh_from_db()
    assert objects["proposed"].status == "proposed"
    assert not CourseNomination.objects.exists()


@pytest.mark.parametrize(("name", "key"), OBJECT_URLS)
def test_another_jobcenters_ids_are_404_too(world, login, name, key):
    mentor = CompanyMentorFactory(company=world.other_company)
    objects = {
        "mentor": mentor,
        "placement": placement_for(world.other_company, mentor=mentor),
        "proposed": placement_for(world.other_company, status="proposed"),
        "claim": claim_for(placement_for(world.other_company, mentor=mentor)),
    }
    assert login(world.leader_a).get(reverse(name, args=[objects[key].pk])).status_code == 404


def test_answer_form_refuses_company_b_mentor(world, login):
    objects = b_objects(world)
    proposed = placement_for(world.company_a, status="proposed")
    response = login(world.leader_a).post(
        reverse("portal:placement_answer", args=[proposed.pk]),
        {"answer": "accept", "company_mentor": objects["mentor"].pk},
    )
    assert response.status_code == 200
    assert "company_mentor" in response.context["form"].errors
    proposed.refresh_from_db()
    assert proposed.status == "proposed" and proposed.company_mentor is None


def test_claim_form_refuses_company_b_placement(world, login):
    objects = b_objects(world)
    response = login(world.leader_a).post(
        reverse("portal:claim_create"),
        {"placement": objects["placement"].pk, "month": "2026-03", "hours": "5", "confirm_exclusions": "on"},
    )
    assert response.status_code == 200
    assert "placement" in response.context["form"].errors
    assert CompensationClaim.objects.filter(company=world.company_a).count() == 0


def test_mentor_form_refuses_company_b_mentor_as_the_one_to_shadow(world, login):
    objects = b_objects(world)
    response = login(world.leader_a).post(
        reverse("portal:mentor_create"),
        {"full_name": "Ny Mentor", "is_new": "on", "shadowing": objects["mentor"].pk, "is_active": "on"},
    )
    assert "shadowing" in response.context["form"].errors
    assert not CompanyMentor.objects.filter(full_name="Ny Mentor").exists()


def test_company_edit_only_changes_the_leaders_own_company(world, login):
    response = login(world.leader_a).post(
        reverse("portal:company_edit"),
        {
            "name": "Hammel Maskinfabrik A/S",
            "p_number": "1003378412",
            "address": "Fabriksvej 1",
            "postcode": "8450",
            "city": "Hammel",
            "size_band": "50-249",
            "capacity": "4",
            "contact_name": "Peter Sørensen",
            # Fields the leader may not set, and a forged id, are ignored:
            "status": "active",
            "cvr": world.company_b.cvr,
            "id": world.company_b.pk,
        },
    )
    assert response.status_code == 302
    world.company_a.refresh_from_db()
    world.company_b.refresh_from_db()
    assert (world.company_a.capacity, world.company_a.p_number, world.company_a.status) == (
        4,
        "1003378412",
        "interested",
    )
    assert world.company_b.capacity == 1 and world.company_b.address == ""


def test_company_edit_shows_a_danish_error_at_the_field(world, login):
    response = login(world.leader_a).post(
        reverse("portal:company_edit"), {"name": "Hammel", "postcode": "84500", "capacity": "2", "p_number": "12"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "4" in errors["postcode"][0]  # Danish: "... højst have 4 tegn" / "... fire cifre"
    assert "P-nummer består af 10 cifre" in errors["p_number"][0]


def test_lists_never_contain_company_b_rows(world, login):
    objects = b_objects(world)
    a_placement = placement_for(world.company_a, citizen_name="Anna Alfa")
    claim_for(a_placement)
    client = login(world.leader_a)
    b_name = objects["placement"].citizen.name
    for name in ("portal:home", "portal:placements", "portal:mentors", "portal:claims"):
        page = client.get(reverse(name)).content.decode()
        assert b_name not in page, name
        assert objects["mentor"].full_name not in page, name
    assert "Anna Alfa" in client.get(reverse("portal:placements")).content.decode()
    claim_form = client.get(reverse("portal:claim_create")).content.decode()
    assert b_name not in claim_form and "Anna Alfa" in claim_form


def test_front_page_counts_the_leaders_own_company_only(world, login):
    """Proposals, placements in progress, active mentors and claims waiting or rejected: of company A, whatever
    company B and the other jobcenter hold."""
    from django.utils import timezone

    from companies.models import ClaimStatus

    b_objects(world)
    placement_for(world.other_company, status="proposed")
    mentor = CompanyMentorFactory(company=world.company_a)
    CompanyMentorFactory(company=world.company_a, is_active=False)
    for status in ("proposed", "proposed", "active", "ended"):
        placement_for(world.company_a, status=status, mentor=None if status == "proposed" else mentor)
    active = placement_for(world.company_a, mentor=mentor)
    claim_for(active, month=date(2026, 1, 1))
    claim_for(
        active,
        month=date(2026, 2, 1),
        status=ClaimStatus.REJECTED,
        rejection_reason="For mange timer",
        decided_at=timezone.now(),
    )
    page = login(world.leader_a).get(reverse("portal:home")).content.decode()
    assert "Jobcentret har foreslået 2 nye forløb" in page
    assert "2 borgere i forløb nu" in page
    assert "1 aktiv virksomhedsmentor" in page
    assert "1 anmodning venter på jobcentret" in page and "1 afvist – se begrundelsen" in page


def test_leader_accepts_a_proposal_naming_their_mentor(world, login):
    mentor = CompanyMentorFactory(company=world.company_a)
    proposed = placement_for(world.company_a, status="proposed")
    response = login(world.leader_a).post(
        reverse("portal:placement_answer", args=[proposed.pk]), {"answer": "accept", "company_mentor": mentor.pk}
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.company_mentor) == ("active", mentor)


def test_leader_declines_with_a_reason(world, login):
    proposed = placement_for(world.company_a, status="proposed")
    client = login(world.leader_a)
    url = reverse("portal:placement_answer", args=[proposed.pk])
    response = client.post(url, {"answer": "decline", "reason": ""})
    assert "Skriv kort, hvorfor" in response.content.decode()
    assert client.post(url, {"answer": "decline", "reason": "Ingen plads i december"}).status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.decline_reason) == ("declined", "Ingen plads i december")


def test_leader_records_a_progress_assessment(world, login):
    from citizens.models import ProgressDimension

    placement = placement_for(world.company_a)
    dimensions = [
        ProgressDimension.objects.get_or_create(jobcenter=world.jobcenter, code=code, defaults={"name": name})[0]
        for code, name in [("test-adfaerd", "Test adfærd"), ("test-engagement", "Test engagement")]
    ]
    data = {"assessed_on": "2026-02-10"}
    for dimension in ProgressDimension.objects.filter(jobcenter=world.jobcenter, is_active=True):
        data[f"score_{dimension.pk}"] = "4"
    data[f"comment_{dimensions[0].pk}"] = "Møder til tiden"
    response = login(world.leader_a).post(reverse("portal:placement_assessment", args=[placement.pk]), data)
    assert response.status_code == 302
    assessment = ProgressAssessment.objects.get(placement=placement)
    assert assessment.assessor_kind == "company"
    assert assessment.scores.get(dimension=dimensions[0]).comment == "Møder til tiden"


def test_portal_placement_shows_the_progress_chart_with_decimal_points(world, login):
    from citizens.models import ProgressDimension, ProgressScore
    from citizens.tests.test_views import svg_attributes_with_a_comma_decimal

    placement = placement_for(world.company_a)
    dimension = ProgressDimension.objects.get_or_create(
        jobcenter=world.jobcenter, code="test-chart", defaults={"name": "Test graf"}
    )[0]
    for day, score in [(date(2026, 2, 1), 2), (date(2026, 2, 8), 3), (date(2026, 2, 18), 5)]:
        assessment = ProgressAssessment.objects.create(
            jobcenter=world.jobcenter, placement=placement, assessed_on=day, assessor_kind="company"
        )
        ProgressScore.objects.create(assessment=assessment, dimension=dimension, score=score)
    page = login(world.leader_a).get(reverse("portal:placement_detail", args=[placement.pk])).content.decode()
    assert '<svg viewBox="0 0 640 280" role="img"' in page
    assert "<polyline" in page and "Test graf" in page
    assert svg_attributes_with_a_comma_decimal(page) == []


def test_assessment_without_scores_explains_per_field(world, login):
    placement = placement_for(world.company_a)
    response = login(world.leader_a).post(
        reverse("portal:placement_assessment", args=[placement.pk]), {"assessed_on": "2026-02-10"}
    )
    assert response.status_code == 200
    assert "Giv en score fra 1 til 5" in response.content.decode()
    assert not ProgressAssessment.objects.exists()


def test_leader_writes_a_follow_up_as_the_company(world, login):
    placement = placement_for(world.company_a)
    response = login(world.leader_a).post(
        reverse("portal:placement_follow_up", args=[placement.pk]),
        {"kind": "meeting", "occurred_on": "2026-02-12", "notes": "God uge på lageret", "next_action": ""},
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(placement=placement)
    assert (follow_up.recorded_as, follow_up.author) == ("company", world.leader_a)


def test_leader_submits_a_claim_and_sees_danish_amounts(world, login):
    placement = placement_for(world.company_a)
    client = login(world.leader_a)
    response = client.post(
        reverse("portal:claim_create"),
        {"placement": placement.pk, "month": "2026-03", "hours": "7,5", "confirm_exclusions": "on"},
    )
    assert response.status_code == 302
    claim = CompensationClaim.objects.get(placement=placement)
    assert claim.hours == Decimal("7.5") and claim.month == date(2026, 3, 1)
    page = client.get(response["Location"]).content.decode()
    assert "1.837,50 kr." in page  # 7,5 × 245,00


def test_claim_needs_the_exclusions_confirmed(world, login):
    placement = placement_for(world.company_a)
    response = login(world.leader_a).post(
        reverse("portal:claim_create"), {"placement": placement.pk, "month": "2026-03", "hours": "5"}
    )
    assert "Bekræft, at timerne ikke omfatter transport" in response.content.decode()
    assert not CompensationClaim.objects.exists()


def test_leader_adds_a_mentor_and_nominates_them_for_a_course(world, login):
    competence = CompetenceFactory(jobcenter=world.jobcenter)
    client = login(world.leader_a)
    response = client.post(
        reverse("portal:mentor_create"),
        {
            "full_name": "Jonas Smed",
            "job_title": "Smed",
            "email": "jonas@hammel.dk",
            "hourly_wage": "251.25",
            "competences": [competence.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    mentor = CompanyMentor.objects.get(full_name="Jonas Smed")
    assert mentor.company == world.company_a and mentor.hourly_wage == Decimal("251.25")
    assert client.post(reverse("portal:mentor_nominate", args=[mentor.pk]), {"wish": "Fyraften"}).status_code == 302
    assert CourseNomination.objects.get(mentor=mentor).nominated_by == world.leader_a


def test_no_cpr_health_or_social_notes_on_any_portal_page(world, login):
    from citizens.services.citizen import _set_cpr

    placement = placement_for(world.company_a, citizen_name="Mads Mentee")
    citizen = placement.citizen
    _set_cpr(citizen, "0101901234")
    citizen.referral_reason = SECRET
    citizen.caseworker_view = SECRET
    citizen.save()
    SensitiveNote.objects.create(jobcenter=world.jobcenter, citizen=citizen, kind="health", text=SECRET)
    FollowUp.objects.create(
        jobcenter=world.jobcenter,
        citizen=citizen,
        placement=placement,
        kind="visit",
        occurred_on=date(2026, 2, 1),
        notes=SECRET,
        recorded_as="jobcenter",
    )
    claim_for(placement)
    client = login(world.leader_a)
    urls = [reverse(name) for name in ("portal:home", "portal:placements", "portal:claims", "portal:claim_create")]
    urls += [
        reverse(name, args=[placement.pk])
        for name in ("portal:placement_detail", "portal:placement_assessment", "portal:placement_follow_up")
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "Mads Mentee" in page or url.endswith(("vurdering/", "opfoelgning/", "/portal/"))
        for forbidden in (SECRET, "010190", "0101901234", "01.01.1990"):
            assert forbidden not in page, (url, forbidden)


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 12])
def test_portal_pages_have_fixed_query_counts(world, login, django_assert_max_num_queries, n):
    from citizens.models import Goal, HoursStep, ProgressDimension, ProgressScore

    competence = CompetenceFactory(jobcenter=world.jobcenter)
    mentor = CompanyMentorFactory(company=world.company_a)
    dimension = ProgressDimension.objects.get_or_create(
        jobcenter=world.jobcenter, code="test-dim", defaults={"name": "Test"}
    )[0]
    placements = [placement_for(world.company_a, mentor=mentor) for _ in range(n)]
    detail = placements[0]
    for i in range(n):
        extra = CompanyMentorFactory(company=world.company_a)
        extra.competences.add(competence)
        placement_for(world.company_a, status="proposed")
        claim_for(placements[i])
        goal = Goal.objects.create(placement=detail, title=f"Mål {i}")
        Goal.objects.create(placement=detail, parent=goal, title=f"Delmål {i}")
        HoursStep.objects.create(placement=detail, starts_on=date(2026, 1, 5 + i), hours_per_week=Decimal(i))
        assessment = ProgressAssessment.objects.create(
            jobcenter=world.jobcenter, placement=detail, assessed_on=date(2026, 2, 1), assessor_kind="company"
        )
        ProgressScore.objects.create(assessment=assessment, dimension=dimension, score=3)
        FollowUp.objects.create(
            jobcenter=world.jobcenter,
            citizen=detail.citizen,
            placement=detail,
            kind="visit",
            occurred_on=date(2026, 2, 1),
            notes="x",
            recorded_as="company",
        )
    client = login(world.leader_a)
    # Each page and its queries after the first view (at most 10, the same with many rows).
    pages = {
        reverse("portal:home"): 3,
        reverse("portal:scheme"): 2,  # the jobcenter's own wording of the page (texts), if edited
        reverse("portal:company"): 3,
        reverse("portal:company_edit"): 5,
        reverse("portal:mentors"): 5,
        reverse("portal:mentor_create"): 4,
        reverse("portal:placements"): 4,
        reverse("portal:claims"): 4,
        reverse("portal:claim_create"): 2,
        reverse("portal:placement_detail", args=[detail.pk]): 9,
        reverse("portal:placement_assessment", args=[detail.pk]): 4,
        reverse("portal:claim_detail", args=[CompensationClaim.objects.first().pk]): 3,
        reverse("portal:mentor_edit", args=[mentor.pk]): 6,
    }
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("portal:home")).status_code == 200
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url
    assert Placement.objects.filter(company=world.company_a).count() >= 2 * n


def test_the_assessment_form_marks_an_optional_comment_once(world, login):
    """The form's own marker says "(frivilligt)"; the label said "(valgfri)" as well."""
    from citizens.models import ProgressDimension

    placement = placement_for(world.company_a)
    ProgressDimension.objects.get_or_create(jobcenter=world.jobcenter, code="test-once", defaults={"name": "Test én"})
    page = login(world.leader_a).get(reverse("portal:placement_assessment", args=[placement.pk])).content.decode()
    assert "(frivilligt)" in page
    assert "(valgfri)" not in page
