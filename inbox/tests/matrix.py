from companies.tests.factories import placement_for
from inbox.tests.factories import item_for
from tests.permissions import POST_ONLY, row


def leader_a_item(world):
    """Leader A's real item about a proposal to company A: everyone else (leader B, the staff, the other
    jobcenter) is answered 404, as for an absent item."""
    placement = placement_for(world.company_a, status="proposed")
    return {"pk": item_for(world.leader_a, placement, company=world.company_a).pk}


# Every member has an inbox; the superuser (no membership) works in Django admin.
MEMBERS = {"anonymous": 302, "superuser": 403}
NOT_MINE = {**MEMBERS, "coordinator": 404, "caseworker": 404, "jobcenter_admin": 404, "leader_b": 404}

MATRIX = {
    "inbox:list": row(200, **MEMBERS),
    "inbox:mark_all_read": row(200, methods=POST_ONLY, **MEMBERS),
    "inbox:open": row(302, kwargs=leader_a_item, other_jobcenter=404, **NOT_MINE),
    "inbox:mark_read": row(200, kwargs=leader_a_item, methods=POST_ONLY, other_jobcenter=404, **NOT_MINE),
}
