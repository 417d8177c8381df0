"""Every write to the corps: applications, screening, profiles, notes, qualifications, hours, import.

Each service is atomic and writes an activity-log entry in the same transaction. Screening steps
lock the mentor row (select_for_update), so two coordinators cannot move the same mentor at once,
and refuse illegal steps with a ValidationError carrying a Danish message.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from audit.services import activity_record
from corps.bulk import insert_rows
from corps.csv_import import ImportResult, MentorImporter, RowError, decode
from corps.message_kinds import APPLICATION_RECEIVED
from corps.models import (
    Competence,
    HoursEntry,
    HoursStatus,
    Language,
    Mentor,
    MentorNote,
    MentorStatus,
    MentorStatusEvent,
    Qualification,
    Source,
)
from corps.vocabulary import seed_competences
from mentorship.constraints import constraint_errors
from notifications.services import message_enqueue

S = MentorStatus

# The screening state machine: from-status -> the statuses it may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.APPLICANT: frozenset({S.INTERVIEW, S.APPROVED, S.REJECTED}),
    S.INTERVIEW: frozenset({S.INTERVIEW, S.APPROVED, S.REJECTED}),
    S.APPROVED: frozenset({S.ACTIVE, S.RESIGNED}),
    S.ACTIVE: frozenset({S.PAUSED, S.RESIGNED}),
    S.PAUSED: frozenset({S.ACTIVE, S.PAUSED, S.RESIGNED}),
    S.REJECTED: frozenset(),
    S.RESIGNED: frozenset(),
}

# Profile fields a coordinator edits (status fields move only through the screening services).
PROFILE_FIELDS = (
    "full_name",
    "email",
    "phone",
    "postcode",
    "gender",
    "birth_year",
    "attachment",
    "education",
    "work_experience",
    "industries",
    "network_notes",
    "motivation",
    "available_weekdays",
    "available_day_parts",
    "hours_per_week",
    "capacity",
    "hourly_rate",
    "employment",
    "offers_section_85",
    "contract_start",
    "contract_end",
)
APPLICATION_FIELDS = (
    "full_name",
    "email",
    "phone",
    "postcode",
    "gender",
    "birth_year",
    "attachment",
    "education",
    "work_experience",
    "industries",
    "motivation",
    "available_weekdays",
    "available_day_parts",
    "hours_per_week",
)


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def _check_vocabulary(*, jobcenter, competences: Iterable[Competence]) -> list[Competence]:
    competences = list(competences)
    if any(c.jobcenter_id != jobcenter.pk for c in competences):
        # Forms narrow the choices to the jobcenter; this guards every other caller.
        raise ValidationError({"competences": _("Vælg kompetencer fra jobcentrets egen liste.")})
    return competences


def _full_clean(mentor: Mentor) -> None:
    mentor.full_clean(exclude=["jobcenter"])


# --- Vocabulary ----------------------------------------------------------------------------------


@transaction.atomic
def competences_defaults_ensure(*, actor, jobcenter) -> int:
    """Gives a jobcenter the default competence list (only the missing ones). Returns how many were added.

    Call it when a jobcenter is created; seed_demo calls it for the demo jobcenters."""
    added = seed_competences(jobcenter=jobcenter, competence_model=Competence)
    if added:
        activity_record(actor=actor, action="corps.competence.seed", jobcenter=jobcenter, data={"added": added})
    return added


# --- Applications and profiles -------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationResult:
    mentor: Mentor
    created: bool


@constraint_errors
@transaction.atomic
def mentor_apply(
    *,
    jobcenter,
    data: dict,
    competences: Iterable[Competence],
    languages: Iterable[Language],
) -> ApplicationResult:
    """A person applies through the public "Bliv mentor" page: an applicant row, consent time, an
    audit entry, and a confirmation e-mail sent after commit.

    A second application from the same e-mail does not create a duplicate or reveal that the first
    exists: the earlier application gets a note, and the applicant gets the same receipt and e-mail."""
    email = data["email"].strip().lower()
    existing = Mentor.objects.filter(jobcenter=jobcenter, email__iexact=email).first()
    if existing is not None:
        MentorNote.objects.create(
            mentor=existing,
            author=None,
            text=_("Ny ansøgning modtaget via hjemmesiden fra samme e-mailadresse."),
        )
        activity_record(actor=None, action="corps.mentor.apply_again", obj=existing)
        _enqueue_application_received(existing, again=True)
        return ApplicationResult(existing, created=False)

    now = timezone.now()
    mentor = Mentor(
        jobcenter=jobcenter,
        status=S.APPLICANT,
        status_changed_at=now,
        source=Source.APPLICATION,
        consent_at=now,
        **{field: data.get(field) for field in APPLICATION_FIELDS if field in data},
    )
    mentor.email = email
    _full_clean(mentor)
    mentor.save()
    mentor.competences.set(_check_vocabulary(jobcenter=jobcenter, competences=competences))
    mentor.languages.set(list(languages))
    MentorStatusEvent.objects.create(mentor=mentor, from_status="", to_status=S.APPLICANT, at=now)
    activity_record(actor=None, action="corps.mentor.apply", obj=mentor)
    _enqueue_application_received(mentor)
    return ApplicationResult(mentor, created=True)


def _enqueue_application_received(mentor: Mentor, *, again: bool = False) -> None:
    """The receipt e-mail, through the notifications outbox (sent by Celery after commit). A repeated
    application gets at most one more receipt a day, so the form cannot be used to flood an inbox."""
    jobcenter = mentor.jobcenter
    message_enqueue(
        jobcenter=jobcenter,
        kind=APPLICATION_RECEIVED,
        recipient_email=mentor.email,
        recipient_name=mentor.full_name,
        subject_template="corps/email/application_received.subject.txt",
        text_template="corps/email/application_received.txt",
        html_template="corps/email/application_received.html",
        context={
            "mentor_name": mentor.full_name,
            "jobcenter_name": jobcenter.name,
            "jobcenter_email": jobcenter.email,
            "jobcenter_phone": jobcenter.phone,
        },
        about=mentor,
        period=timezone.localdate().isoformat() if again else "",
    )


@constraint_errors
@transaction.atomic
def mentor_create(
    *,
    actor,
    jobcenter,
    data: dict,
    competences: Iterable[Competence],
    languages: Iterable[Language],
    status: str = S.ACTIVE,
) -> Mentor:
    """A coordinator registers a mentor (an existing corps member as active, or a new applicant)."""
    if status not in (S.APPLICANT, S.ACTIVE):
        raise ValidationError({"status": _("En ny mentor kan kun oprettes som ansøger eller aktiv.")})
    now = timezone.now()
    mentor = Mentor(
        jobcenter=jobcenter,
        status=status,
        status_changed_at=now,
        source=Source.MANUAL,
        **{field: data[field] for field in PROFILE_FIELDS if field in data},
    )
    mentor.email = mentor.email.strip().lower()
    _full_clean(mentor)
    mentor.save()
    mentor.competences.set(_check_vocabulary(jobcenter=jobcenter, competences=competences))
    mentor.languages.set(list(languages))
    MentorStatusEvent.objects.create(mentor=mentor, from_status="", to_status=status, actor=actor, at=now)
    activity_record(actor=actor, action="corps.mentor.create", obj=mentor)
    return mentor


@constraint_errors
@transaction.atomic
def mentor_update(
    *,
    actor,
    mentor: Mentor,
    data: dict,
    competences: Iterable[Competence] | None = None,
    languages: Iterable[Language] | None = None,
) -> Mentor:
    """Changes the profile fields given in `data` (never the status); records which fields changed."""
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    changed = []
    for field in PROFILE_FIELDS:
        if field in data and getattr(mentor, field) != data[field]:
            setattr(mentor, field, data[field])
            changed.append(field)
    if "email" in changed:
        mentor.email = mentor.email.strip().lower()
    _full_clean(mentor)
    if changed:
        mentor.save(update_fields=[*changed, "updated_at"])
    if competences is not None:
        new = _check_vocabulary(jobcenter=mentor.jobcenter, competences=competences)
        if {c.pk for c in new} != set(mentor.competences.values_list("pk", flat=True)):
            mentor.competences.set(new)
            changed.append("competences")
    if languages is not None:
        new_languages = list(languages)
        if {lang.pk for lang in new_languages} != set(mentor.languages.values_list("pk", flat=True)):
            mentor.languages.set(new_languages)
            changed.append("languages")
    if changed:
        activity_record(actor=actor, action="corps.mentor.update", obj=mentor, data={"fields": changed})
    return mentor


# --- Screening -----------------------------------------------------------------------------------


def _transition(
    *,
    actor,
    mentor: Mentor,
    to: str,
    action: str,
    reason: str = "",
    until: date | None = None,
    happens_at: datetime | None = None,
) -> Mentor:
    locked = Mentor.objects.select_for_update().get(pk=mentor.pk)
    if to not in allowed_transitions(locked.status):
        raise ValidationError(
            _("En mentor med status “%(current)s” kan ikke få status “%(target)s”.")
            % {"current": S(locked.status).label, "target": S(to).label},
            code="illegal_transition",
        )
    now = timezone.now()
    from_status = locked.status
    locked.status = to
    locked.status_changed_at = now
    locked.paused_until = until if to == S.PAUSED else None
    locked.status_reason = reason
    locked.save(update_fields=["status", "status_changed_at", "paused_until", "status_reason", "updated_at"])
    MentorStatusEvent.objects.create(
        mentor=locked,
        from_status=from_status,
        to_status=to,
        reason=reason,
        until=until,
        happens_at=happens_at,
        actor=actor,
        at=now,
    )
    activity_record(
        actor=actor,
        action=action,
        obj=locked,
        data={"from": from_status, "to": to, **({"until": until.isoformat()} if until else {})},
    )
    return locked


def _require_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


@transaction.atomic
def mentor_interview_book(*, actor, mentor: Mentor, happens_at: datetime, note: str = "") -> Mentor:
    """Applicant (or one already booked) → interview booked, at a time in the future."""
    if happens_at <= timezone.now():
        raise ValidationError({"happens_at": _("Samtalen skal ligge ude i fremtiden.")})
    return _transition(
        actor=actor,
        mentor=mentor,
        to=S.INTERVIEW,
        action="corps.mentor.interview_book",
        reason=note.strip(),
        happens_at=happens_at,
    )


@transaction.atomic
def mentor_approve(*, actor, mentor: Mentor, note: str = "") -> Mentor:
    """Applicant or interviewed → approved."""
    return _transition(actor=actor, mentor=mentor, to=S.APPROVED, action="corps.mentor.approve", reason=note.strip())


@transaction.atomic
def mentor_reject(*, actor, mentor: Mentor, reason: str) -> Mentor:
    """Applicant or interviewed → rejected. A reason is required."""
    reason = _require_reason(reason, _("Skriv en begrundelse for afslaget."))
    return _transition(actor=actor, mentor=mentor, to=S.REJECTED, action="corps.mentor.reject", reason=reason)


@transaction.atomic
def mentor_activate(*, actor, mentor: Mentor) -> Mentor:
    """Approved → active (or paused → active: resume). Sets the contract start to today if empty."""
    mentor = _transition(actor=actor, mentor=mentor, to=S.ACTIVE, action="corps.mentor.activate")
    if mentor.contract_start is None:
        mentor.contract_start = timezone.localdate()
        mentor.save(update_fields=["contract_start", "updated_at"])
    return mentor


@transaction.atomic
def mentor_pause(*, actor, mentor: Mentor, until: date, reason: str) -> Mentor:
    """Active → paused until a date (today or later), with a reason."""
    reason = _require_reason(reason, _("Skriv hvorfor mentoren holder pause."))
    if until is None or until < timezone.localdate():
        raise ValidationError({"until": _("Pausen skal vare til en dato fra i dag og frem.")})
    return _transition(actor=actor, mentor=mentor, to=S.PAUSED, action="corps.mentor.pause", reason=reason, until=until)


@transaction.atomic
def mentor_resign(*, actor, mentor: Mentor, reason: str, on: date | None = None) -> Mentor:
    """Approved, active or paused → resigned, with a reason; ends the contract (today unless given)."""
    reason = _require_reason(reason, _("Skriv en begrundelse for fratrædelsen."))
    mentor = _transition(actor=actor, mentor=mentor, to=S.RESIGNED, action="corps.mentor.resign", reason=reason)
    end = on or timezone.localdate()
    if mentor.contract_start and end < mentor.contract_start:
        raise ValidationError({"on": _("Fratrædelsen kan ikke ligge før kontraktstart.")})
    mentor.contract_end = end
    mentor.save(update_fields=["contract_end", "updated_at"])
    return mentor


@transaction.atomic
def mentors_resume_due(*, actor=None, jobcenter, today: date | None = None) -> int:
    """Paused mentors whose pause ended before today become active again. Returns how many."""
    today = today or timezone.localdate()
    due = Mentor.objects.filter(jobcenter=jobcenter, status=S.PAUSED, paused_until__lt=today).values_list(
        "pk", flat=True
    )
    count = 0
    for pk in list(due):
        _transition(actor=actor, mentor=Mentor(pk=pk), to=S.ACTIVE, action="corps.mentor.resume_due")
        count += 1
    return count


# --- Notes and qualifications --------------------------------------------------------------------


@transaction.atomic
def mentor_note_add(*, actor, mentor: Mentor, text: str) -> MentorNote:
    """A note on the mentor, with author and time."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Skriv en note.")})
    note = MentorNote.objects.create(mentor=mentor, author=actor, text=text)
    activity_record(actor=actor, action="corps.mentor.note_add", obj=mentor, data={"note_id": note.pk})
    return note


