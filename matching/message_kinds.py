"""Messages matching sends (registered with notifications.kinds; see that module)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.kinds import EXAMPLE_CPR, EXAMPLE_SENSITIVE_NOTE, MessageKind, register

OFFER = "matching.offer"
OFFER_TEMPLATES = {
    "subject_template": "matching/email/offer.subject.txt",
    "text_template": "matching/email/offer.txt",
    "html_template": "matching/email/offer.html",
}


def _example_context() -> dict:
    # Only the citizen's first name reaches the mentor: never a CPR number, a need or a health note.
    citizen = type("Citizen", (), {"name": "Mette Sørensen", "cpr": EXAMPLE_CPR, "note": EXAMPLE_SENSITIVE_NOTE})
    return {
        "mentor_name": "Birgitte Mølgaard",
        "citizen": citizen,
        "citizen_first_name": "Mette",
        "message": "Mette vil gerne mødes om formiddagen i Hinnerup.",
        "answer_url": f"{settings.SITE_URL}/matchning/svar/eksempel/",
        "expires_on": "28.11.2026",
        "jobcenter_name": "Jobcenter Favrskov",
        "coordinator_name": "Karen Holm",
    }


register(
    MessageKind(
        key=OFFER,
        label=_("Tilbud om en mentoropgave"),
        example_context=_example_context,
        **OFFER_TEMPLATES,
    )
)
