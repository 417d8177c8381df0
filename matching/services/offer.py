"""Offers to mentors: sending one (with a signed link), the answer (by the coordinator or the link), the
next in line after a decline, withdrawal and expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from audit.services import activity_record
from citizens.models import AgreementStatus, Citizen, MentorAgreement
from corps.models import Mentor, MentorStatus
from matching import handoffs, selectors
from matching.message_kinds import OFFER, OFFER_TEMPLATES
from matching.models import (
    AnsweredVia,
    Offer,
    OfferStatus,
)
from mentorship.constraints import constraint_errors
from mentorship.web import link_token, link_token_hash, link_token_is_signed
from notifications.services import message_enqueue

NOT_ELIGIBLE = _lazy(
    "Mentoren kan ikke få borgeren: ingen ledig plads, har tidligere sagt nej, eller et krav er ikke opfyldt."
)
TOKEN_SALT = "matching.offer"  # noqa: S105 - a signing namespace, not a secret


def _new_token() -> str:
    """A random single-use answer token (mentorship.web's signed links); the offer stores only its hash."""
    return link_token(purpose=TOKEN_SALT)


class OfferLinkError(Exception):
    """The answer link cannot be used; ``reason`` is unknown | answered | expired | withdrawn."""

    def __init__(self, reason: str, offer: Offer | None = None):
        super().__init__(reason)
        self.reason = reason
        self.offer = offer


def _lock_citizen(citizen_id: int) -> Citizen:
    return Citizen.objects.select_for_update().get(pk=citizen_id)


def _lock_mentor(mentor_id: int) -> Mentor:
    return Mentor.objects.select_for_update().get(pk=mentor_id)


def _seats_taken(mentor: Mentor) -> int:
    """Active agreements plus accepted offers whose agreement is not active yet."""
    active = MentorAgreement.objects.filter(mentor=mentor, status=AgreementStatus.ACTIVE).count()
    pending = (
        Offer.objects.filter(mentor=mentor, status=OfferStatus.ACCEPTED)
        .exclude(citizen__agreements__status=AgreementStatus.ACTIVE)
        .count()
    )
    return active + pending


def _send_offer(offer: Offer, token: str) -> None:
    jobcenter = offer.jobcenter
    message_enqueue(
        jobcenter=jobcenter,
        kind=OFFER,
        recipient_email=offer.mentor.email,
        recipient_name=offer.mentor.full_name,
        context={
            "mentor_name": offer.mentor.full_name,
            "citizen_first_name": (offer.citizen.name or "").split(" ")[0],
            "message": offer.message,
            "answer_url": settings.SITE_URL + reverse("matching:respond", kwargs={"token": token}),
            "expires_on": timezone.localtime(offer.expires_at).strftime("%d.%m.%Y"),
            "jobcenter_name": jobcenter.name,
            "coordinator_name": offer.offered_by.full_name if offer.offered_by else jobcenter.name,
        },
        about=offer,
        **OFFER_TEMPLATES,
    )


@dataclass(frozen=True)
class OfferCreated:
    offer: Offer
    token: str


@constraint_errors
@transaction.atomic
def offer_create(*, actor, citizen: Citizen, mentor: Mentor, message: str = "") -> OfferCreated:
    """Offers the citizen's mentor task to a corps mentor and e-mails them the answer link.

    Refused (ValidationError, Danish) when the citizen already has a mentor who said yes, the mentor
    already has an open offer about the citizen, or the pair breaks a hard rule or a must-have."""
    if mentor.jobcenter_id != citizen.jobcenter_id:
        raise ValueError("The mentor belongs to another jobcenter.")
    citizen = _lock_citizen(citizen.pk)
    if citizen.is_ended:
        raise ValidationError(_("Borgerens forløb er afsluttet."))
    if Offer.objects.filter(citizen=citizen, status=OfferStatus.ACCEPTED).exists():
        raise ValidationError(_("Borgeren har allerede en mentor, der har sagt ja."))
    if Offer.objects.filter(citizen=citizen, mentor=mentor, status=OfferStatus.OFFERED).exists():
        raise ValidationError(_("Mentoren har allerede et åbent tilbud om denne borger."))
    if mentor.status != MentorStatus.ACTIVE:
        raise ValidationError(_("Mentoren er ikke aktiv i korpset."))
    suggestion = next(iter(selectors.suggestions_for(citizen=citizen, top=1, only_ids=[mentor.pk])), None)
    if suggestion is None:
        raise ValidationError(NOT_ELIGIBLE)
    token = _new_token()
    now = timezone.now()
    offer = Offer(
        jobcenter_id=citizen.jobcenter_id,
        citizen=citizen,
        mentor=mentor,
        score=round(suggestion.score, 6),
        explanations=suggestion.explanations,
        message=message.strip(),
        token_hash=link_token_hash(token),
        offered_by=actor,
        offered_at=now,
        expires_at=now + timedelta(days=selectors.offer_valid_days(jobcenter=citizen.jobcenter_id)),
    )
    try:
        with transaction.atomic():
            offer.save()
    except IntegrityError:
        raise ValidationError(_("Mentoren har allerede et åbent tilbud om denne borger.")) from None
    activity_record(
        actor=actor,
        action="matching.offer.created",
        obj=offer,
        data={"citizen": citizen.pk, "mentor": mentor.pk, "score": offer.score},
    )
    _send_offer(offer, token)
    return OfferCreated(offer, token)


def offer_for_token(token: str) -> Offer:
    """The offer of an answer link, or OfferLinkError saying why it cannot be used."""
    if not link_token_is_signed(token, purpose=TOKEN_SALT):
        raise OfferLinkError("unknown")
    offer = (
        Offer.objects.select_related("citizen", "mentor", "jobcenter").filter(token_hash=link_token_hash(token)).first()
    )
    if offer is None:
        raise OfferLinkError("unknown")
    if offer.is_open and offer.expires_at <= timezone.now():
        raise OfferLinkError("expired", offer)
    if offer.is_answered:
        raise OfferLinkError("answered", offer)
    if not offer.is_open:
        raise OfferLinkError(offer.status, offer)
    return offer


def _locked_open_offer(offer_id: int, to: str) -> Offer:
    """Locks citizen, mentor and offer (in that order) and checks the offer may move to `to`
    (Offer.STATUS_TRANSITIONS: only an open offer moves)."""
    ids = Offer.objects.filter(pk=offer_id).values("citizen_id", "mentor_id").first()
    if ids is None:
        raise OfferLinkError("unknown")
    _lock_citizen(ids["citizen_id"])
    _lock_mentor(ids["mentor_id"])
    offer = Offer.objects.select_for_update().select_related("citizen", "mentor", "jobcenter").get(pk=offer_id)
    Offer.STATUS_TRANSITIONS.require(
        offer.status,
        to,
        message=_("Tilbuddet er allerede besvaret.") if offer.is_answered else _("Tilbuddet er ikke længere åbent."),
    )
    if offer.expires_at <= timezone.now():
        raise ValidationError(_("Svarfristen er overskredet."))
    return offer


@constraint_errors
@transaction.atomic
def offer_accept(*, actor, offer: Offer, via: str = AnsweredVia.COORDINATOR) -> Offer:
    """The mentor says yes. Only one accepted offer per citizen, and never more citizens than the
    mentor's capacity: both are checked under row locks, so two answers at once cannot both win.
    The citizen's other open offers are withdrawn."""
    offer = _locked_open_offer(offer.pk, OfferStatus.ACCEPTED)
    if Offer.objects.filter(citizen_id=offer.citizen_id, status=OfferStatus.ACCEPTED).exists():
        raise ValidationError(_("Borgeren har allerede fået en mentor."))
    mentor = offer.mentor
    if _seats_taken(mentor) >= mentor.capacity:
        raise ValidationError(_("Mentoren har ikke flere ledige pladser."))
    now = timezone.now()
    offer.status, offer.answered_at, offer.answered_via = OfferStatus.ACCEPTED, now, via
    offer.closed_by = actor if via == AnsweredVia.COORDINATOR else None
    offer.save(update_fields=["status", "answered_at", "answered_via", "closed_by"])
    others = Offer.objects.filter(citizen_id=offer.citizen_id, status=OfferStatus.OFFERED).exclude(pk=offer.pk)
    withdrawn = list(others.values_list("pk", flat=True))
    Offer.STATUS_TRANSITIONS.require(OfferStatus.OFFERED, OfferStatus.WITHDRAWN)
    others.update(status=OfferStatus.WITHDRAWN)
    activity_record(
        actor=actor,
        action="matching.offer.accepted",
        obj=offer,
        data={
            "via": via,
            "withdrawn": withdrawn,
            "waiting_days": (timezone.localdate(now) - offer.citizen.referred_on).days,
        },
    )
    return offer


@transaction.atomic
def offer_decline(*, actor, offer: Offer, reason: str, via: str = AnsweredVia.COORDINATOR) -> Offer | None:
    """The mentor says no (a reason is required). The task then moves on: when the citizen has no
    other open offer, the next suggestion is offered at once. Returns that new offer, if any. The
    coordinator who sent the offer is told (matching.handoffs), unless they recorded the answer themselves."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv kort, hvorfor mentoren siger nej.")})
    offer = _locked_open_offer(offer.pk, OfferStatus.DECLINED)
    offer.status, offer.answered_at, offer.answered_via = OfferStatus.DECLINED, timezone.now(), via
    offer.decline_reason = reason[:2000]
    offer.closed_by = actor if via == AnsweredVia.COORDINATOR else None
    offer.save(update_fields=["status", "answered_at", "answered_via", "decline_reason", "closed_by"])
    activity_record(actor=actor, action="matching.offer.declined", obj=offer, data={"via": via})
    next_offer = _offer_next(offer)
    handoffs.offer_declined(offer=offer, next_offer=next_offer)
    return next_offer


def _offer_next(declined: Offer) -> Offer | None:
    citizen = declined.citizen
    if Offer.objects.filter(citizen=citizen, status__in=[OfferStatus.OFFERED, OfferStatus.ACCEPTED]).exists():
        return None
    suggestion = next(iter(selectors.suggestions_for(citizen=citizen, top=1)), None)
    if suggestion is None:
        return None
    mentor = Mentor.objects.get(pk=suggestion.mentor_id)
    created = offer_create(actor=declined.offered_by, citizen=citizen, mentor=mentor, message=declined.message)
    return created.offer


@transaction.atomic
def offer_withdraw(*, actor, offer: Offer) -> Offer:
    """The coordinator takes back an open offer (the link stops working)."""
    offer = _locked_open_offer(offer.pk, OfferStatus.WITHDRAWN)
    offer.status, offer.closed_by = OfferStatus.WITHDRAWN, actor
    offer.save(update_fields=["status", "closed_by"])
    activity_record(actor=actor, action="matching.offer.withdrawn", obj=offer)
    return offer


@transaction.atomic
def offer_answer_by_link(*, token: str, accept: bool, reason: str = "") -> tuple[Offer, Offer | None]:
    """The mentor answers through the e-mail link (no login). The token works once."""
    offer = offer_for_token(token)
    if accept:
        return offer_accept(actor=None, offer=offer, via=AnsweredVia.LINK), None
    next_offer = offer_decline(actor=None, offer=offer, reason=reason, via=AnsweredVia.LINK)
    offer.refresh_from_db()
    return offer, next_offer


@transaction.atomic
def offers_expire_due(*, now=None) -> int:
    """Marks open offers past their deadline as expired (the beat schedule may call it; links check too)."""
    now = now or timezone.now()
    due = Offer.objects.filter(status=OfferStatus.OFFERED, expires_at__lte=now)
    ids = list(due.values_list("pk", flat=True))
    if ids:
        Offer.STATUS_TRANSITIONS.require(OfferStatus.OFFERED, OfferStatus.EXPIRED)
        Offer.objects.filter(pk__in=ids, status=OfferStatus.OFFERED).update(status=OfferStatus.EXPIRED)
        activity_record(actor=None, action="matching.offer.expired", data={"offers": ids})
    return len(ids)
