"""Deleting a person for real: their rows and the rows' history (simple-history tables), the e-mails to
them or about their rows, the log entries about them, and the links other people's rows have to them.

Used by a coordinator's deletion on request and by the daily retention job (audit.retention). The logs
are append-only in the database; only `log_rows_delete` removes entries, with the retention setting
switched on for its own statements (SET LOCAL, so it ends with the transaction).

The rows are found and removed by their link to the person, not by jobcenter, so `erase_blockers` and
`person_erase` run with tenant scopes disabled: the caller reached the person inside its scope already
(a coordinator's request, the retention job's per-jobcenter scope), and a deletion must reach every row
that names them.
"""

from collections.abc import Iterable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from audit.export import jobcenter_of, person_email
from audit.models import AccessLog, ActivityLog, ArchiveHold
from audit.registry import (
    SUBJECT_MODELS,
    Held,
    OnErase,
    PersonRows,
    Subject,
    history_m2m_models,
    history_model,
)
from audit.services import activity_record
from mentorship.tenancy import scoped_objects

CHUNK = 500


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def log_rows_delete(model: type[models.Model], *, content_type_id: int, object_ids: Iterable[str]) -> int:
    """Removes append-only log entries about these objects. The only way past the database trigger."""
    return _log_delete(model, "content_type_id = %s AND object_id IN ({})", [content_type_id], list(object_ids))


