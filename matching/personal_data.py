"""Personal data held by the matching app, for the subject-access export and deletion (audit.registry)."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Held, OnErase, Subject

CITIZEN = Subject.CITIZEN
MENTOR = Subject.MENTOR

HELD = [
    Held("matching.MatchingPreferences", CITIZEN, via=("citizen",), purpose=_("Oplysninger til matchning")),
    Held("matching.Offer", CITIZEN, via=("citizen",), purpose=_("Tilbud om mentor")),
    Held("matching.CohortCandidate", CITIZEN, via=("citizen", "placement"), purpose=_("Hold")),
    Held(
        "matching.Offer",
        MENTOR,
        via=("mentor",),
        fields=("id", "status", "offered_at", "expires_at", "answered_at", "answered_via", "decline_reason"),
        purpose=_("Tilbud om mentoropgaver"),
    ),
    # The caseworker's preferred mentors for a citizen: the citizen's data, so only the link goes.
    Held("matching.MatchingPreferences", MENTOR, via=("preferred_mentors",), on_erase=OnErase.DETACH, export=False),
]