@constraint_errors
@transaction.atomic
def qualification_add(
    *,
    actor,
    mentor: Mentor,
    title: str,
    kind: str,
    completed_on: date,
    source: str = "manual",
    source_reference: str = "",
) -> Qualification:
    """Records a completed course, module or network meeting. With a source reference (the courses
    app's attendance), recording the same one twice returns the first row."""
    if source_reference:
        existing = Qualification.objects.filter(mentor=mentor, source=source, source_reference=source_reference).first()
        if existing:
            return existing
    qualification = Qualification(
        mentor=mentor,
        title=title.strip(),
        kind=kind,
        completed_on=completed_on,
        source=source,
        source_reference=source_reference,
    )
    qualification.full_clean()
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("Datoen for gennemførelse kan ikke ligge i fremtiden.")})
    qualification.save()
    activity_record(actor=actor, action="corps.qualification.add", obj=mentor, data={"title": qualification.title})
    return qualification


# --- Hours and pay -------------------------------------------------------------------------------


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def agreed_weekly_hours(*, mentor: Mentor, citizen) -> Decimal | None:
    """The weekly hours agreed for this mentor and citizen in their active mentor agreement, if any."""
    if citizen is None:
        return None
    agreement = apps.get_model("citizens", "MentorAgreement")
    return (
        agreement.objects.filter(mentor=mentor, citizen=citizen, status="active")
        .values_list("hours_per_week", flat=True)
        .first()
    )


