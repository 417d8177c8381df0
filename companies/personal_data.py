"""Personal data held by the companies app, for the subject-access export and deletion (audit.registry)."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Held, OnErase, Subject

COMPANY_MENTOR = Subject.COMPANY_MENTOR
CITIZEN = Subject.CITIZEN

HELD = [
    Held("companies.CompanyMentor", COMPANY_MENTOR, via=(), purpose=_("Virksomhedsmentorens oplysninger")),
    # Another company mentor who follows this one: only the link is removed, and it is not theirs to see.
    Held("companies.CompanyMentor", COMPANY_MENTOR, via=("shadowing",), on_erase=OnErase.DETACH, export=False),
    Held("companies.CourseNomination", COMPANY_MENTOR, via=("mentor",), purpose=_("Indstillinger til mentorkursus")),
    Held(
        "companies.CompensationClaim",
        COMPANY_MENTOR,
        via=("company_mentor",),
        on_erase=OnErase.BLOCK,
        fields=("id", "company", "month", "hours", "hourly_wage", "wage_amount", "status", "submitted_at"),
        purpose=_("Frikøb af mentorens tid"),
    ),
    Held(
        "companies.CompensationClaim",
        CITIZEN,
        via=("placement",),
        fields=("id", "company", "month", "hours", "status"),
        purpose=_("Frikøb af virksomhedsmentorens tid i borgerens forløb"),
    ),
]
