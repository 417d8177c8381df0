"""Messages the courses app sends (registered with notifications.kinds; see that module).

Every message is about a course and one participant or invitee: the context carries the course's
practical details, the recipient's name and a link. No citizen ever appears in it."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from notifications.kinds import (
    COPENHAGEN,
    DEFAULT_LIFETIME,
    EXAMPLE_CPR,
    EXAMPLE_SENSITIVE_NOTE,
    Lifetime,
    MessageKind,
    register,
)
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder

INVITATION = "courses.invitation"
REGISTERED = "courses.registered"
WAITING = "courses.waiting"
OFFER = "courses.offer"
UPDATED = "courses.updated"
CANCELLED = "courses.cancelled"
REGISTRATION_CANCELLED = "courses.registration_cancelled"
REMINDER = "courses.reminder"
EVALUATION = "courses.evaluation"

LABELS = {
    INVITATION: _("Invitation til kursus eller netværksmøde"),
    REGISTERED: _("Bekræftelse af kursustilmelding"),
    WAITING: _("Besked om plads på ventelisten til et kursus"),
    OFFER: _("Tilbud om ledig plads på et kursus"),
    UPDATED: _("Ændring af kursus (tid eller sted)"),
    CANCELLED: _("Aflysning af kursus"),
    REGISTRATION_CANCELLED: _("Bekræftelse af afmelding fra kursus"),
    REMINDER: _("Påmindelse før kursus"),
    EVALUATION: _("Evaluering efter kursus"),
}


def templates_for(key: str) -> dict:
    name = key.split(".", 1)[1]
    return {
        "subject_template": f"courses/email/{name}.subject.txt",
        "text_template": f"courses/email/{name}.txt",
        "html_template": None,
    }


def _example_context() -> dict:
    # A participant is a mentor, not a citizen; the example still carries a CPR number and a health note in
    # fields a careless template could print, so the scan proves none of them reaches the message.
    return {
        "course": {
            "title": "Mentorkursus, foråret 2026",
            "type_name": "Mentorkursus – grundforløb",
            "theme": "Konflikthåndtering",
            "venue": "Favrskov Rådhus, mødelokale 3",
            "address": "Skovvej 20, 8382 Hinnerup",
            "provider": "MENTOR company A/S",
            "days": ["tirsdag 14.04.2026 kl. 9.00-15.30", "onsdag 15.04.2026 kl. 9.00-15.30"],
            "first_day": "14. april 2026",
            "deadline": "1. april 2026",
        },
        "participant": {"name": "Lars Jensen", "cpr": EXAMPLE_CPR, "health_note": EXAMPLE_SENSITIVE_NOTE},
        "recipient_name": "Lars Jensen",
        "jobcenter": {"name": "Jobcenter Favrskov", "email": "jobcenter@favrskov.dk", "phone": "89 64 10 10"},
        "link": "https://mentor.favrskov.dk/kurser/svar/eksempel/",
        "expires_at": "16. april 2026 kl. 12.00",
        "reason": "For få tilmeldte",
    }


def course_starts_at(about) -> datetime | None:
    """When the course of an invitation or registration begins (its first day's start), or None."""
    from courses.models import Session

    course = getattr(about, "course", None)
    if course is None or course.first_day is None:
        return None
    starts = Session.objects.filter(course_id=course.pk, date=course.first_day).values_list("starts_at", flat=True)
    return datetime.combine(course.first_day, starts.first() or datetime.min.time(), tzinfo=COPENHAGEN)


# Everything but the evaluation is about a course that has not begun: once it has, the message is pointless.
UNTIL_COURSE_STARTS = Lifetime(reason=_("Kurset var begyndt, før beskeden kunne sendes."), until=course_starts_at)

# Each e-mail's first paragraph, which a jobcenter may write in its own words (texts); the course's details
# follow it.
OPENINGS = {
    INVITATION: _("{jobcenter} inviterer til:"),
    REGISTERED: _("Du er tilmeldt:"),
    WAITING: _("Kurset er fuldt, så du er skrevet på ventelisten til:"),
    OFFER: _("Der er blevet en plads ledig, og du står først på ventelisten til:"),
    UPDATED: _("Tid eller sted er ændret. Sådan ser det ud nu:"),
    CANCELLED: _("Vi må desværre aflyse:"),
    REGISTRATION_CANCELLED: _("Du er nu afmeldt:"),
    REMINDER: _("Vi glæder os til at se dig til:"),
    EVALUATION: _("Tak for din deltagelse i:"),
}
_PLACEHOLDERS = (ph.FORNAVN, ph.KURSUS, ph.dato(_("kursets første dag")), ph.JOBCENTER)
_EXTRA = {
    INVITATION: (Placeholder("frist", _("sidste frist for tilmelding"), "1. april 2026"),),
    OFFER: (Placeholder("svarfrist", _("hvornår tilbuddet om pladsen udløber"), "16. april 2026 kl. 12.00"),),
}


def _course_values(context) -> dict[str, str]:
    course = context.get("course") or {}
    return {
        "fornavn": ph.first_name(context.get("recipient_name")),
        "kursus": course.get("title", ""),
        "dato": course.get("first_day", ""),
        "jobcenter": (context.get("jobcenter") or {}).get("name", ""),
        "frist": course.get("deadline", ""),
        "svarfrist": context.get("expires_at", ""),
    }


for _key, _label in LABELS.items():
    register(
        MessageKind(
            key=_key,
            label=_label,
            opening=Opening(
                default=OPENINGS[_key], placeholders=_PLACEHOLDERS + _EXTRA.get(_key, ()), values=_course_values
            ),
            example_context=_example_context,
            lifetime=DEFAULT_LIFETIME if _key == EVALUATION else UNTIL_COURSE_STARTS,
            **templates_for(_key),
        )
    )
