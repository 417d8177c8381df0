"""seed_scale at a thousandth of the country: counts, relationships, constraints and the known logins.
Runs on the test database (SQLite by default, PostgreSQL with DATABASE_URL: then through COPY)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Max
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role, User
from accounts.scale import SCALE_PASSWORD, coordinator_email, leader_email, totp_key_hex, totp_token
from citizens import cpr
from citizens.models import Citizen, FollowUp, Placement, ProgressAssessment, ProgressScore
from companies.models import Company, CompanyMentor
from corps.models import Competence, Mentor
from courses.models import Course, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_scale", scale=0.001, stdout=out)
    return out.getvalue()


def test_counts_follow_the_scale(seeded):
    with scopes_disabled():
        assert Jobcenter.objects.count() == 2
        assert Mentor.objects.count() == 10
        assert Company.objects.count() == 5
        assert CompanyMentor.objects.count() == 8
        assert Citizen.objects.count() == 100
        assert Placement.objects.count() == 60
        assert FollowUp.objects.count() == 1000
        assert ProgressAssessment.objects.count() == 300
        assert Course.objects.count() == 2
        assert Registration.objects.count() == 40
        # Every assessment has a score for each of its jobcenter's dimensions.
        assert ProgressScore.objects.count() == 300 * 5
    assert "follow-ups" in seeded and " s" in seeded  # each part reports its time


def test_rows_stay_inside_their_jobcenter(seeded):
    with scopes_disabled():
        assert not Placement.objects.exclude(company__jobcenter=F("jobcenter")).exists()
        assert not Placement.objects.exclude(citizen__jobcenter=F("jobcenter")).exists()
        assert (
            not Placement.objects.filter(company_mentor__isnull=False)
            .exclude(company_mentor__company=F("company"))
            .exists()
        )
        assert not FollowUp.objects.exclude(placement__citizen=F("citizen")).exists()
        assert not FollowUp.objects.exclude(citizen__jobcenter=F("jobcenter")).exists()
        assert not Mentor.competences.through.objects.exclude(competence__jobcenter=F("mentor__jobcenter")).exists()
        assert (
            not Registration.objects.filter(corps_mentor__isnull=False)
            .exclude(corps_mentor__jobcenter=F("course__jobcenter"))
            .exists()
        )
        assert Competence.objects.filter(jobcenter__in=Jobcenter.objects.all()).count() > 0


def test_last_follow_up_is_denormalised(seeded):
    with scopes_disabled():
        running = Placement.objects.filter(status__in=["active", "ended"]).annotate(
            latest=Max("follow_ups__occurred_on")
        )
        assert running.exists()
        for placement in running:
            assert placement.last_follow_up_on == placement.latest


def test_progress_summaries_are_denormalised(seeded):
    """The set-wise summaries of the load equal what the assessment service keeps, placement by placement."""
    from citizens.models import ProgressSummary
    from citizens.services import progress_summary_refresh

    def rows():
        return sorted(
            ProgressSummary.objects.values_list(
                "jobcenter_id", "placement_id", "dimension_id", "assessments", "first_score", "latest_score"
            )
        )

    with scopes_disabled():
        loaded = rows()
        assert len(loaded) == Placement.objects.filter(assessments__isnull=False).distinct().count() * 5
        for placement in Placement.objects.filter(assessments__isnull=False).distinct():
            progress_summary_refresh(placement=placement)
        assert rows() == loaded


def test_cpr_is_stored_like_the_citizens_app_does(seeded):
    with scopes_disabled():
        with_cpr = Citizen.objects.exclude(cpr_hash="")
        assert with_cpr.count() == 20  # one in five
        citizen = with_cpr.first()
    number = cpr.decrypt(citizen.cpr_encrypted)
    assert cpr.search_hash(number) == citizen.cpr_hash
    assert cpr.parse(number)[1] == citizen.birth_date


def test_known_logins(seeded, client):
    assert leader_email("jc001") in seeded and SCALE_PASSWORD in seeded
    with scopes_disabled():
        coordinator = User.objects.get(email=coordinator_email("jc001"))
        leader = User.objects.get(email=leader_email("jc001"))
        assert Membership.objects.get(user=leader).role == Role.COMPANY_LEADER
        assert (
            Membership.objects.filter(role=Role.COMPANY_LEADER).values("company").annotate(n=Count("id")).count() == 5
        )
    assert coordinator.check_password(SCALE_PASSWORD)
    for user in (coordinator, leader):  # every role logs in with a second factor
        device = TOTPDevice.objects.get(user=user)
        assert device.key == totp_key_hex(user.email) and device.confirmed
    # The code computed from the known key passes the real login.
    response = client.post("/konto/login/", {"username": coordinator.email, "password": SCALE_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/tofaktor/")
    response = client.post("/konto/tofaktor/", {"token": totp_token(coordinator.email)})
    assert response.status_code == 302 and "/konto/" not in response.url
    assert client.get("/borgere/").status_code == 200


def test_refuses_a_database_with_data_unless_flushed(seeded):
    with pytest.raises(CommandError, match="--flush"):
        call_command("seed_scale", scale=0.001, stdout=io.StringIO())
    call_command("seed_scale", scale=0.001, flush=True, stdout=io.StringIO())
    with scopes_disabled():
        assert Citizen.objects.count() == 100
        assert Jobcenter.objects.count() == 2
