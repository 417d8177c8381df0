"""Planning the first meeting of a mentor agreement: when, where and who (the citizen, the agreement's mentor and
the caseworker or contact person), moving it and calling it off.

What the services guarantee:
- Only an agreement in force with a mentor, whose first meeting is not yet recorded as held, gets one planned;
  at most one plan is planned per agreement (a database constraint backs the row lock on the agreement).
- Each change tells each person exactly once, in the same transaction: the mentor an e-mail and the caseworker
  a hand-off (`citizens.handoffs`, e-mail and inbox), both with the calendar file (METHOD:REQUEST with the
  plan's stable UID and a SEQUENCE that grows with each move; METHOD:CANCEL when called off, or to a
  caseworker who is no longer invited); the citizen a text message when their phone number is a Danish mobile
  number, else the coordinator prints the letter (`citizens:first_meeting_letter`). Posting the same plan again
  changes nothing and tells no one. No CPR number, health note or agreement text reaches any of them.
- Recording the meeting as held (`first_meeting_save`) marks the plan held.
- An agreement that leaves force (`agreement_end`, or `agreement_activate` of its renewal) calls off its planned
  meeting in the same transaction, exactly as "Aflys mødet" does.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.permissions import STAFF
from audit.services import activity_record
from citizens import handoffs
from citizens import message_kinds as mk
from citizens.ical import CANCEL, REQUEST, first_meeting_ics
from citizens.models import FirstMeeting, FirstMeetingPlan, MeetingPlanStatus, MentorAgreement
from citizens.services._common import _apply, _loggable
from mentorship.ical import COPENHAGEN, Attendee
from notifications import sms
from notifications.handoffs import danish, first_name
from notifications.models import Message
from notifications.services import message_enqueue
from notifications.sms_services import SmsTooLong, sms_enqueue

PLAN_FIELDS = ("starts_at", "ends_at", "place", "caseworker")
# Changes the citizen is told of by text message (a new caseworker alone is not news to them).
CITIZEN_FIELDS = ("starts_at", "ends_at", "place")
PLANNED = MeetingPlanStatus.PLANNED


def _lock(agreement: MentorAgreement) -> MentorAgreement:
    return (
        MentorAgreement.objects.select_for_update(of=("self",))
        .select_related("jobcenter", "citizen", "mentor", "company_mentor")
        .get(pk=agreement.pk)
    )


def _planned(agreement: MentorAgreement) -> FirstMeetingPlan | None:
    return (
        FirstMeetingPlan.objects.select_for_update(of=("self",))
        .select_related("caseworker")
        .filter(agreement=agreement, status=PLANNED)
        .first()
    )


def mobile_of(citizen) -> str:
    """The citizen's number as +45XXXXXXXX when it is a Danish mobile number, else ""."""
    try:
        return sms.normalise_mobile(citizen.phone) if citizen.phone else ""
    except ValidationError:
        return ""


def when_text(plan) -> str:
    """'tirsdag 15. december 2026 kl. 10.00-11.00', in Danish."""
    starts, ends = timezone.localtime(plan.starts_at, COPENHAGEN), timezone.localtime(plan.ends_at, COPENHAGEN)
    with danish():
        day = formats.date_format(starts, "l j. F Y")
    return f"{day} kl. {starts:%H.%M}-{ends:%H.%M}"


def _moment(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=COPENHAGEN)


def _validate(agreement: MentorAgreement, *, data: dict, now: datetime.datetime) -> None:
    if not agreement.can_plan_first_meeting:
        raise ValidationError(_("Kun en mentoraftale i kraft kan få planlagt et opstartsmøde."))
    mentor = agreement.mentor_display
    if mentor is None or not mentor.email:
        raise ValidationError(
            _("Mentoren har ingen e-mailadresse, så invitationen kan ikke sendes. Tilføj e-mailadressen først.")
        )
    if FirstMeeting.objects.filter(agreement=agreement).exists():
        raise ValidationError(_("Opstartsmødet er allerede holdt og registreret."))
    errors: dict[str, str] = {}
    today = timezone.localdate(now, COPENHAGEN)
    starts_at, ends_at = _moment(data["date"], data["start"]), _moment(data["date"], data["end"])
    if data["date"] < today:
        errors["date"] = _("Datoen ligger i fortiden. Vælg i dag eller en senere dato.")
    elif starts_at <= now:
        errors["start"] = _("Tidspunktet er allerede passeret. Vælg et senere tidspunkt.")
    if ends_at <= starts_at:
        errors["end"] = _("Mødet skal slutte efter, at det er begyndt.")
    if not (data.get("place") or "").strip():
        errors["place"] = _("Skriv, hvor mødet holdes.")
    caseworker = data.get("caseworker")
    if (
        caseworker is None
        or not Membership.objects.filter(
            user=caseworker, jobcenter_id=agreement.jobcenter_id, role__in=STAFF, is_active=True, user__is_active=True
        ).exists()
    ):
        errors["caseworker"] = _("Vælg en sagsbehandler eller kontaktperson i jobcentret.")
    if errors:
        raise ValidationError(errors)


