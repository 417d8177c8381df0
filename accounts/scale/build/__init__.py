"""Builds the national data set (see accounts.scale). One transaction; bulk writes through Loader.

No simple-history rows and no activity-log rows are written for the generated data: they stand for
records that existed before the product (an import), the change history records changes made in
the product, and no page reads history. Writing them would double the volume for nothing a page
shows. Vocabulary goes through accounts.services.jobcenter_defaults_ensure, exactly as for a new
jobcenter (that part does write its history and activity entries).

A package by sub-domain: Builder (builder) is made of one part per sub-domain (jobcenters, companies,
corps, citizens, matching, courses); the word lists and helpers they share are in _common. This module
re-exports every public name, so `from accounts.scale.build import Builder` works as before.
"""

from accounts.scale.build._common import (
    COMPANY_WORDS,
    FIRST,
    GOALS,
    JC,
    LAST,
    NOTES,
    TOWNS,
    D,
    allocate,
    monday,
    shares,
    valid_cvr,
)
from accounts.scale.build.builder import Builder

__all__ = [
    "COMPANY_WORDS",
    "FIRST",
    "GOALS",
    "JC",
    "LAST",
    "NOTES",
    "TOWNS",
    "Builder",
    "D",
    "allocate",
    "monday",
    "shares",
    "valid_cvr",
]
