"""Importing a corps from CSV."""

from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from audit.services import activity_record
from corps.bulk import insert_rows
from corps.csv_import import ImportResult, MentorImporter, RowError, decode
from corps.models import (
    Mentor,
    MentorStatusEvent,
)


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