def _period(method: str, plan: FirstMeetingPlan) -> str:
    return f"{'c' if method == CANCEL else 'r'}{plan.sequence}"


def _lines(plan: FirstMeetingPlan, agreement: MentorAgreement) -> list[str]:
    """What the meeting is, for the calendar file: first names of the citizen, full names of the professionals."""
    citizen = first_name(agreement.citizen.name)
    mentor = agreement.mentor_display
    with danish():
        lines = [
            _("Opstartsmøde om mentorforløbet for %(citizen)s: forventninger, mål og opgaver.") % {"citizen": citizen},
            _("Tid: %(when)s") % {"when": when_text(plan)},
            _("Sted: %(place)s") % {"place": plan.place},
            _("Deltagere: %(citizen)s (borger), %(mentor)s (mentor), %(caseworker)s (jobcentret)")
            % {
                "citizen": citizen,
                "mentor": mentor.full_name if mentor else "",
                "caseworker": plan.caseworker.full_name if plan.caseworker else "",
            },
            _("Arrangør: %(jobcenter)s") % {"jobcenter": agreement.jobcenter.name},
        ]
    return lines


def _tell_mentor(plan: FirstMeetingPlan, agreement: MentorAgreement, *, method: str, ics, moved: bool) -> None:
    mentor = agreement.mentor_display
    kind = mk.FIRST_MEETING_CANCELLED if method == CANCEL else mk.FIRST_MEETING_INVITATION
    message_enqueue(
        jobcenter=agreement.jobcenter,
        kind=kind,
        recipient_email=mentor.email,
        recipient_name=mentor.full_name,
        context=mk.first_meeting_context(
            plan=plan, agreement=agreement, recipient_name=mentor.full_name, when=when_text(plan), moved=moved
        ),
        about=plan,
        period=_period(method, plan),
        attachments=(ics.as_attachment(),),
        **mk.templates_for(kind),
    )


def _tell_citizen(plan: FirstMeetingPlan, agreement: MentorAgreement, *, method: str, moved: bool) -> None:
    phone = mobile_of(agreement.citizen)
    if not phone:
        return  # the coordinator prints the letter (the agreement's page says so)
    context = mk.first_meeting_sms_context(
        plan=plan, agreement=agreement, when=when_text(plan), cancelled=method == CANCEL, moved=moved
    )
    for names in (True, False):  # long names and a long place: the text without the names still fits
        try:
            sms_enqueue(
                jobcenter=agreement.jobcenter,
                kind=mk.FIRST_MEETING_SMS,
                recipient_phone=phone,
                recipient_name=first_name(agreement.citizen.name),
                context={**context, "names": names},
                about=plan,
                period=_period(method, plan),
            )
            return
        except SmsTooLong:
            if not names:
                raise


def _attendees(plan: FirstMeetingPlan, agreement: MentorAgreement, caseworker=None) -> list[Attendee]:
    mentor = agreement.mentor_display
    caseworker = caseworker or plan.caseworker
    people = [Attendee(mentor.email, mentor.full_name)]
    if caseworker is not None:
        people.append(Attendee(caseworker.email, caseworker.full_name))
    return people


def _tell(plan: FirstMeetingPlan, agreement: MentorAgreement, *, method: str, moved: bool, citizen: bool) -> None:
    citizen_name = first_name(agreement.citizen.name)
    ics = first_meeting_ics(
        plan,
        method=method,
        attendees=_attendees(plan, agreement),
        citizen_first_name=citizen_name,
        lines=_lines(plan, agreement),
    )
    _tell_mentor(plan, agreement, method=method, ics=ics, moved=moved)
    if plan.caseworker is not None:
        handoffs.first_meeting_told(
            plan=plan,
            agreement=agreement,
            recipient=plan.caseworker,
            cancelled=method == CANCEL,
            moved=moved,
            when=when_text(plan),
            period=_period(method, plan),
            attachments=(ics.as_attachment(),),
        )
    if citizen:
        _tell_citizen(plan, agreement, method=method, moved=moved)


def _uninvite_caseworker(plan: FirstMeetingPlan, agreement: MentorAgreement, caseworker) -> None:
    """A caseworker replaced by another gets the meeting's CANCEL, so it leaves their calendar."""
    ics = first_meeting_ics(
        plan,
        method=CANCEL,
        attendees=[Attendee(caseworker.email, caseworker.full_name)],
        citizen_first_name=first_name(agreement.citizen.name),
        lines=_lines(plan, agreement),
    )
    handoffs.first_meeting_told(
        plan=plan,
        agreement=agreement,
        recipient=caseworker,
        cancelled=True,
        moved=False,
        when=when_text(plan),
        period=_period(CANCEL, plan),
        attachments=(ics.as_attachment(),),
    )


