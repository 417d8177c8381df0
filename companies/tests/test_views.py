import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from audit.models import AccessLog
from companies.models import (
    ClaimStatus,
    Company,
    CompanyMentor,
    CompensationClaim,
    CourseNomination,
    LeaderInvitation,
)
from companies.tests.factories import (
    CompanyFactory,
    CompanyMentorFactory,
    LeaderInvitationFactory,
    claim_for,
    placement_for,
)

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Søften Autoværksted ApS",
        "cvr": "DK 25 71 66 39",
        "p_number": "",
        "address": "Søftenvej 12",
        "postcode": "8382",
        "city": "Hinnerup",
        "industry": "",
        "size_band": "1-9",
        "sector": "private",
        "contact_name": "Ole Bach",
        "contact_email": "ole@autovaerksted.dk",
        "contact_phone": "",
        "capacity": "2",
        "status": "interested",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_create_company_normalises_the_cvr_number(world, login):
    response = login(world.coordinator).post(reverse("companies:create"), form_data())
    company = Company.objects.get(name="Søften Autoværksted ApS")
    assert response.status_code == 302 and response["Location"] == reverse("companies:detail", args=[company.pk])
    assert company.cvr == "25716639"


def test_a_wrong_cvr_number_gets_a_clear_danish_message_at_the_field(world, login):
    response = login(world.coordinator).post(reverse("companies:create"), form_data(cvr="25716638"))
    assert response.status_code == 200
    assert "kontrolcifferet passer ikke" in response.content.decode()
    assert not Company.objects.filter(name="Søften Autoværksted ApS").exists()


def test_a_duplicate_cvr_number_in_the_jobcenter_is_refused(world, login):
    response = login(world.coordinator).post(reverse("companies:create"), form_data(cvr=world.company_a.cvr))
    assert "Der findes allerede en virksomhed med CVR-nummer" in response.content.decode()


def test_the_same_cvr_number_may_exist_in_another_jobcenter(world, login):
    response = login(world.coordinator).post(reverse("companies:create"), form_data(cvr=world.other_company.cvr))
    assert response.status_code == 302


def test_caseworkers_read_but_do_not_change_companies(world, login):
    client = login(world.caseworker)
    assert client.get(reverse("companies:detail", args=[world.company_a.pk])).status_code == 200
    assert client.post(reverse("companies:update", args=[world.company_a.pk]), form_data()).status_code == 403


def test_list_filters_by_status_trained_mentors_and_free_capacity(world, login):
    active = CompanyFactory(jobcenter=world.jobcenter, name="Aktiv Partner A/S", status="active", capacity=1)
    CompanyMentorFactory(company=active, course_completed_on=date(2024, 5, 1))
    full = CompanyFactory(jobcenter=world.jobcenter, name="Fuldt Booket ApS", status="active", capacity=1)
    placement_for(full)
    client = login(world.coordinator)
    page = client.get(reverse("companies:list"), {"status": "active"}).content.decode()
    assert "Aktiv Partner A/S" in page and "Fuldt Booket ApS" in page and "Hinnerup Bageri" not in page
    page = client.get(reverse("companies:list"), {"trained": "ja"}).content.decode()
    assert "Aktiv Partner A/S" in page and "Fuldt Booket ApS" not in page
    page = client.get(reverse("companies:list"), {"capacity_free": "ja", "status": "active"}).content.decode()
    assert "Aktiv Partner A/S" in page and "Fuldt Booket ApS" not in page
    page = client.get(reverse("companies:list"), {"capacity_free": "nej"}).content.decode()
    assert "Fuldt Booket ApS" in page and "Aktiv Partner A/S" not in page


def test_search_finds_by_name_and_cvr_and_is_logged(world, login):
    client = login(world.coordinator)
    page = client.get(reverse("companies:list"), {"q": "bageri"}).content.decode()
    assert "Hinnerup Bageri ApS" in page and "Hammel Maskinfabrik" not in page
    page = client.get(reverse("companies:list"), {"q": world.company_a.cvr[:4]}).content.decode()
    assert "Hammel Maskinfabrik A/S" in page
    assert AccessLog.objects.filter(action="search", criterion="bageri").exists()


def test_list_never_shows_another_jobcenters_companies(world, login):
    page = login(world.coordinator).get(reverse("companies:list")).content.decode()
    assert world.company_a.name in page and world.other_company.name not in page


