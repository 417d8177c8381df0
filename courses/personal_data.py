"""Personal data held by the courses app, for the subject-access export and deletion (audit.registry)."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Held, Subject

MENTOR = Subject.MENTOR
COMPANY_MENTOR = Subject.COMPANY_MENTOR
REGISTRATION_FIELDS = (
    "id", "course", "name", "email", "status", "via", "created_at", "waiting_since", "cancelled_at", "completed_on",
)  # fmt: skip
SHADOWING_FIELDS = ("id", "starts_on", "ends_on", "note")

HELD = [
    Held("courses.Invitation", MENTOR, via=("corps_mentor",), purpose=_("Invitationer til kurser")),
    Held("courses.Invitation", COMPANY_MENTOR, via=("company_mentor",), purpose=_("Invitationer til kurser")),
    Held(
        "courses.Registration",
        MENTOR,
        via=("corps_mentor", "invitation"),
        fields=REGISTRATION_FIELDS,
        purpose=_("Tilmeldinger til kurser"),
    ),
    Held(
        "courses.Registration",
        COMPANY_MENTOR,
        via=("company_mentor", "invitation", "nomination"),
        fields=REGISTRATION_FIELDS,
        purpose=_("Tilmeldinger til kurser"),
    ),
    Held("courses.Attendance", MENTOR, via=("registration",), purpose=_("Fremmøde")),
    Held("courses.Attendance", COMPANY_MENTOR, via=("registration",), purpose=_("Fremmøde")),
    Held("courses.Evaluation", MENTOR, via=("registration",), purpose=_("Evalueringer")),
    Held("courses.Evaluation", COMPANY_MENTOR, via=("registration",), purpose=_("Evalueringer")),
    Held(
        "courses.Shadowing",
        MENTOR,
        via=("new_corps_mentor", "experienced_corps_mentor"),
        fields=SHADOWING_FIELDS,
        purpose=_("Følgeordninger"),
    ),
    Held(
        "courses.Shadowing",
        COMPANY_MENTOR,
        via=("new_company_mentor", "experienced_company_mentor"),
        fields=SHADOWING_FIELDS,
        purpose=_("Følgeordninger"),
    ),
]