@transaction.atomic
def first_meeting_plan(
    *, actor, agreement: MentorAgreement, data: dict, now: datetime.datetime | None = None
) -> FirstMeetingPlan:
    """Plans the agreement's first meeting, or moves the planned one. `data`: date, start and end (times of day in
    Copenhagen), place, caseworker (a staff member of the jobcenter). A new plan sends REQUEST with SEQUENCE 0;
    each change to the time, place or caseworker raises the SEQUENCE and sends REQUEST again (a replaced
    caseworker gets CANCEL); the same values again change nothing and tell no one. Danish ValidationErrors keyed
    by those names (a date in the past, an end before the start, no place, no caseworker), or without a field
    when the agreement cannot have one planned."""
    agreement = _lock(agreement)
    now = now or timezone.now()
    _validate(agreement, data=data, now=now)
    values = {
        "starts_at": _moment(data["date"], data["start"]),
        "ends_at": _moment(data["date"], data["end"]),
        "place": data["place"].strip(),
        "caseworker": data["caseworker"],
    }
    plan = _planned(agreement)
    if plan is None:
        plan = FirstMeetingPlan(jobcenter_id=agreement.jobcenter_id, agreement=agreement, planned_by=actor, **values)
        plan.save()
        activity_record(
            actor=actor,
            action="citizens.first_meeting.planned",
            obj=agreement,
            data={"plan": plan.pk, "sequence": plan.sequence},
        )
        _tell(plan, agreement, method=REQUEST, moved=False, citizen=True)
        return plan
    before = plan.caseworker
    changed = _apply(plan, values, PLAN_FIELDS)
    if not changed:
        return plan
    plan.sequence += 1
    plan.planned_by = actor
    plan.save()
    activity_record(
        actor=actor,
        action="citizens.first_meeting.moved",
        obj=agreement,
        data={"plan": plan.pk, "sequence": plan.sequence, "fields": changed, "caseworker": _loggable(plan.caseworker)},
    )
    if "caseworker" in changed and before is not None:
        _uninvite_caseworker(plan, agreement, before)
    _tell(plan, agreement, method=REQUEST, moved=True, citizen=any(name in changed for name in CITIZEN_FIELDS))
    return plan


@transaction.atomic
def first_meeting_cancel(*, actor, agreement: MentorAgreement) -> FirstMeetingPlan:
    """Calls off the planned first meeting: its SEQUENCE is raised and the mentor and the caseworker get its
    CANCEL, the citizen a text (or the letter to print). The plan stays, cancelled; planning again starts a new
    one with a new calendar UID."""
    agreement = _lock(agreement)
    plan = _planned(agreement)
    if plan is None:
        raise ValidationError(_("Der er ikke planlagt noget opstartsmøde, som kan aflyses."))
    return _cancel(actor=actor, agreement=agreement, plan=plan, citizen=True)


def _first_meeting_plan_called_off(*, actor, agreement: MentorAgreement) -> FirstMeetingPlan | None:
    """The agreement has just left force (ended, or replaced by its renewal, possibly with another mentor): a
    still-planned first meeting is called off as first_meeting_cancel does it, in the caller's transaction. The
    citizen gets the cancelling text only if the plan sent them one. None when nothing was planned."""
    plan = _planned(agreement)
    if plan is None:
        return None
    texted = Message.objects.filter(
        jobcenter_id=agreement.jobcenter_id,
        kind=mk.FIRST_MEETING_SMS,
        about_type=ContentType.objects.get_for_model(FirstMeetingPlan),
        about_id=plan.pk,
    ).exists()
    return _cancel(actor=actor, agreement=_lock(agreement), plan=plan, citizen=texted)


def _cancel(*, actor, agreement: MentorAgreement, plan: FirstMeetingPlan, citizen: bool) -> FirstMeetingPlan:
    FirstMeetingPlan.STATUS_TRANSITIONS.require(plan.status, MeetingPlanStatus.CANCELLED)
    plan.status = MeetingPlanStatus.CANCELLED
    plan.sequence += 1
    plan.cancelled_at = timezone.now()
    plan.save(update_fields=["status", "sequence", "cancelled_at"])
    activity_record(
        actor=actor,
        action="citizens.first_meeting.cancelled",
        obj=agreement,
        data={"plan": plan.pk, "sequence": plan.sequence},
    )
    _tell(plan, agreement, method=CANCEL, moved=False, citizen=citizen)
    return plan


def _first_meeting_plan_held(agreement: MentorAgreement) -> None:
    """The meeting was recorded as held: its plan (if any) is held, and nobody is told (they were there)."""
    plan = _planned(agreement)
    if plan is None:
        return
    FirstMeetingPlan.STATUS_TRANSITIONS.require(plan.status, MeetingPlanStatus.HELD)
    plan.status = MeetingPlanStatus.HELD
    plan.save(update_fields=["status"])
