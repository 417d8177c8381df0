from citizens.tests.factories import CitizenFactory
from tests.permissions import GET_ONLY, GET_POST, coordinators_only, staff_only


def _citizen(world):
    return {"subject": "borger", "pk": CitizenFactory(jobcenter=world.jobcenter).pk}


def _citizen_pk(world):
    return {"pk": CitizenFactory(jobcenter=world.jobcenter).pk}


def admins_only(*, methods=GET_ONLY):
    return staff_only(coordinator=403, caseworker=403, other_jobcenter=403, methods=methods)


MATRIX = {
    "audit:overview": staff_only(),
    "audit:retention_edit": admins_only(methods=GET_POST),
    "audit:access_log": admins_only(),
    "audit:person_access_log": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "audit:subject_access": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "audit:subject_access_json": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "audit:subject_access_pdf": coordinators_only(kwargs=_citizen, object_of_jobcenter=True),
    "audit:erase": coordinators_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "audit:archive_hold": coordinators_only(kwargs=_citizen_pk, object_of_jobcenter=True, methods=GET_POST),
}
