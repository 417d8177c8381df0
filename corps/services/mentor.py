"""The corps' vocabulary, applications (the public form) and the coordinator's mentor profiles."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from corps.message_kinds import APPLICATION_RECEIVED
from corps.models import (
    Competence,
    Language,
    Mentor,
    MentorNote,
    MentorStatusEvent,
    Source,
)
from corps.services._common import S, _check_vocabulary, _full_clean
from corps.vocabulary import seed_competences
from mentorship.constraints import constraint_errors
from notifications.services import message_enqueue

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


@transaction.atomic
def competences_defaults_ensure(*, actor, jobcenter) -> int:
    """Gives a jobcenter the default competence list (only the missing ones). Returns how many were added.

    Call it when a jobcenter is created; seed_demo calls it for the demo jobcenters."""
    added = seed_competences(jobcenter=jobcenter, competence_model=Competence)
    if added:
        activity_record(actor=actor, action="corps.competence.seed", jobcenter=jobcenter, data={"added": added})
    return added


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
