"""Citizens, mentor agreements (LAB kapitel 26), placements, goals, progress cards and follow-up."""

from citizens.models.agreement import AgreementStatus, FirstMeeting, MentorAgreement
from citizens.models.citizen import (
    AgeBandWish,
    Citizen,
    CitizenStatus,
    GenderWish,
    Outcome,
    SensitiveNote,
    SensitiveNoteKind,
)
from citizens.models.placement import (
    AssessorKind,
    FollowUp,
    FollowUpKind,
    Goal,
    GoalStatus,
    HoursConfirmation,
    HoursStep,
    Placement,
    PlacementStatus,
    ProgressAssessment,
    ProgressScore,
    ProgressSummary,
    RecordedAs,
)
from citizens.models.vocabulary import PlacementType, ProgressDimension, TargetGroup

__all__ = [
    "AgeBandWish",
    "AgreementStatus",
    "AssessorKind",
    "Citizen",
    "CitizenStatus",
    "FirstMeeting",
    "FollowUp",
    "FollowUpKind",
    "GenderWish",
    "Goal",
    "GoalStatus",
    "HoursConfirmation",
    "HoursStep",
    "MentorAgreement",
    "Outcome",
    "Placement",
    "PlacementStatus",
    "PlacementType",
    "ProgressAssessment",
    "ProgressDimension",
    "ProgressScore",
    "ProgressSummary",
    "RecordedAs",
    "SensitiveNote",
    "SensitiveNoteKind",
    "TargetGroup",
]
