"""Deleting a person: afterwards no row about them remains in any table, history tables included,
checked with SQL on the tables themselves (not through the ORM's managers)."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.urls import reverse

from audit.erasure import erase_blockers, person_erase
from audit.models import ActivityLog, ArchiveHold
from audit.registry import SUBJECT_MODELS, OnErase, PersonRows, Subject, history_model
from audit.tests.people import full_citizen, full_company_mentor, full_mentor
from tests.flush import MigratedStateFlush

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]

CPR_A, CPR_B = "010190-1234", "020285-4321"
TEXT_TYPES = (models.CharField, models.TextField, models.JSONField)
# Tables without a model (Django's own bookkeeping) hold no personal data.
NO_MODEL_TABLES = {"django_migrations", "sqlite_sequence"}


def _tables_by_model():
    return {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}


def _count(sql: str, params) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def rows_naming(subject: Subject, person_id: int, generic: dict[int, set[str]], texts: list[str]) -> list[str]:
    """Every table in the database: columns pointing at the person (foreign keys, by model and by the
    database's own constraints), generic (type, id) pairs and text columns containing their data."""
    subject_model = apps.get_model(SUBJECT_MODELS[subject])
    subject_table = subject_model._meta.db_table
    by_table = _tables_by_model()
    found = []
    with connection.cursor() as cursor:
        # On SQLite the test harness keeps its copies of the migrated rows as tables (tests/flush.py); on
        # PostgreSQL they live in their own schema, which introspection does not list.
        copies = MigratedStateFlush.SQLITE_PREFIX
        tables = [t for t in connection.introspection.table_names(cursor) if not t.startswith(copies)]
        db_relations = {table: connection.introspection.get_relations(cursor, table) for table in tables}
    unknown = set(tables) - set(by_table) - NO_MODEL_TABLES
    assert not unknown, f"tables without a model: {unknown}"
    for table in tables:
        model = by_table.get(table)
        columns = set()
        for column, (_ref_column, ref_table) in db_relations[table].items():
            if ref_table == subject_table:
                columns.add(column)
        if model is not None:
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is subject_model:
                    columns.add(field.column)
            if model is subject_model or model is history_model(subject_model):
                columns.add("id")
        for column in columns:
            if _count(f"SELECT COUNT(*) FROM {_q(table)} WHERE {_q(column)} = %s", [person_id]):  # noqa: S608
                found.append(f"{table}.{column}")
        if model is None:
            continue
        names = {f.column for f in model._meta.concrete_fields}
        for type_column, id_column in (("content_type_id", "object_id"), ("about_type_id", "about_id")):
            if {type_column, id_column} <= names:
                for content_type_id, ids in generic.items():
                    placeholders = ", ".join(["%s"] * len(ids))
                    sql = (
                        f"SELECT COUNT(*) FROM {_q(table)} WHERE {_q(type_column)} = %s "  # noqa: S608
                        f"AND CAST({_q(id_column)} AS TEXT) IN ({placeholders})"
                    )
                    if _count(sql, [content_type_id, *ids]):
                        found.append(f"{table}.{id_column}")
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_TYPES):
                for text in texts:
                    sql = f"SELECT COUNT(*) FROM {_q(table)} WHERE CAST({_q(field.column)} AS TEXT) LIKE %s"  # noqa: S608
                    if _count(sql, [f"%{text}%"]):
                        found.append(f"{table}.{field.column} contains {text!r}")
    return found


def _generic_targets(subject, person) -> dict[int, set[str]]:
    found = PersonRows(subject, person)
    targets: dict[int, set[str]] = {}
    for entry, ids in found.all().items():
        if entry.on_erase == OnErase.DELETE and ids:
            content_type = ContentType.objects.get_for_model(entry.model_class)
            targets.setdefault(content_type.pk, set()).update(str(pk) for pk in ids)
    return targets