@constraint_errors
@transaction.atomic
def hours_record(
    *,
    actor,
    mentor: Mentor,
    week: date,
    hours: Decimal,
    citizen=None,
    mentee_reference: str = "",
    agreed_hours: Decimal | None = None,
    note: str = "",
) -> HoursEntry:
    """Records the hours a mentor spent with one citizen in one week (the week is its Monday).

    The agreed hours default to the active mentor agreement's weekly hours; the mentor's hourly rate
    is frozen on the entry so a later rate change does not rewrite months already paid."""
    if not mentor.can_log_hours:
        raise ValidationError(_("Der kan kun registreres timer for mentorer, der er eller har været aktive."))
    if week != week_start(week):
        raise ValidationError({"week": _("Vælg ugens mandag.")})
    if week > timezone.localdate():
        raise ValidationError({"week": _("Der kan ikke registreres timer for en uge, der ikke er begyndt.")})
    if mentor.contract_end and week > mentor.contract_end:
        raise ValidationError({"week": _("Ugen ligger efter mentorens kontraktophør.")})
    if citizen is not None:
        if citizen.jobcenter_id != mentor.jobcenter_id:
            raise ValidationError({"citizen": _("Vælg en borger fra jobcentret.")})
        # Survives the citizen's deletion (SET_NULL) and says nothing about the person outside the product.
        mentee_reference = _("Borger nr. %(id)s") % {"id": citizen.pk}
        if agreed_hours is None:
            agreed_hours = agreed_weekly_hours(mentor=mentor, citizen=citizen)
    entry = HoursEntry(
        mentor=mentor,
        week=week,
        citizen=citizen,
        mentee_reference=mentee_reference.strip(),
        hours=hours,
        agreed_hours=agreed_hours,
        note=note.strip(),
        hourly_rate=mentor.hourly_rate,
        entered_by=actor,
    )
    try:
        entry.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError({"mentee_reference": error.message_dict["__all__"]}) from error
        raise
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise ValidationError(
            {"mentee_reference": _("Der er allerede registreret timer for denne borger i denne uge.")}
        ) from error
    activity_record(
        actor=actor,
        action="corps.hours.record",
        obj=mentor,
        data={"entry_id": entry.pk, "week": week.isoformat(), "hours": str(hours)},
    )
    return entry


