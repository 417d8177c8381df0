"""Personal data held by the citizens app, for the subject-access export and deletion (audit.registry)."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Held, OnErase, Subject

CITIZEN = Subject.CITIZEN
MENTOR = Subject.MENTOR
COMPANY_MENTOR = Subject.COMPANY_MENTOR

# A mentor's or company mentor's part in a citizen's case: when and how much, never the citizen.
AGREEMENT_AS_MENTOR = ("id", "status", "starts_on", "ends_on", "hours_total", "hours_per_week", "ended_on")
PLACEMENT_AS_MENTOR = ("id", "company", "status", "starts_on", "ends_on", "mentor_hours_per_week", "ended_on")

HELD = [
    Held("citizens.Citizen", CITIZEN, via=(), purpose=_("Borgerens sag om mentorstøtte")),
    Held("citizens.SensitiveNote", CITIZEN, via=("citizen",), purpose=_("Følsomme oplysninger i sagen")),
    Held("citizens.MentorAgreement", CITIZEN, via=("citizen", "renews"), purpose=_("Mentoraftaler (LAB kap. 26)")),
    Held("citizens.FirstMeeting", CITIZEN, via=("agreement",), purpose=_("Opstartsmøder")),
    Held("citizens.FirstMeetingPlan", CITIZEN, via=("agreement",), purpose=_("Planlagte opstartsmøder")),
    Held("citizens.Placement", CITIZEN, via=("citizen",), purpose=_("Forløb på virksomheder")),
    Held("citizens.HoursStep", CITIZEN, via=("placement",), purpose=_("Optrapningsplaner")),
    Held("citizens.Goal", CITIZEN, via=("placement", "agreement", "parent"), purpose=_("Mål og delmål")),
    Held("citizens.ProgressAssessment", CITIZEN, via=("placement", "agreement"), purpose=_("Progressionsvurderinger")),
    Held("citizens.ProgressScore", CITIZEN, via=("assessment",), purpose=_("Progressionsvurderinger")),
    Held("citizens.ProgressSummary", CITIZEN, via=("placement", "agreement"), purpose=_("Progressionsvurderinger")),
    Held("citizens.FollowUp", CITIZEN, via=("citizen", "placement", "agreement"), purpose=_("Opfølgning i forløbet")),
    # The mentors' side of the same rows: they block deleting the mentor while the citizen's case exists.
    Held(
        "citizens.MentorAgreement",
        MENTOR,
        via=("mentor",),
        on_erase=OnErase.BLOCK,
        fields=AGREEMENT_AS_MENTOR,
        purpose=_("Mentoropgaver"),
    ),
    Held(
        "citizens.MentorAgreement",
        COMPANY_MENTOR,
        via=("company_mentor",),
        on_erase=OnErase.BLOCK,
        fields=AGREEMENT_AS_MENTOR,
        purpose=_("Mentoropgaver"),
    ),
    Held(
        "citizens.Placement",
        COMPANY_MENTOR,
        via=("company_mentor",),
        on_erase=OnErase.BLOCK,
        fields=PLACEMENT_AS_MENTOR,
        purpose=_("Forløb som virksomhedsmentor"),
    ),
    Held(
        "citizens.ProgressAssessment",
        COMPANY_MENTOR,
        via=("company_mentor",),
        on_erase=OnErase.DETACH,
        fields=("id", "assessed_on", "assessor_kind"),
        purpose=_("Progressionsvurderinger foretaget af mentoren"),
    ),
]
