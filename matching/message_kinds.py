"""Messages matching sends (registered with notifications.kinds; see that module)."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.kinds import EXAMPLE_CPR, EXAMPLE_SENSITIVE_NOTE, MessageKind, register
from texts import placeholders as ph
from texts.placeholders import Opening, Placeholder

OFFER = "matching.offer"
# Spread into message_enqueue(**OFFER_TEMPLATES): its template parameters are typed str and str | None.
OFFER_TEMPLATES: dict[str, Any] = {
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


def _offer_values(context) -> dict[str, str]:
    return {
        "fornavn": ph.first_name(context.get("mentor_name")),
        "borger_fornavn": context.get("citizen_first_name", ""),
        "jobcenter": context.get("jobcenter_name", ""),
        "koordinator": context.get("coordinator_name", ""),
        "dato": ph.long_date(context.get("expires_on")),
        "dato_kort": context.get("expires_on", ""),
    }


register(
    MessageKind(
        key=OFFER,
        label=_("Tilbud om en mentoropgave"),
        opening=Opening(
            default=_("{jobcenter} vil gerne tilbyde dig en ny mentoropgave med {borger_fornavn}."),
            placeholders=(
                ph.FORNAVN,
                ph.BORGER_FORNAVN,
                ph.JOBCENTER,
                ph.KOORDINATOR,
                ph.dato(_("svarfristen")),
                ph.dato_kort(_("svarfristen, med tal")),
            ),
            values=_offer_values,
        ),
        example_context=_example_context,
        **OFFER_TEMPLATES,
    )
)


# --- The reminder of an offer that waits for an answer --------------------------------------------------

OFFER_WAITING = "matching.offer_waiting"
# A mentor who has not answered an offer after this long is reminded once (the deadline is usually a week).
OFFER_REMINDER_AFTER_DAYS = 2
OFFER_WAITING_TEMPLATES = {
    "subject_template": "matching/email/offer_waiting.subject.txt",
    "text_template": "matching/email/offer_waiting.txt",
    "html_template": "matching/email/offer_waiting.html",
}


def _offer_waiting_context(offer) -> dict:
    from django.utils import timezone

    jobcenter = offer.jobcenter
    return {
        "mentor_name": offer.mentor.full_name,
        "citizen_first_name": (offer.citizen.name or "").split(" ")[0],
        "offered_on": timezone.localtime(offer.offered_at).strftime("%d.%m.%Y"),
        "expires_on": timezone.localtime(offer.expires_at).strftime("%d.%m.%Y"),
        "jobcenter_name": jobcenter.name,
        "jobcenter_phone": jobcenter.phone,
        "coordinator_name": offer.offered_by.full_name if offer.offered_by else jobcenter.name,
    }


def _offer_waiting_example() -> dict:
    from datetime import datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/Copenhagen"))
    citizen = SimpleNamespace(name="Mette Sørensen", cpr=EXAMPLE_CPR, note=EXAMPLE_SENSITIVE_NOTE)
    offer = SimpleNamespace(
        jobcenter=SimpleNamespace(name="Jobcenter Favrskov", phone="89 64 10 10"),
        mentor=SimpleNamespace(full_name="Birgitte Mølgaard"),
        citizen=citizen,
        offered_at=moment,
        expires_at=moment,
        offered_by=SimpleNamespace(full_name="Karen Holm"),
    )
    return {**_offer_waiting_context(offer), "citizen": citizen}


def _offer_waiting_values(context) -> dict[str, str]:
    return {
        "fornavn": ph.first_name(context.get("mentor_name")),
        "borger_fornavn": context.get("citizen_first_name", ""),
        "jobcenter": context.get("jobcenter_name", ""),
        "koordinator": context.get("coordinator_name", ""),
        "dato": ph.long_date(context.get("offered_on")),
        "dato_kort": context.get("offered_on", ""),
        "svarfrist": context.get("expires_on", ""),
    }


register(
    MessageKind(
        key=OFFER_WAITING,
        label=_("Påmindelse om et ubesvaret tilbud"),
        opening=Opening(
            default=_(
                "Den {dato_kort} tilbød {jobcenter} dig en mentoropgave med {borger_fornavn}. "
                "Vi har ikke fået dit svar endnu."
            ),
            placeholders=(
                ph.FORNAVN,
                ph.BORGER_FORNAVN,
                ph.JOBCENTER,
                ph.KOORDINATOR,
                ph.dato(_("den dag, tilbuddet blev sendt")),
                ph.dato_kort(_("den dag, tilbuddet blev sendt, med tal")),
                Placeholder("svarfrist", _("svarfristen, med tal"), "28.11.2026"),
            ),
            values=_offer_waiting_values,
        ),
        example_context=_offer_waiting_example,
        **OFFER_WAITING_TEMPLATES,
    )
)


def offers_waiting_notices(jobcenter, today, now) -> list:
    """Offers still open OFFER_REMINDER_AFTER_DAYS after they were made, and not yet past their deadline:
    the mentor is reminded once. The answer link is not repeated (only its hash is stored); the reminder
    points to the first e-mail and to the coordinator."""
    from datetime import timedelta

    from matching.models import Offer, OfferStatus
    from notifications.daily import Notice

    offers = Offer.objects.filter(
        jobcenter=jobcenter,
        status=OfferStatus.OFFERED,
        offered_at__lte=now - timedelta(days=OFFER_REMINDER_AFTER_DAYS),
        expires_at__gt=now,
    ).select_related("mentor", "citizen", "offered_by", "jobcenter")
    return [
        Notice(OFFER_WAITING, offer.mentor.email, offer.mentor.full_name, offer, _offer_waiting_context(offer))
        for offer in offers
        if offer.mentor.email
    ]


def _register_notice() -> None:
    from notifications.daily import DailyNotice, register_notice

    register_notice(
        DailyNotice("matching.offers_waiting", offers_waiting_notices, label=_("Påmindelse om ubesvarede tilbud"))
    )


_register_notice()


# The messages of this app's hand-offs (notifications.handoffs.HANDOFFS): one shared template set.
def _register_handoff_kinds() -> None:
    from notifications.handoffs import register_kinds

    register_kinds("matching")


_register_handoff_kinds()
