"""Every write on citizens, mentor agreements, placements, goals, progress cards and follow-up.

Each service is atomic, validates with Danish messages (ValidationError keyed by form field), and
writes an activity-log entry in the same transaction. The log's data never holds a CPR number or a
sensitive note: only ids and codes. State changes lock the row (select_for_update) so two people
cannot move the same agreement or placement at once; the database constraints are the backstop.

A package by sub-domain (citizen, agreement, first_meeting, placement, progress, follow_up); this module re-exports
every public name, so `from citizens import services; services.placement_create(...)` works as before.
"""

from citizens.services.agreement import (
    AGREEMENT_FIELDS,
    FIRST_MEETING_FIELDS,
    agreement_activate,
    agreement_create,
    agreement_end,
    agreement_renew,
    agreement_update,
    first_meeting_save,
)
from citizens.services.citizen import (
    CASEWORKER_CHANGE_DENIED,
    CITIZEN_FIELDS,
    citizen_create,
    citizen_end,
    citizen_update,
    sensitive_note_create,
    vocabulary_defaults_ensure,
)
from citizens.services.first_meeting import (
    first_meeting_cancel,
    first_meeting_plan,
    mobile_of,
    when_text,
)
from citizens.services.follow_up import (
    FOLLOW_UP_FIELDS,
    follow_up_confirm_hours,
    follow_up_create,
)
from citizens.services.placement import (
    PLACEMENT_FIELDS,
    hours_step_add,
    placement_accept,
    placement_create,
    placement_decline,
    placement_end,
    placement_update,
)
from citizens.services.progress import (
    PROGRESS_SUMMARIES_SQL,
    ScoreInput,
    goal_create,
    goal_update,
    progress_assessment_record,
    progress_summaries_rebuild,
    progress_summary_refresh,
)

__all__ = [
    "AGREEMENT_FIELDS",
    "CASEWORKER_CHANGE_DENIED",
    "CITIZEN_FIELDS",
    "FIRST_MEETING_FIELDS",
    "FOLLOW_UP_FIELDS",
    "PLACEMENT_FIELDS",
    "PROGRESS_SUMMARIES_SQL",
    "ScoreInput",
    "agreement_activate",
    "agreement_create",
    "agreement_end",
    "agreement_renew",
    "agreement_update",
    "citizen_create",
    "citizen_end",
    "citizen_update",
    "first_meeting_cancel",
    "first_meeting_plan",
    "first_meeting_save",
    "follow_up_confirm_hours",
    "follow_up_create",
    "goal_create",
    "goal_update",
    "hours_step_add",
    "mobile_of",
    "placement_accept",
    "placement_create",
    "placement_decline",
    "placement_end",
    "placement_update",
    "progress_assessment_record",
    "progress_summaries_rebuild",
    "progress_summary_refresh",
    "sensitive_note_create",
    "vocabulary_defaults_ensure",
    "when_text",
]
