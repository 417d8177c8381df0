from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    FollowUpFactory,
    GoalFactory,
    PlacementFactory,
)
from citizens.tests.meeting import active_agreement, planned
from tests.permissions import GET_POST, POST_ONLY, coordinators_only, row, staff_only


def _citizen(world):
    return {"pk": CitizenFactory(jobcenter=world.jobcenter).pk}


def _own_citizen(world):
    """A citizen referred by world.caseworker, so the caseworker may read the sensitive notes."""
    return {"pk": CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker).pk}


def _agreement(world):
    return {"pk": AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter)).pk}


def _active_agreement(world):
    return {
        "pk": AgreementFactory(
            citizen=CitizenFactory(jobcenter=world.jobcenter),
            status="active",
            mentor=None,
            company_mentor=PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter)).company_mentor,
        ).pk
    }


def _meeting_agreement(world):
    """An agreement in force with a corps mentor: its first meeting can be planned."""
    return {"pk": active_agreement(world.jobcenter, caseworker=world.caseworker).pk}


def _planned_meeting(world):
    """An agreement in force whose first meeting is planned: it can be called off, and its letter printed."""
    agreement = active_agreement(world.jobcenter, caseworker=world.caseworker)
    planned(agreement, caseworker=world.caseworker)
    return {"pk": agreement.pk}


def _placement(world):
    return {"pk": PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a).pk}


def _goal(world):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    return {"pk": GoalFactory(placement=placement).pk}


def _follow_up(world):
    return {"pk": FollowUpFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), mentor_hours=2).pk}


MATRIX = {
    "citizens:list": staff_only(),
    "citizens:create": staff_only(methods=GET_POST),
    "citizens:cpr_search": staff_only(methods=POST_ONLY),
    "citizens:detail": staff_only(kwargs=_citizen, object_of_jobcenter=True),
    "citizens:update": staff_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "citizens:timeline": staff_only(kwargs=_citizen, object_of_jobcenter=True),
    "citizens:cpr_reveal": staff_only(kwargs=_citizen, object_of_jobcenter=True, methods=POST_ONLY),
    # Coordinators and the citizen's own caseworker; another caseworker would get 403 (tested separately).
    "citizens:sensitive": staff_only(kwargs=_own_citizen, object_of_jobcenter=True, methods=GET_POST),
    "citizens:end": coordinators_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "citizens:agreement_create": coordinators_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "citizens:placement_create": coordinators_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "citizens:follow_up_create": coordinators_only(kwargs=_citizen, object_of_jobcenter=True, methods=GET_POST),
    "citizens:agreement_detail": staff_only(kwargs=_agreement, object_of_jobcenter=True),
    "citizens:agreement_update": coordinators_only(kwargs=_agreement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:agreement_activate": coordinators_only(kwargs=_agreement, object_of_jobcenter=True, methods=POST_ONLY),
    "citizens:agreement_end": coordinators_only(kwargs=_agreement, object_of_jobcenter=True, methods=POST_ONLY),
    "citizens:agreement_renew": coordinators_only(kwargs=_active_agreement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:first_meeting": staff_only(kwargs=_agreement, object_of_jobcenter=True, methods=GET_POST),
    # Planned by whoever may change the agreement; every member of staff may print the letter to the citizen.
    "citizens:first_meeting_plan": coordinators_only(
        kwargs=_meeting_agreement, object_of_jobcenter=True, methods=GET_POST
    ),
    "citizens:first_meeting_cancel": coordinators_only(
        kwargs=_planned_meeting, object_of_jobcenter=True, methods=POST_ONLY
    ),
    "citizens:first_meeting_letter": staff_only(kwargs=_planned_meeting, object_of_jobcenter=True),
    "citizens:agreement_print": staff_only(kwargs=_agreement, object_of_jobcenter=True),
    "citizens:agreement_pdf": staff_only(kwargs=_agreement, object_of_jobcenter=True),
    "citizens:agreement_goal_create": coordinators_only(
        kwargs=_active_agreement, object_of_jobcenter=True, methods=GET_POST
    ),
    "citizens:agreement_assessment_create": coordinators_only(
        kwargs=_active_agreement, object_of_jobcenter=True, methods=GET_POST
    ),
    "citizens:agreements_ending": staff_only(),  # a caseworker sees only their own citizens' agreements
    "citizens:placement_detail": staff_only(kwargs=_placement, object_of_jobcenter=True),
    "citizens:placement_update": coordinators_only(kwargs=_placement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:placement_end": coordinators_only(kwargs=_placement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:hours_step_create": coordinators_only(kwargs=_placement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:goal_create": coordinators_only(kwargs=_placement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:assessment_create": coordinators_only(kwargs=_placement, object_of_jobcenter=True, methods=GET_POST),
    "citizens:goal_update": coordinators_only(kwargs=_goal, object_of_jobcenter=True, methods=POST_ONLY),
    "citizens:follow_up_confirm_hours": coordinators_only(
        kwargs=_follow_up, object_of_jobcenter=True, methods=POST_ONLY
    ),
    "citizens:follow_up_overdue": coordinators_only(),
    "citizens:hours": coordinators_only(),
    "citizens:outcomes": coordinators_only(),
}

__all__ = ["MATRIX", "row"]