def test_after_deleting_a_citizen_no_row_about_them_remains(world):
    a = full_citizen(world, "A", CPR_A)
    b = full_citizen(world, "B", CPR_B)
    person_id = a.obj.pk
    generic = _generic_targets(Subject.CITIZEN, a.obj)
    texts = [*a.secrets, CPR_A.replace("-", "")]
    before = rows_naming(Subject.CITIZEN, person_id, generic, texts)
    assert len(before) > 30, before  # the check sees the data before the deletion
    b_before = rows_naming(Subject.CITIZEN, b.obj.pk, _generic_targets(Subject.CITIZEN, b.obj), b.secrets)

    person_erase(actor=world.coordinator, subject=Subject.CITIZEN, person=a.obj, reason="Anmodning 1. maj")

    assert rows_naming(Subject.CITIZEN, person_id, generic, texts) == []
    # The other citizen is untouched.
    b_after = rows_naming(Subject.CITIZEN, b.obj.pk, _generic_targets(Subject.CITIZEN, b.obj), b.secrets)
    assert b_after == b_before
    entry = ActivityLog.objects.get(action="audit.person.erased")
    assert entry.data == {"kind": "citizen", "id": person_id, "reason": "Anmodning 1. maj"}
    assert entry.object_repr == "" and entry.object_id == ""


def test_the_mentors_payroll_keeps_the_hours_of_a_deleted_citizen(world):
    from corps.models import HoursEntry

    a = full_citizen(world, "A", CPR_A)
    hours = HoursEntry.objects.get(citizen=a.obj)
    person_erase(actor=world.coordinator, subject=Subject.CITIZEN, person=a.obj, reason="x")
    hours.refresh_from_db()
    assert hours.citizen_id is None
    assert hours.mentee_reference == f"Slettet borger ({hours.pk})"
    assert hours.history.filter(mentee_reference__startswith="INITIALS").count() == 0


@pytest.mark.parametrize("subject", [Subject.MENTOR, Subject.COMPANY_MENTOR])
def test_after_deleting_a_mentor_no_row_about_them_remains(world, subject):
    build = full_mentor if subject == Subject.MENTOR else full_company_mentor
    a = build(world, "Aa")
    b = build(world, "Bb")
    generic = _generic_targets(subject, a.obj)
    before = rows_naming(subject, a.obj.pk, generic, a.secrets)
    assert len(before) > 10, before
    b_before = rows_naming(subject, b.obj.pk, _generic_targets(subject, b.obj), b.secrets)
    person_erase(actor=world.coordinator, subject=subject, person=a.obj, reason="Ophørt")
    assert rows_naming(subject, a.obj.pk, generic, a.secrets) == []
    assert rows_naming(subject, b.obj.pk, _generic_targets(subject, b.obj), b.secrets) == b_before


def test_a_mentor_named_in_a_citizens_agreement_cannot_be_deleted(world):
    citizen = full_citizen(world, "C", CPR_A)
    mentor = full_mentor(world, "M", with_agreement_of=None)
    from citizens.tests.factories import AgreementFactory

    AgreementFactory(citizen=citizen.obj, mentor=mentor.obj, status="draft")
    assert erase_blockers(subject=Subject.MENTOR, person=mentor.obj)
    with pytest.raises(ValidationError):
        person_erase(actor=world.coordinator, subject=Subject.MENTOR, person=mentor.obj, reason="x")
    assert type(mentor.obj).objects.filter(pk=mentor.obj.pk).exists()


def test_a_citizen_kept_for_the_archive_cannot_be_deleted_on_request(world):
    a = full_citizen(world, "A", CPR_A, hold=True)
    with pytest.raises(ValidationError):
        person_erase(actor=world.coordinator, subject=Subject.CITIZEN, person=a.obj, reason="x")
    assert ArchiveHold.objects.filter(citizen=a.obj).exists()


def test_deletion_page_needs_a_reason_and_a_confirmation(world, login):
    a = full_citizen(world, "A", CPR_A)
    client = login(world.coordinator)
    url = reverse("audit:erase", kwargs={"subject": "borger", "pk": a.obj.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Slet endeligt" in page.content.decode()
    refused = client.post(url, {"reason": "", "confirm": ""})
    assert refused.status_code == 200
    assert type(a.obj).objects.filter(pk=a.obj.pk).exists()
    done = client.post(url, {"reason": "Borgerens anmodning", "confirm": "on"})
    assert done.status_code == 302 and done["Location"] == reverse("citizens:list")
    assert not type(a.obj).objects.filter(pk=a.obj.pk).exists()


def test_caseworker_cannot_delete(world, login):
    a = full_citizen(world, "A", CPR_A)
    client = login(world.caseworker)
    url = reverse("audit:erase", kwargs={"subject": "borger", "pk": a.obj.pk})
    assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 403
    assert type(a.obj).objects.filter(pk=a.obj.pk).exists()
