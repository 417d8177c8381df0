"""Personal data held by the corps app, for the subject-access export and deletion (audit.registry)."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Held, OnErase, Subject

MENTOR = Subject.MENTOR
CITIZEN = Subject.CITIZEN


def _hours_without_citizen(entry) -> dict:
    # Payroll keeps the hours of a deleted citizen, but nothing that could name them.
    return {"mentee_reference": f"Slettet borger ({entry.id})"}


HELD = [
    Held("corps.Mentor", MENTOR, via=(), purpose=_("Ansøgning og profil i mentorkorpset")),
    Held("corps.MentorStatusEvent", MENTOR, via=("mentor",), purpose=_("Behandling af ansøgningen")),
    Held("corps.MentorNote", MENTOR, via=("mentor",), purpose=_("Koordinatorens noter")),
    Held("corps.Qualification", MENTOR, via=("mentor",), purpose=_("Kurser og kvalifikationer")),
    Held(
        "corps.HoursEntry",
        MENTOR,
        via=("mentor",),
        fields=("id", "week", "hours", "agreed_hours", "status", "hourly_rate", "entered_at", "decided_at"),
        purpose=_("Timer og løn"),
    ),
    Held(
        "corps.HoursEntry",
        CITIZEN,
        via=("citizen",),
        on_erase=OnErase.DETACH,
        fields=("id", "mentor", "mentee_reference", "week", "hours", "status"),
        purpose=_("Mentortimer brugt sammen med borgeren"),
        detach=_hours_without_citizen,
    ),
]
