from corps.tests.factories import MentorFactory
from tests.permissions import GET_POST, coordinators_only, row


def _mentor(world, **fields):
    return {"pk": MentorFactory(jobcenter=world.jobcenter, **fields).pk}


def _applicant(world):
    return {"pk": MentorFactory(jobcenter=world.jobcenter, status="applicant").pk, "action": "samtale"}


def _slug(world):
    return {"jobcenter_slug": world.jobcenter.slug}


MATRIX = {
    "corps:mentor_list": coordinators_only(),
    "corps:mentor_export": coordinators_only(),
    "corps:mentor_create": coordinators_only(methods=GET_POST),
    "corps:mentor_import": coordinators_only(methods=GET_POST),
    "corps:mentor_import_template": coordinators_only(),
    "corps:overview": coordinators_only(),
    "corps:hours_list": coordinators_only(methods=GET_POST),
    "corps:hours_add": coordinators_only(methods=GET_POST),
    "corps:payroll": coordinators_only(),
    "corps:mentor_detail": coordinators_only(kwargs=_mentor, object_of_jobcenter=True),
    "corps:mentor_update": coordinators_only(kwargs=_mentor, object_of_jobcenter=True, methods=GET_POST),
    "corps:mentor_transition": coordinators_only(kwargs=_applicant, object_of_jobcenter=True, methods=GET_POST),
    "corps:mentor_note_add": coordinators_only(kwargs=_mentor, object_of_jobcenter=True, methods=GET_POST),
    "corps:qualification_add": coordinators_only(kwargs=_mentor, object_of_jobcenter=True, methods=GET_POST),
    # Public pages: everyone, logged in or not; an unknown jobcenter is 404 (see test_views).
    "corps_public:apply_index": row(200),
    "corps_public:apply": row(200, kwargs=_slug, methods=GET_POST),
    "corps_public:apply_thanks": row(200, kwargs=_slug),
}
