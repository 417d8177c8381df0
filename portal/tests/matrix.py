from companies.tests.factories import CompanyMentorFactory, claim_for, placement_for
from courses.tests.factories import CourseFactory, RegistrationFactory
from tests.permissions import GET_POST, POST_ONLY, leaders_only


def mentor_a(world):
    return {"pk": CompanyMentorFactory(company=world.company_a).pk}


def placement_a(world):
    return {"pk": placement_for(world.company_a).pk}


def proposed_placement_a(world):
    return {"pk": placement_for(world.company_a, status="proposed").pk}


def claim_a(world):
    return {"pk": claim_for(placement_for(world.company_a)).pk}


def course(world):
    return {"pk": CourseFactory(jobcenter=world.jobcenter).pk}


def course_registration_a(world):
    return {"pk": RegistrationFactory(course=CourseFactory(jobcenter=world.jobcenter), company=world.company_a).pk}


def own_leader_membership_a(world):
    """Leader A's own membership: leader A may not remove it (a message), leader B gets 404 for it."""
    from accounts.models import Membership

    return {"pk": Membership.objects.get(user=world.leader_a).pk}


MATRIX = {
    "portal:home": leaders_only(),
    "portal:scheme": leaders_only(),
    "portal:company": leaders_only(),
    "portal:company_edit": leaders_only(methods=GET_POST),
    "portal:mentors": leaders_only(),
    "portal:mentor_create": leaders_only(methods=GET_POST),
    "portal:mentor_edit": leaders_only(kwargs=mentor_a, object_of_company=True, methods=GET_POST),
    "portal:mentor_nominate": leaders_only(kwargs=mentor_a, object_of_company=True, methods=GET_POST),
    "portal:placements": leaders_only(),
    "portal:placement_detail": leaders_only(kwargs=placement_a, object_of_company=True),
    "portal:placement_answer": leaders_only(kwargs=proposed_placement_a, object_of_company=True, methods=GET_POST),
    "portal:placement_assessment": leaders_only(kwargs=placement_a, object_of_company=True, methods=GET_POST),
    "portal:placement_follow_up": leaders_only(kwargs=placement_a, object_of_company=True, methods=GET_POST),
    # Leaders see their own jobcenter's open courses (a course is not a company's object).
    "portal:courses": leaders_only(),
    "portal:course_register": leaders_only(kwargs=course, methods=GET_POST),
    # A registration of company A's: leader B's portal answers 404.
    "portal:course_registration_cancel": leaders_only(
        kwargs=course_registration_a, object_of_company=True, methods=GET_POST
    ),
    "portal:people": leaders_only(),
    "portal:person_remove": leaders_only(kwargs=own_leader_membership_a, object_of_company=True, methods=POST_ONLY),
    "portal:claims": leaders_only(),
    "portal:claim_create": leaders_only(methods=GET_POST),
    "portal:claim_detail": leaders_only(kwargs=claim_a, object_of_company=True),
}
