"""Every write in matching: weights, matching preferences, offers to mentors, and cohorts.

Each service is atomic, validates with Danish messages, and writes an activity-log entry in the same
transaction. Contested changes lock rows in one fixed order (citizen, then mentor, then offer) so that
accepting twice, or two mentors accepting the same citizen, or two citizens taking a mentor's last
seat, cannot all succeed; the partial unique constraints on Offer are the database's backstop.

A package by sub-domain (preferences, offer, cohort); this module re-exports every public name, so
`from matching import services; services.x(...)` works as before.
"""

from matching.services.cohort import (
    COHORT_FIELDS,
    CohortProblem,
    CompanySeat,
    cohort_commit,
    cohort_company_update,
    cohort_create,
    cohort_move,
    cohort_solve,
)
from matching.services.offer import (
    NOT_ELIGIBLE,
    TOKEN_SALT,
    OfferCreated,
    OfferLinkError,
    offer_accept,
    offer_answer_by_link,
    offer_create,
    offer_decline,
    offer_for_token,
    offer_withdraw,
    offers_expire_due,
)
from matching.services.preferences import (
    preferences_save,
    weights_defaults_ensure,
)

__all__ = [
    "COHORT_FIELDS",
    "NOT_ELIGIBLE",
    "TOKEN_SALT",
    "CohortProblem",
    "CompanySeat",
    "OfferCreated",
    "OfferLinkError",
    "cohort_commit",
    "cohort_company_update",
    "cohort_create",
    "cohort_move",
    "cohort_solve",
    "offer_accept",
    "offer_answer_by_link",
    "offer_create",
    "offer_decline",
    "offer_for_token",
    "offer_withdraw",
    "offers_expire_due",
    "preferences_save",
    "weights_defaults_ensure",
]
