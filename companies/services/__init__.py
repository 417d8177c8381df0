"""Every write on companies, company mentors, leader invitations and course nominations.

Each service is atomic and leaves an activity-log entry in the same transaction. Services take the
objects they act on already resolved by a scoped selector; they re-check that related objects
(a mentor to shadow, competences, placement types) belong to the same company or jobcenter, so a
forged id in a form never links two tenants.

A package by sub-domain (company, mentor, leader, claim; the field setter and the jobcenter check
they share in _common); this module re-exports every public name, so `from companies import services;
services.x(...)` works as before.
"""

from companies.services.claim import (
    claim_approve,
    claim_reject,
    claim_submit,
)
from companies.services.company import (
    COMPANY_FIELDS,
    LEADER_COMPANY_FIELDS,
    company_create,
    company_update,
)
from companies.services.leader import (
    INVITATION_TOKEN_PURPOSE,
    INVITATION_VALID_FOR,
    InvitationError,
    User,
    existing_user_for,
    invitation_for_token,
    leader_invitation_accept,
    leader_invitation_revoke,
    leader_invite,
    leader_remove,
)
from companies.services.mentor import (
    MENTOR_FIELDS,
    company_mentor_create,
    company_mentor_update,
    course_nomination_create,
    course_nomination_handle,
)

__all__ = [
    "COMPANY_FIELDS",
    "INVITATION_TOKEN_PURPOSE",
    "INVITATION_VALID_FOR",
    "LEADER_COMPANY_FIELDS",
    "MENTOR_FIELDS",
    "InvitationError",
    "User",
    "claim_approve",
    "claim_reject",
    "claim_submit",
    "company_create",
    "company_mentor_create",
    "company_mentor_update",
    "company_update",
    "course_nomination_create",
    "course_nomination_handle",
    "existing_user_for",
    "invitation_for_token",
    "leader_invitation_accept",
    "leader_invitation_revoke",
    "leader_invite",
    "leader_remove",
]