@transaction.atomic
def hours_decide(*, actor, entries: Iterable[HoursEntry], approve: bool) -> int:
    """Approves (or rejects) submitted entries; entries already decided are left alone. Returns how many."""
    ids = [entry.pk for entry in entries]
    locked = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("mentor__jobcenter")
        .filter(pk__in=ids, status=HoursStatus.SUBMITTED)
    )
    now = timezone.now()
    status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    for entry in locked:
        entry.status = status
        entry.decided_by = actor
        entry.decided_at = now
    HoursEntry.objects.bulk_update(locked, ["status", "decided_by", "decided_at"])
    for entry in locked:
        activity_record(
            actor=actor,
            action=f"corps.hours.{'approve' if approve else 'reject'}",
            obj=entry.mentor,
            jobcenter=entry.mentor.jobcenter,
            data={"entry_id": entry.pk},
        )
    return len(locked)


# --- Import --------------------------------------------------------------------------------------


@transaction.atomic
def mentors_import(*, actor, jobcenter, raw: bytes) -> ImportResult:
    """Imports a corps from CSV: every row validated first (no query per row); any error and nothing
    is saved; else all rows are saved in this one transaction with bulk inserts (corps.bulk): the
    mentors, their history records (with the competences and languages they had), the M2M links, a
    status event each, and ONE audit entry with the counts."""
    importer = MentorImporter(jobcenter=jobcenter)
    try:
        text = decode(raw)
    except UnicodeDecodeError:
        return ImportResult(errors=[RowError(1, "", _("Filen kunne ikke læses. Gem den som CSV (UTF-8)."))])
    rows, errors = importer.parse(text)
    if errors:
        return ImportResult(errors=errors)

    now = timezone.now()
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            mentor_ids = insert_rows(Mentor, (row.values for row in rows), {"updated_at": now})
    except IntegrityError:
        # Another import or a coordinator saved one of these e-mails after validation began.
        return ImportResult(errors=[RowError(1, "E-mail", _("En af e-mailerne er netop blevet brugt. Prøv igen."))])
    links = {}
    for field_name, target, chosen, through in (
        ("competences", "competence_id", "competence_ids", Mentor.competences.through),
        ("languages", "language_id", "language_ids", Mentor.languages.through),
    ):
        pairs = [
            (mentor_id, pk) for row, mentor_id in zip(rows, mentor_ids, strict=True) for pk in getattr(row, chosen)
        ]
        ids = insert_rows(through, ({"mentor_id": m, target: t} for m, t in pairs))
        links[field_name] = (target, pairs, ids)
    _history_create(rows, mentor_ids, links, user_id=user_id, now=now)
    insert_rows(
        MentorStatusEvent,
        (
            {"mentor_id": mentor_id, "to_status": row.values["status"]}
            for row, mentor_id in zip(rows, mentor_ids, strict=True)
        ),
        {"from_status": "", "actor_id": user_id, "at": now, "reason": _("Importeret fra CSV.")},
    )
    counts = {
        "created": len(mentor_ids),
        "statuses": dict(Counter(row.values["status"] for row in rows)),
        "competence_links": len(links["competences"][1]),
        "language_links": len(links["languages"][1]),
    }
    activity_record(actor=actor, action="corps.mentor.import", jobcenter=jobcenter, data=counts)
    return ImportResult(created=len(mentor_ids), counts=counts)


