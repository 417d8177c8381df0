from companies.tests.factories import CompanyMentorFactory, claim_for, placement_for
from tests.permissions import coordinators_only, row, staff_only


def company_a(world):
    return {"pk": world.company_a.pk}


def mentor_a(world):
    return {"pk": CompanyMentorFactory(company=world.company_a).pk}


def claim_a(world):
    return {"pk": claim_for(placement_for(world.company_a)).pk}


# POST-only actions answer 405 to a GET (anonymous users are sent to the login page first); their
# tenant checks (404 for another jobcenter's object) are proven by POST tests in test_views.py.
post_only = row(405, anonymous=302)

MATRIX = {
    "companies:list": staff_only(),
    "companies:create": coordinators_only(),
    "companies:export": staff_only(),
    "companies:detail": staff_only(kwargs=company_a, object_of_jobcenter=True),
    "companies:update": coordinators_only(kwargs=company_a, object_of_jobcenter=True),
    "companies:mentor_create": coordinators_only(kwargs=company_a, object_of_jobcenter=True),
    "companies:leader_invite": coordinators_only(kwargs=company_a, object_of_jobcenter=True),
    "companies:leader_remove": row(
        405, anonymous=302, kwargs=lambda world: {"pk": world.company_a.pk, "membership_pk": 1}
    ),
    "companies:mentor_update": coordinators_only(kwargs=mentor_a, object_of_jobcenter=True),
    "companies:nomination_handle": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    "companies:invitation_revoke": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    # Public: an unknown token is "not found" for everyone, logged in or not.
    "companies:invitation_accept": row(404, kwargs=lambda world: {"token": "ukendt-kode"}),
    "companies:claim_list": coordinators_only(),
    "companies:claim_export_csv": coordinators_only(),
    "companies:claim_export_xlsx": coordinators_only(),
    "companies:claim_detail": coordinators_only(kwargs=claim_a, object_of_jobcenter=True),
    "companies:claim_approve": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    "companies:claim_reject": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
}
