import secrets

from accounts.models import Role
from accounts.tests.factories import MembershipFactory
from companies.models import CourseNomination
from companies.tests.factories import CompanyMentorFactory, LeaderInvitationFactory, claim_for, placement_for
from tests.permissions import GET_POST, POST_ONLY, coordinators_only, row, staff_only


def company_a(world):
    return {"pk": world.company_a.pk}


def mentor_a(world):
    return {"pk": CompanyMentorFactory(company=world.company_a).pk}


def claim_a(world):
    return {"pk": claim_for(placement_for(world.company_a)).pk}


def leader_membership_a(world):
    """A second leader of company A (removing world.leader_a would log the leader A of the walk out)."""
    membership = MembershipFactory(jobcenter=world.jobcenter, company=world.company_a, role=Role.COMPANY_LEADER)
    return {"pk": world.company_a.pk, "membership_pk": membership.pk}


def nomination_a(world):
    return {"pk": CourseNomination.objects.create(mentor=CompanyMentorFactory(company=world.company_a)).pk}


def invitation_a(world):
    return {"pk": LeaderInvitationFactory(company=world.company_a).pk}


def invitation_token_a(world):
    """The raw token of an open invitation to company A (only its hash is stored)."""
    token = secrets.token_urlsafe(16)
    LeaderInvitationFactory(company=world.company_a, token=token)
    return {"token": token}


MATRIX = {
    "companies:list": staff_only(),
    "companies:create": coordinators_only(methods=GET_POST),
    "companies:export": staff_only(),
    "companies:detail": staff_only(kwargs=company_a, object_of_jobcenter=True),
    "companies:update": coordinators_only(kwargs=company_a, object_of_jobcenter=True, methods=GET_POST),
    "companies:mentor_create": coordinators_only(kwargs=company_a, object_of_jobcenter=True, methods=GET_POST),
    "companies:leader_invite": coordinators_only(kwargs=company_a, object_of_jobcenter=True, methods=GET_POST),
    "companies:leader_remove": coordinators_only(
        kwargs=leader_membership_a, object_of_jobcenter=True, methods=POST_ONLY
    ),
    "companies:mentor_update": coordinators_only(kwargs=mentor_a, object_of_jobcenter=True, methods=GET_POST),
    "companies:nomination_handle": coordinators_only(kwargs=nomination_a, object_of_jobcenter=True, methods=POST_ONLY),
    "companies:invitation_revoke": coordinators_only(kwargs=invitation_a, object_of_jobcenter=True, methods=POST_ONLY),
    # Public: the link in the invitation e-mail works for whoever holds it, logged in or not (an unknown
    # token is "not found" for everyone: test_views.py).
    "companies:invitation_accept": row(200, kwargs=invitation_token_a, methods=GET_POST),
    "companies:claim_list": coordinators_only(),
    "companies:claim_export_csv": coordinators_only(),
    "companies:claim_export_xlsx": coordinators_only(),
    "companies:claim_detail": coordinators_only(kwargs=claim_a, object_of_jobcenter=True),
    "companies:claim_approve": coordinators_only(kwargs=claim_a, object_of_jobcenter=True, methods=POST_ONLY),
    "companies:claim_reject": coordinators_only(kwargs=claim_a, object_of_jobcenter=True, methods=POST_ONLY),
}