def log_rows_delete_before(model: type[models.Model], *, jobcenter_id: int, before) -> int:
    """Removes a jobcenter's log entries older than `before` (the retention job)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        _retention_on(cursor)
        cursor.execute(f"DELETE FROM {table} WHERE jobcenter_id = %s AND at < %s", [jobcenter_id, before])  # noqa: S608
        count = cursor.rowcount
        _retention_off(cursor)
    return count


def _retention_on(cursor) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL mentorship.retention = 'on'")


def _retention_off(cursor) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL mentorship.retention = 'off'")


def _log_delete(model, where: str, params: list, object_ids: list[str]) -> int:
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        _retention_on(cursor)
        for chunk in _chunks(object_ids):
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE " + where.format(placeholders), [*params, *chunk])  # noqa: S608
            count += cursor.rowcount
        _retention_off(cursor)
    return count


@scopes_disabled()  # by the link to the person (module docstring)
def erase_blockers(*, subject: Subject, person: models.Model, found: PersonRows | None = None) -> list[str]:
    """Why the person cannot be deleted now (Danish sentences); empty when they can."""
    found = found or PersonRows(subject, person)
    reasons = []
    if subject == Subject.CITIZEN and ArchiveHold.objects.filter(citizen_id=person.pk).exists():
        reasons.append(_("Sagen er markeret til bevaring i kommunens arkiv. Fjern markeringen først."))
    for entry in found.entries:
        if entry.on_erase != OnErase.BLOCK:
            continue
        count = scoped_objects(entry.model_class).filter(found.q(entry)).count()
        if count:
            reasons.append(
                _("%(count)s %(what)s i andre personers sager nævner personen og skal bevares.")
                % {"count": count, "what": str(entry.model_class._meta.verbose_name_plural)}
            )
    return reasons


def _depth(entry: Held, owned: dict[str, Held], subject_label: str, seen=()) -> int:
    if not entry.via:
        return 0
    depths = [0]
    for name in entry.via:
        target = entry.model_class._meta.get_field(name).related_model._meta.label
        if target == entry.model or target == subject_label or target not in owned or target in seen:
            continue
        depths.append(_depth(owned[target], owned, subject_label, (*seen, entry.model)))
    return 1 + max(depths)


def _detach(found: PersonRows, entry: Held) -> None:
    model = entry.model_class
    subject_label = found.subject_label
    history = history_model(model)
    for name in entry.via:
        relation = model._meta.get_field(name)
        if relation.related_model._meta.label != subject_label:
            continue
        if relation.many_to_many:
            through = relation.remote_field.through
            target_field = next(
                f for f in through._meta.fields if f.is_relation and f.related_model._meta.label == subject_label
            )
            scoped_objects(through).filter(**{target_field.attname: found.person.pk}).delete()
            for m2m_history in history_m2m_models(model):
                for f in m2m_history._meta.fields:
                    if f.is_relation and f.related_model._meta.label == subject_label:
                        scoped_objects(m2m_history).filter(**{f.attname: found.person.pk}).delete()
            continue
        managers = [scoped_objects(model)] + ([scoped_objects(history)] if history is not None else [])
        for manager in managers:
            rows = manager.filter(**{relation.attname: found.person.pk})
            if entry.detach is None:
                rows.update(**{relation.attname: None})
                continue
            for row in rows:
                manager.filter(pk=row.pk).update(**{relation.attname: None, **entry.detach(row)})


@transaction.atomic
@scopes_disabled()  # by the link to the person (module docstring)
def person_erase(*, actor, subject: Subject, person: models.Model, reason: str) -> None:
    """Deletes the person and everything held about them (registry: audit.registry), history rows
    included, and removes other rows' links to them. Refuses (ValidationError) while erase_blockers
    names a reason. Logs one ActivityLog entry with the kind, id and reason only, never a name."""
    found = PersonRows(subject, person)
    blockers = erase_blockers(subject=subject, person=person, found=found)
    if blockers:
        raise ValidationError(blockers)
    jobcenter = jobcenter_of(person)
    person_id = person.pk
    email = person_email(person)
    all_ids = found.all()
    owned = {entry.model: entry for entry in found.entries if entry.on_erase == OnErase.DELETE}

    # What points at the person's rows generically: e-mails about them, log entries, admin log.
    targets: list[tuple[int, list[str]]] = []
    for entry, ids in all_ids.items():
        if entry.on_erase == OnErase.DELETE and ids:
            content_type = ContentType.objects.get_for_model(entry.model_class)
            targets.append((content_type.pk, [str(pk) for pk in sorted(ids)]))
    _messages_delete(jobcenter=jobcenter, email=email, targets=targets)
    for content_type_id, object_ids in targets:
        log_rows_delete(AccessLog, content_type_id=content_type_id, object_ids=object_ids)
        log_rows_delete(ActivityLog, content_type_id=content_type_id, object_ids=object_ids)
        for chunk in _chunks(object_ids):
            LogEntry.objects.filter(content_type_id=content_type_id, object_id__in=chunk).delete()

    for entry in found.entries:
        if entry.on_erase in (OnErase.DETACH, OnErase.BLOCK):
            _detach(found, entry)

    subject_label = SUBJECT_MODELS[subject]
    ordered = sorted(owned.values(), key=lambda e: _depth(e, owned, subject_label), reverse=True)
    for entry in ordered:
        model = entry.model_class
        ids = sorted(all_ids[entry])
        for f in model._meta.concrete_fields:
            # A chain of the person's own rows (a renewed agreement) is protected against itself.
            if f.is_relation and f.related_model is model and f.remote_field.on_delete is models.PROTECT:
                for chunk in _chunks(ids):
                    scoped_objects(model).filter(pk__in=chunk).update(**{f.attname: None})
        for chunk in _chunks(ids):
            scoped_objects(model).filter(pk__in=chunk).delete()
    # Deleting writes a last history row per row ("-"): the history goes after the rows.
    for entry in ordered:
        history = history_model(entry.model_class)
        if history is None:
            continue
        ids = sorted(all_ids[entry])
        for chunk in _chunks(ids):
            scoped_objects(history).filter(id__in=chunk).delete()

    activity_record(
        actor=actor,
        action="audit.person.erased",
        jobcenter=jobcenter,
        data={"kind": str(subject), "id": person_id, "reason": reason},
    )


def _messages_delete(*, jobcenter, email: str, targets: list[tuple[int, list[str]]]) -> None:
    from notifications.models import Message

    if email:
        Message.objects.filter(jobcenter=jobcenter, recipient_email__iexact=email).delete()
    for content_type_id, object_ids in targets:
        for chunk in _chunks([int(pk) for pk in object_ids]):
            Message.objects.filter(about_type_id=content_type_id, about_id__in=chunk).delete()