def _history_create(rows, mentor_ids: list[int], links: dict, *, user_id, now) -> None:
    """simple_history's rows for the new mentors as `mentor.save()` and `.set()` would leave them: one
    "+" record each, with the competences and languages it had. (simple_history.utils.bulk_create_with_history
    writes the records but not their M2M snapshot.)"""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = Mentor.history.model
    tracked = {f.attname for f in historical.tracked_fields}
    record_ids = insert_rows(
        historical,
        (
            {"id": mentor_id, **{name: value for name, value in row.values.items() if name in tracked}}
            for row, mentor_id in zip(rows, mentor_ids, strict=True)
        ),
        {
            "updated_at": now,
            "history_date": now,
            "history_change_reason": _("Importeret fra CSV."),
            "history_type": "+",
            "history_user_id": user_id,
        },
    )
    record_of = dict(zip(mentor_ids, record_ids, strict=True))
    for field_name, (target, pairs, link_ids) in links.items():
        snapshot = HistoricalRecords.m2m_models[Mentor._meta.get_field(field_name)]
        insert_rows(
            snapshot,
            (
                {"id": link_id, "mentor_id": mentor_id, target: pk, "history_id": record_of[mentor_id]}
                for (mentor_id, pk), link_id in zip(pairs, link_ids, strict=True)
            ),
        )
