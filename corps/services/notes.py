"""Notes on a mentor and their qualifications."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from corps.models import (
    Mentor,
    MentorNote,
    Qualification,
)
from mentorship.constraints import constraint_errors


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
