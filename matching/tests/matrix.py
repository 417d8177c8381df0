from citizens.tests.factories import CitizenFactory
from matching.tests.factories import CohortFactory
from tests.permissions import coordinators_only, row


def _citizen(world):
    return {"pk": CitizenFactory(jobcenter=world.jobcenter).pk}


def _cohort(world):
    return {"pk": CohortFactory(jobcenter=world.jobcenter).pk}


# POST-only actions answer 405 to a GET (anonymous users are sent to the login page first); their
# tenant checks (404 for another jobcenter's object) are proven by POST tests in test_views.py.
post_only = row(405, anonymous=302)

MATRIX = {
    "matching:citizen": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "matching:offer_create": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    "matching:preferences": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "matching:placement_suggestions": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "matching:offer_list": coordinators_only(),
    "matching:offer_answer": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    "matching:offer_withdraw": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    # Public: the mentor's answer link. An unknown or forged token is "not found" for everyone.
    "matching:respond": row(404, kwargs=lambda world: {"token": "ukendt-kode"}),
    "matching:cohort_list": coordinators_only(),
    "matching:cohort_create": coordinators_only(),
    "matching:cohort_detail": coordinators_only(kwargs=_cohort, object_of_jobcenter=True),
    "matching:cohort_solve": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    "matching:cohort_move": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
    "matching:cohort_company_update": row(405, anonymous=302, kwargs=lambda world: {"pk": 1, "company_pk": 1}),
    "matching:cohort_commit": row(405, anonymous=302, kwargs=lambda world: {"pk": 1}),
}
