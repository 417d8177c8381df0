"""Every read on citizens, agreements and placements, scoped to a jobcenter (or a company for the
portal), each page in a fixed number of queries.

Other apps use these:
- notifications: active_agreements, active_placements (weekly reminders), agreements_ending_within
  (the warning before an agreement ends), placements_without_follow_up (the outbox page). The rules'
  numbers and conditions live in citizens.rules, which the fan-out's SQL is built from.
- reports: outcome_counts, placements_without_follow_up, unconfirmed_hours.
- companies/portal: company_placements, company_placement, company_placement_for_update. These never
  carry CPR numbers, sensitive notes, the caseworker's view or any other social field of the citizen.

A package by sub-domain (citizen, timeline, agreement, placement, company); this module re-exports every
public name, so `from citizens import selectors; selectors.x(...)` works as before.
"""

from citizens.selectors.agreement import (
    active_agreements,
    agreement_detail,
    agreement_get,
    agreements_ending_within,
    first_meeting_plan_latest,
)
from citizens.selectors.citizen import (
    AGREEMENT_WARNING_DAYS,
    FOLLOW_UP_DUE_DAYS,
    OutcomeCounts,
    can_read_sensitive,
    citizen_by_cpr,
    citizen_detail,
    citizen_get,
    citizens_for_list,
    cpr_reveal,
    dimensions_for,
    likely_duplicates,
    outcome_counts,
    placement_types_for,
    search_criterion,
    sensitive_notes,
    target_groups_for,
)
from citizens.selectors.company import (
    CompanyPlacement,
    company_placement,
    company_placement_for_update,
    company_placements,
)
from citizens.selectors.placement import (
    ProgressSeries,
    ProgressTable,
    active_placements,
    agreement_progress,
    goal_tree,
    placement_detail,
    placement_follow_ups,
    placement_get,
    placement_progress,
    placements_without_follow_up,
    progress_table,
    unconfirmed_hours,
    unconfirmed_hours_total,
)
from citizens.selectors.timeline import (
    TimelineEvent,
    citizen_timeline,
)

__all__ = [
    "AGREEMENT_WARNING_DAYS",
    "FOLLOW_UP_DUE_DAYS",
    "CompanyPlacement",
    "OutcomeCounts",
    "ProgressSeries",
    "ProgressTable",
    "TimelineEvent",
    "active_agreements",
    "active_placements",
    "agreement_detail",
    "agreement_get",
    "agreement_progress",
    "agreements_ending_within",
    "can_read_sensitive",
    "citizen_by_cpr",
    "citizen_detail",
    "citizen_get",
    "citizen_timeline",
    "citizens_for_list",
    "company_placement",
    "company_placement_for_update",
    "company_placements",
    "cpr_reveal",
    "dimensions_for",
    "first_meeting_plan_latest",
    "goal_tree",
    "likely_duplicates",
    "outcome_counts",
    "placement_detail",
    "placement_follow_ups",
    "placement_get",
    "placement_progress",
    "placement_types_for",
    "placements_without_follow_up",
    "progress_table",
    "search_criterion",
    "sensitive_notes",
    "target_groups_for",
    "unconfirmed_hours",
    "unconfirmed_hours_total",
]
