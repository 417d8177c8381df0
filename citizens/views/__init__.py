"""Coordinator and caseworker screens for citizens, agreements, placements and follow-up. Thin:
permission, selector, form, service, response. Every read of a citizen's data writes an access-log
entry; a CPR number is shown only after a logged POST, and never written to any log.

A package by sub-domain (citizen, agreement, meeting_plan, placement, progress, follow_up); this module re-exports
every view, so `citizens.urls` and `from citizens import views` work as before."""

from citizens.views.agreement import (
    agreement_activate,
    agreement_create,
    agreement_detail,
    agreement_end,
    agreement_pdf_view,
    agreement_print,
    agreement_renew,
    agreement_update,
    agreements_ending,
    first_meeting,
)
from citizens.views.citizen import (
    TIMELINE_FOLLOW_UPS,
    citizen_cpr_reveal,
    citizen_cpr_search,
    citizen_create,
    citizen_detail,
    citizen_end,
    citizen_list,
    citizen_sensitive,
    citizen_timeline,
    citizen_update,
    outcomes,
)
from citizens.views.follow_up import (
    follow_up_confirm_hours,
    follow_up_create,
    follow_up_overdue,
    unconfirmed_hours,
)
from citizens.views.meeting_plan import (
    first_meeting_cancel,
    first_meeting_letter,
    first_meeting_plan,
)
from citizens.views.placement import (
    hours_step_create,
    placement_create,
    placement_detail,
    placement_end,
    placement_update,
)
from citizens.views.progress import (
    assessment_create,
    goal_create,
    goal_update,
)

__all__ = [
    "TIMELINE_FOLLOW_UPS",
    "agreement_activate",
    "agreement_create",
    "agreement_detail",
    "agreement_end",
    "agreement_pdf_view",
    "agreement_print",
    "agreement_renew",
    "agreement_update",
    "agreements_ending",
    "assessment_create",
    "citizen_cpr_reveal",
    "citizen_cpr_search",
    "citizen_create",
    "citizen_detail",
    "citizen_end",
    "citizen_list",
    "citizen_sensitive",
    "citizen_timeline",
    "citizen_update",
    "first_meeting",
    "first_meeting_cancel",
    "first_meeting_letter",
    "first_meeting_plan",
    "follow_up_confirm_hours",
    "follow_up_create",
    "follow_up_overdue",
    "goal_create",
    "goal_update",
    "hours_step_create",
    "outcomes",
    "placement_create",
    "placement_detail",
    "placement_end",
    "placement_update",
    "unconfirmed_hours",
]
