"""Every read matching needs, scoped to a jobcenter, each page in a fixed number of queries.

Suggestions for one citizen score every mentor from plain columns in one query (the mentor rows joined
with their load and bit masks of the citizen's needs and languages they cover), with numpy; only the
few contenders for the top places become engine profiles, to be ranked and explained exactly. So
10,000 mentors take well within the 200 ms budget (benchmarks/matching_db.py). Profiles of many mentors
(cohorts, batch assignment) load as plain rows, plus their load (one grouped query) and their
competence and language ids (one text per through table), joined in Python by mentor id: no subquery
per mentor and no model instances.

A package by sub-domain (profiles, suggestions, offer, placement, cohort); this module re-exports every
public name, so `from matching import selectors; selectors.x(...)` works as before.
"""

from matching.selectors.cohort import (
    CohortView,
    cohort_candidate_choices,
    cohort_detail,
    cohort_get,
    cohorts_list,
    today,
)
from matching.selectors.offer import (
    agreement_since_offer,
    offer_for_agreement,
    offer_get,
    offers_awaiting_agreement,
    offers_for_citizen,
    offers_list,
    preferences_for,
    waiting_days,
)
from matching.selectors.placement import (
    PlacementSuggestion,
    placement_suggestions,
)
from matching.selectors.profiles import (
    AGE_BOUNDS,
    MENTOR_COLUMNS,
    SUGGESTIONS_SHOWN,
    citizen_profile,
    citizen_profiles,
    language_codes,
    mentor_profiles,
    offer_valid_days,
    slots_of,
    weights_for,
)
from matching.selectors.suggestions import (
    SLOT_BITS,
    Suggestion,
    citizen_location,
    mentor_columns,
    suggestions_for,
    with_locations,
)

__all__ = [
    "AGE_BOUNDS",
    "MENTOR_COLUMNS",
    "SLOT_BITS",
    "SUGGESTIONS_SHOWN",
    "CohortView",
    "PlacementSuggestion",
    "Suggestion",
    "agreement_since_offer",
    "citizen_location",
    "citizen_profile",
    "citizen_profiles",
    "cohort_candidate_choices",
    "cohort_detail",
    "cohort_get",
    "cohorts_list",
    "language_codes",
    "mentor_columns",
    "mentor_profiles",
    "offer_for_agreement",
    "offer_get",
    "offer_valid_days",
    "offers_awaiting_agreement",
    "offers_for_citizen",
    "offers_list",
    "placement_suggestions",
    "preferences_for",
    "slots_of",
    "suggestions_for",
    "today",
    "waiting_days",
    "weights_for",
    "with_locations",
]
