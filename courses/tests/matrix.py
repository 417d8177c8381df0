from courses import tokens
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory
from tests.permissions import GET_POST, coordinators_only, row, staff_only


def _course(world):
    return {"pk": CourseFactory(jobcenter=world.jobcenter).pk}


def _session(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    return {"pk": course.pk, "session_pk": course.sessions.first().pk}


def _registration(world):
    return {"pk": RegistrationFactory(course=CourseFactory(jobcenter=world.jobcenter)).pk}


def _completed(world):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=-10)
    return {"pk": RegistrationFactory(course=course, completed_on=course.last_day).pk}


def _invitation_token(world):
    invitation = InvitationFactory(course=CourseFactory(jobcenter=world.jobcenter))
    return {"token": tokens.make(tokens.INVITATION, invitation.pk)}


def _offer_token(world):
    registration = RegistrationFactory(course=CourseFactory(jobcenter=world.jobcenter))
    return {"token": tokens.make(tokens.OFFER, registration.pk)}


def _evaluation_token(world):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=-10)
    registration = RegistrationFactory(course=course, completed_on=course.last_day)
    return {"token": tokens.make(tokens.EVALUATION, registration.pk)}


MATRIX = {
    "courses:list": staff_only(),
    "courses:calendar": staff_only(),
    "courses:evaluations": staff_only(),
    "courses:create": coordinators_only(methods=GET_POST),
    "courses:year_plan": coordinators_only(methods=GET_POST),
    "courses:shadowing_list": coordinators_only(),
    "courses:shadowing_create": coordinators_only(methods=GET_POST),
    "courses:detail": staff_only(kwargs=_course, object_of_jobcenter=True),
    "courses:ics": staff_only(kwargs=_course, object_of_jobcenter=True),
    "courses:update": coordinators_only(kwargs=_course, object_of_jobcenter=True, methods=GET_POST),
    "courses:cancel": coordinators_only(kwargs=_course, object_of_jobcenter=True, methods=GET_POST),
    "courses:session_add": coordinators_only(kwargs=_course, object_of_jobcenter=True, methods=GET_POST),
    "courses:session_edit": coordinators_only(kwargs=_session, object_of_jobcenter=True, methods=GET_POST),
    "courses:invite": coordinators_only(kwargs=_course, object_of_jobcenter=True, methods=GET_POST),
    "courses:invitations": coordinators_only(kwargs=_course, object_of_jobcenter=True),
    "courses:register": coordinators_only(kwargs=_course, object_of_jobcenter=True, methods=GET_POST),
    "courses:attendance": coordinators_only(kwargs=_course, object_of_jobcenter=True, methods=GET_POST),
    "courses:registration_cancel": coordinators_only(kwargs=_registration, object_of_jobcenter=True, methods=GET_POST),
    "courses:certificate": coordinators_only(kwargs=_completed, object_of_jobcenter=True),
    # Public links from e-mails: a valid signed token works for everyone, logged in or not.
    "courses:public_invitation": row(200, kwargs=_invitation_token, methods=GET_POST),
    "courses:public_offer": row(200, kwargs=_offer_token, methods=GET_POST),
    "courses:public_evaluation": row(200, kwargs=_evaluation_token, methods=GET_POST),
}
