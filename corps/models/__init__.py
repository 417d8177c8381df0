"""The jobcenter's corps of mentors: applications, screening, profiles, vocabulary and hours.

Vocabulary:
- Competence is per jobcenter: jobcenter admins edit their own list in Django admin (a global list
  would let one municipality's admin change another's). Every jobcenter gets the default list from
  a data migration (existing jobcenters) or from `corps.services.competences_defaults_ensure` (new
  ones; seed_demo calls it). Citizens' needs and matching point at the same rows.
- Language is global: the set of languages is not municipal policy. The platform superuser edits it.

A package by sub-domain (vocabulary, choices, mentor, screening, hours); this module re-exports every
public name, so `from corps.models import Mentor` and the app label `corps` stay as they were.
"""

from corps.models.choices import (
    AGE_BANDS,
    ALL_DAY_PARTS,
    ALL_WEEKDAYS,
    DAY_PARTS,
    WEEKDAYS,
    Attachment,
    Employment,
    Gender,
    MentorStatus,
    Source,
    age_band_of,
    bits_labels,
    phone_validator,
    postcode_validator,
)
from corps.models.hours import (
    HoursEntry,
    HoursStatus,
)
from corps.models.mentor import (
    Mentor,
)
from corps.models.screening import (
    MentorNote,
    MentorStatusEvent,
    Qualification,
    QualificationKind,
)
from corps.models.vocabulary import (
    Competence,
    Language,
)

__all__ = [
    "AGE_BANDS",
    "ALL_DAY_PARTS",
    "ALL_WEEKDAYS",
    "DAY_PARTS",
    "WEEKDAYS",
    "Attachment",
    "Competence",
    "Employment",
    "Gender",
    "HoursEntry",
    "HoursStatus",
    "Language",
    "Mentor",
    "MentorNote",
    "MentorStatus",
    "MentorStatusEvent",
    "Qualification",
    "QualificationKind",
    "Source",
    "age_band_of",
    "bits_labels",
    "phone_validator",
    "postcode_validator",
]