def test_csv_export_is_filtered_escaped_and_logged(world, login):
    CompanyFactory(jobcenter=world.jobcenter, name='=HYPERLINK("http://x")', status="active")
    response = login(world.coordinator).get(reverse("companies:export"), {"status": "active"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in text
    assert world.company_a.name not in text  # filtered out (status "interested")
    assert world.other_company.name not in text
    assert AccessLog.objects.filter(action="export").exists()


def test_detail_shows_mentors_leaders_and_placements_and_logs_the_view(world, login):
    CompanyMentorFactory(company=world.company_a, full_name="Bent Mentor")
    placement_for(world.company_a, citizen_name="Lise Borger")
    page = login(world.coordinator).get(reverse("companies:detail", args=[world.company_a.pk])).content.decode()
    assert "Bent Mentor" in page and "Lise Borger" in page and world.leader_a.email in page
    assert AccessLog.objects.filter(action="view", object_id=str(world.company_a.pk)).exists()


def test_mentor_form_refuses_another_companys_mentor_to_shadow(world, login):
    foreign = CompanyMentorFactory(company=world.company_b)
    response = login(world.coordinator).post(
        reverse("companies:mentor_create", args=[world.company_a.pk]),
        {"full_name": "Ny Mentor", "is_new": "on", "shadowing": foreign.pk, "is_active": "on"},
    )
    assert response.status_code == 200
    assert not CompanyMentor.objects.filter(full_name="Ny Mentor").exists()


def test_invite_leader_sends_the_invitation(world, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = login(world.coordinator).post(
            reverse("companies:leader_invite", args=[world.company_a.pk]),
            {"full_name": "Karen Leder", "email": "karen@hammel.dk"},
        )
    assert response.status_code == 302
    assert LeaderInvitation.objects.filter(company=world.company_a, email="karen@hammel.dk").exists()


def _nomination(company):
    return CourseNomination.objects.create(mentor=CompanyMentorFactory(company=company))


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("companies:invitation_revoke", lambda w: {"pk": LeaderInvitationFactory(company=w.other_company).pk}),
        ("companies:nomination_handle", lambda w: {"pk": _nomination(w.other_company).pk}),
        ("companies:claim_approve", lambda w: {"pk": claim_for(placement_for(w.other_company)).pk}),
        ("companies:claim_reject", lambda w: {"pk": claim_for(placement_for(w.other_company)).pk}),
        (
            "companies:leader_remove",
            lambda w: {"pk": w.company_a.pk, "membership_pk": Membership.objects.get(user=w.other_coordinator).pk},
        ),
    ],
)
def test_post_actions_on_another_jobcenters_objects_answer_404(world, login, name, kwargs):
    response = login(world.coordinator).post(reverse(name, kwargs=kwargs(world)), {"reason": "x"})
    assert response.status_code == 404


def test_remove_leader_takes_away_portal_access(world, login):
    membership = Membership.objects.get(user=world.leader_a)
    url = reverse("companies:leader_remove", args=[world.company_a.pk, membership.pk])
    assert login(world.coordinator).post(url).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active


# --- The invitation link --------------------------------------------------------------------------


def test_invitation_link_sets_a_password_and_logs_the_leader_in(world, client):
    """The new leader chooses a password, then sets up the second factor before the portal opens (issue 23)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.tests.test_authentication import token_for

    LeaderInvitationFactory(company=world.company_a, token="god-kode", email="ny@hammel.dk", full_name="Ny Leder")
    url = reverse("companies:invitation_accept", args=["god-kode"])
    invitation_page = client.get(url).content.decode()
    assert "Vælg en adgangskode" in invitation_page and "slår du bagefter tofaktorgodkendelse til" in invitation_page
    response = client.post(url, {"new_password1": "Mentor-portal-2026!", "new_password2": "Mentor-portal-2026!"})
    portal = reverse("portal:home")
    assert response.status_code == 302 and response["Location"] == portal
    setup = client.get(portal)
    assert setup.status_code == 302 and setup["Location"] == f"{reverse('accounts:two_factor_setup')}?next=%2Fportal%2F"
    page = client.get(setup["Location"]).content.decode()
    assert "Velkommen til portalen for Hammel Maskinfabrik A/S." in page
    assert "Slå tofaktorgodkendelse til" in page and "dkfds-virkdk.min.css" in page
    device = TOTPDevice.objects.get(user__email="ny@hammel.dk", confirmed=False)
    confirmed = client.post(setup["Location"], {"token": token_for(device), "next": portal})
    assert confirmed.status_code == 302 and confirmed["Location"] == portal
    assert client.get(portal).status_code == 200
    reused = client.get(url)
    assert reused.status_code == 410
    assert "Linket er allerede brugt" in reused.content.decode()


def test_invitation_link_refuses_a_weak_password_at_the_field(world, client):
    LeaderInvitationFactory(company=world.company_a, token="k2", email="ny2@hammel.dk")
    url = reverse("companies:invitation_accept", args=["k2"])
    response = client.post(url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="ny2@hammel.dk").exists()


def test_expired_invitation_link_says_so_plainly(world, client):
    LeaderInvitationFactory(company=world.company_a, token="k3", created_at=timezone.now() - timedelta(days=10))
    response = client.get(reverse("companies:invitation_accept", args=["k3"]))
    assert response.status_code == 410
    assert "Linket er udløbet" in response.content.decode()


def test_unknown_invitation_link_is_404(client, db):
    assert client.get(reverse("companies:invitation_accept", args=["findes-ikke"])).status_code == 404


# --- Claims (coordinator) -------------------------------------------------------------------------


def test_coordinator_approves_and_rejects_claims(world, login):
    client = login(world.coordinator)
    approve = claim_for(placement_for(world.company_a))
    reject = claim_for(placement_for(world.company_a))
    assert client.post(reverse("companies:claim_approve", args=[approve.pk])).status_code == 302
    response = client.post(reverse("companies:claim_reject", args=[reject.pk]), {"reason": ""})
    assert response.status_code == 400
    assert (
        client.post(reverse("companies:claim_reject", args=[reject.pk]), {"reason": "Forkert måned"}).status_code == 302
    )
    approve.refresh_from_db()
    reject.refresh_from_db()
    assert (approve.status, reject.status, reject.rejection_reason) == ("approved", "rejected", "Forkert måned")


def test_approved_claims_export_as_csv_with_danish_amounts(world, login):
    placement = placement_for(world.company_a, citizen_name="=CMD()")
    claim_for(placement, status=ClaimStatus.APPROVED, decided_at=timezone.now(), hours=Decimal("10"))
    claim_for(placement_for(world.company_b), status=ClaimStatus.SUBMITTED)
    claim_for(placement_for(world.other_company), status=ClaimStatus.APPROVED, decided_at=timezone.now())
    response = login(world.coordinator).get(reverse("companies:claim_export_csv"), {"month": "2026-03"})
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2  # header + the one approved claim of this jobcenter
    assert "2.450,00" in lines[1] and "2.989,00" in lines[1]  # 10 × 245 + 12,5 % + 8 % + 1,5 %
    assert "'=CMD()" in lines[1]
    assert world.other_company.name not in text and world.company_b.name not in text


def test_approved_claims_export_as_xlsx_with_numbers_and_escaped_text(world, login):
    from openpyxl import load_workbook

    placement = placement_for(world.company_a, citizen_name="@SUM(A1)")
    claim_for(placement, status=ClaimStatus.APPROVED, decided_at=timezone.now())
    response = login(world.coordinator).get(reverse("companies:claim_export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Måned"
    assert rows[1][5] == "'@SUM(A1)"
    assert rows[1][13] == pytest.approx(float(CompensationClaim.objects.get().total_amount))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- Query counts ---------------------------------------------------------------------------------


def _many_companies(world, n):
    for i in range(n):
        company = CompanyFactory(jobcenter=world.jobcenter, name=f"Virksomhed {i:03d} ApS")
        CompanyMentorFactory(company=company, course_completed_on=date(2025, 1, 1))


@pytest.mark.parametrize("n", [1, 30])
def test_company_list_and_export_have_fixed_query_counts(world, login, django_assert_max_num_queries, n):
    _many_companies(world, n)
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("companies:list")).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(reverse("companies:list"), {"q": "Virksomhed"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("companies:export")).status_code == 200


@pytest.mark.parametrize("n", [1, 15])
def test_company_detail_has_a_fixed_query_count(world, login, django_assert_max_num_queries, n):
    from corps.tests.factories import CompetenceFactory

    competence = CompetenceFactory(jobcenter=world.jobcenter)
    for _ in range(n):
        mentor = CompanyMentorFactory(company=world.company_a)
        mentor.competences.add(competence)
        placement_for(world.company_a, mentor=mentor)
        LeaderInvitationFactory(company=world.company_a)
    client = login(world.coordinator)
    url = reverse("companies:detail", args=[world.company_a.pk])
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 20])
def test_claim_pages_have_fixed_query_counts(world, login, django_assert_max_num_queries, n):
    claims = [claim_for(placement_for(world.company_a)) for _ in range(n)]
    for claim in claims:
        CompensationClaim.objects.filter(pk=claim.pk).update(status="approved", decided_at=timezone.now())
    client = login(world.coordinator)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(reverse("companies:claim_list")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("companies:claim_list")).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("companies:claim_export_xlsx")).status_code == 200
    # A first view of the detail page reads the citizen's content type for its access-log entry, which the
    # process then keeps (run alone, this test had no earlier test to do it).
    assert client.get(reverse("companies:claim_detail", args=[claims[0].pk])).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("companies:claim_detail", args=[claims[0].pk])).status_code == 200
