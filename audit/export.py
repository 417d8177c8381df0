"""The subject-access export (GDPR art. 15): everything held about one person, read from the registry
(audit.registry), with the history of every row, the e-mails sent to them and the access-log entries
about them (dates and purposes, never the staff member's name).

This is the one place a CPR number and sensitive notes leave the product: it is the person's own data.
The number of queries depends on the number of models, never on the number of rows.

The rows are read by their link to the person, as audit.registry finds them, and the labels of what they
point at as Django's related-object access reads them: with tenant scopes disabled. The caller reached
the person inside its scope already.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from audit.models import AccessLog
from audit.registry import SUBJECT_LABELS, Held, PersonRows, Subject, history_model
from mentorship.numbers import dk_number
from mentorship.tenancy import scoped_objects

# Never exported: keys and tokens (not information about the person), and columns every row repeats.
EXCLUDED_FIELDS = {"cpr_hash", "cpr_encrypted", "token_hash", "jobcenter", "idempotency_key"}
HISTORY_TYPES = {"+": gettext_lazy("Oprettet"), "~": gettext_lazy("Ændret"), "-": gettext_lazy("Slettet")}


@dataclass
class Table:
    columns: list[tuple[str, str]]  # (field name, Danish label)
    rows: list[list[str]] = field(default_factory=list)

    def as_dicts(self) -> list[dict]:
        names = [name for name, _label in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def labelled_rows(self) -> list[list[tuple[str, str]]]:
        labels = [label for _name, label in self.columns]
        return [list(zip(labels, row, strict=True)) for row in self.rows]


@dataclass
class Section:
    key: str
    title: str
    purpose: str
    current: Table
    history: Table | None


@dataclass
class SubjectExport:
    subject: Subject
    person_id: int
    person_name: str
    jobcenter: str
    generated_at: datetime.datetime
    sections: list[Section]
    messages: Table
    access_log: Table

    @property
    def subject_label(self) -> str:
        return str(SUBJECT_LABELS[self.subject])

    def as_json(self) -> str:
        data = {
            "art": "GDPR artikel 15",
            "subject": {"kind": str(self.subject), "label": self.subject_label, "id": self.person_id},
            "name": self.person_name,
            "jobcenter": self.jobcenter,
            "generated_at": self.generated_at.isoformat(),
            "records": [
                {
                    "model": section.key,
                    "title": section.title,
                    "purpose": section.purpose,
                    "fields": dict(section.current.columns),
                    "rows": section.current.as_dicts(),
                    "history": section.history.as_dicts() if section.history else [],
                }
                for section in self.sections
            ],
            "messages": self.messages.as_dicts(),
            "access_log": self.access_log.as_dicts(),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), r"j. F Y \k\l. H.i")
    if isinstance(value, datetime.date):
        return date_format(value, "j. F Y")
    if isinstance(value, Decimal):
        return dk_number(value.normalize())  # 40, 7,5, 1.234,25: as the product writes numbers everywhere
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _fields(model: type[models.Model], entry: Held) -> list[models.Field]:
    concrete = [f for f in model._meta.concrete_fields if f.name not in EXCLUDED_FIELDS]
    if entry.fields is not None:
        by_name = {f.name: f for f in concrete}
        return [by_name[name] for name in entry.fields if name in by_name]
    return concrete


class _Labels:
    """str() of the rows foreign keys point at, fetched once per related model."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.labels: dict[type[models.Model], dict] = {}

    def want(self, model, value):
        if value is not None:
            self.wanted.setdefault(model, set()).add(value)

    def load(self):
        for model, ids in self.wanted.items():
            related = [f.name for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
            queryset = scoped_objects(model).filter(pk__in=ids).select_related(*related)
            self.labels[model] = {obj.pk: str(obj) for obj in queryset}

    def get(self, model, value) -> str:
        if value is None:
            return ""
        return self.labels.get(model, {}).get(value, _("nr. %(id)s (slettet)") % {"id": value})


def _table(rows, fields: list[models.Field], labels: _Labels, extra: list[tuple[str, str]] = ()) -> Table:
    """Rows as Danish text; foreign keys are collected first and resolved in one query per model."""
    raw = []
    for row in rows:
        values = []
        for f in fields:
            value = getattr(row, f.attname)
            if f.is_relation:
                labels.want(f.related_model, value)
            values.append((f, value))
        raw.append((row, values))
    return Table(columns=[(f.name, str(f.verbose_name)) for f in fields] + list(extra), rows=raw)  # type: ignore[arg-type]


def _render(table: Table, labels: _Labels, extra_values=None) -> None:
    rendered = []
    for row, values in table.rows:
        texts = []
        for f, value in values:
            if f.is_relation:
                texts.append(labels.get(f.related_model, value))
            elif f.choices:
                texts.append(_text(dict(f.flatchoices).get(value, value)))
            else:
                texts.append(_text(value))
        if extra_values is not None:
            texts.extend(extra_values(row))
        rendered.append(texts)
    table.rows = rendered


def _history_extra(row) -> list[str]:
    return [_text(row.history_date), str(HISTORY_TYPES.get(row.history_type, row.history_type))]


def _citizen_extra(citizen) -> list[str]:
    from citizens.selectors import cpr_reveal

    return [cpr_reveal(citizen=citizen)]


def jobcenter_of(person):
    return person.company.jobcenter if hasattr(person, "company") else person.jobcenter


@scopes_disabled()  # by the link to the person (module docstring)
def subject_export(*, subject: Subject, person: models.Model) -> SubjectExport:
    """Everything held about `person` (a Citizen, Mentor or CompanyMentor) and nothing about anyone else:
    rows found through the registry only, fields narrowed where a row is shared with another person."""
    found = PersonRows(subject, person)
    labels = _Labels()
    pending: list[tuple[Held, Table, Table | None, bool]] = []
    for entry in found.entries:
        if not entry.export:
            continue
        ids = found.ids(entry)
        model = entry.model_class
        fields = _fields(model, entry)
        is_person = found.is_subject(entry)
        extra = [("cpr_number", _("CPR-nummer"))] if is_person and subject == Subject.CITIZEN else []
        live = scoped_objects(model).filter(pk__in=ids).order_by("pk")
        current = _table(live, fields, labels, extra)
        history = None
        history_cls = history_model(model)
        if history_cls is not None:
            hist_rows = scoped_objects(history_cls).filter(id__in=ids).order_by("id", "history_date", "history_id")
            history_fields = [history_cls._meta.get_field(f.name) for f in fields if _has(history_cls, f.name)]
            history = _table(
                hist_rows, history_fields, labels, [("history_date", _("Tidspunkt")), ("history_type", _("Ændring"))]
            )
        pending.append((entry, current, history, bool(extra)))
    labels.load()
    sections = []
    for entry, current, history, with_cpr in pending:
        _render(current, labels, _citizen_extra if with_cpr else None)
        if history is not None:
            _render(history, labels, _history_extra)
        sections.append(
            Section(key=entry.model, title=entry.title, purpose=str(entry.purpose), current=current, history=history)
        )
    return SubjectExport(
        subject=subject,
        person_id=person.pk,
        person_name=str(person),
        jobcenter=str(jobcenter_of(person)),
        generated_at=timezone.now(),
        sections=sections,
        messages=_messages(person),
        access_log=_access_log(found),
    )


def _has(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:  # excluded from the history (e.g. a token)
        return False
    return True


def person_email(person) -> str:
    return (getattr(person, "email", "") or "").strip()


def _messages(person) -> Table:
    from notifications.models import Message

    table = Table(
        columns=[
            ("created_at", _("Oprettet")),
            ("sent_at", _("Sendt")),
            ("status", _("Status")),
            ("subject", _("Emne")),
            ("body_text", _("Tekst")),
        ]
    )
    email = person_email(person)
    if not email:
        return table
    rows = Message.objects.filter(jobcenter=jobcenter_of(person), recipient_email__iexact=email).order_by("created_at")
    for message in rows.only("created_at", "sent_at", "status", "subject", "body_text", "kind"):
        table.rows.append(
            [
                _text(message.created_at),
                _text(message.sent_at),
                message.get_status_display(),
                message.subject or message.kind,
                message.body_text,
            ]
        )
    return table


def access_log_q(found: PersonRows) -> Q:
    """Access-log entries about the person or one of the rows held as theirs."""
    query = Q(pk__in=[])
    for entry in found.entries:
        if entry.on_erase != "delete":
            continue
        ids = found.ids(entry)
        if ids:
            content_type = ContentType.objects.get_for_model(entry.model_class)
            query |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    return query


def _access_log(found: PersonRows) -> Table:
    table = Table(columns=[("at", _("Tidspunkt")), ("action", _("Handling")), ("purpose", _("Formål"))])
    # Without the staff member's name: the person learns when and why, not who.
    for entry in AccessLog.objects.filter(access_log_q(found)).only("at", "action", "purpose").order_by("at", "id"):
        table.rows.append([_text(entry.at), entry.get_action_display(), entry.purpose])
    return table
