from citizens.tests.factories import CitizenFactory
from companies.tests.factories import CompanyFactory
from matching.models import CohortCompany
from matching.services.offer import _new_token
from matching.tests.factories import CohortFactory, OfferFactory
from tests.permissions import GET_POST, POST_ONLY, coordinators_only, row


def _citizen(world):
    return {"pk": CitizenFactory(jobcenter=world.jobcenter).pk}


def _cohort(world):
    return {"pk": CohortFactory(jobcenter=world.jobcenter).pk}


def _offer(world):
    return {"pk": OfferFactory(citizen=CitizenFactory(jobcenter=world.jobcenter)).pk}


def _offer_token(world):
    """The raw token of an open offer's answer link (only its hash is stored)."""
    token = _new_token()
    OfferFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), token=token)
    return {"token": token}


def _cohort_company(world):
    cohort = CohortFactory(jobcenter=world.jobcenter)
    seat = CohortCompany.objects.create(cohort=cohort, company=CompanyFactory(jobcenter=world.jobcenter), capacity=2)
    return {"pk": cohort.pk, "company_pk": seat.pk}


def post_only(kwargs):
    return coordinators_only(kwargs=kwargs, object_of_jobcenter=True, methods=POST_ONLY)


MATRIX = {
    "matching:citizen": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "matching:offer_create": post_only(_citizen),
    "matching:preferences": coordinators_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "matching:placement_suggestions": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "matching:offer_list": coordinators_only(),
    "matching:offer_answer": post_only(_offer),
    "matching:offer_withdraw": post_only(_offer),
    # Public: the mentor's answer link works for whoever holds it (an unknown or forged token is "not
    # found" for everyone: test_views.py).
    "matching:respond": row(200, kwargs=_offer_token, methods=GET_POST),
    "matching:cohort_list": coordinators_only(),
    "matching:cohort_create": coordinators_only(methods=GET_POST),
    "matching:cohort_detail": coordinators_only(kwargs=_cohort, object_of_jobcenter=True),
    "matching:cohort_solve": post_only(_cohort),
    "matching:cohort_move": post_only(_cohort),
    "matching:cohort_company_update": post_only(_cohort_company),
    "matching:cohort_commit": post_only(_cohort),
}
