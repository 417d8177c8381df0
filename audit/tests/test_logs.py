import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory

from audit.models import AccessAction, AccessLog, ActivityLog, AppendOnlyError
from audit.services import access_record, activity_record

pytestmark = pytest.mark.django_db


def test_access_record_names_who_what_and_why(world):
    request = RequestFactory().get("/borgere/1/?fane=noter")
    request.user = world.coordinator
    request.jobcenter = world.jobcenter
    entry = access_record(request=request, action=AccessAction.VIEW, purpose="Sagsbehandling", obj=world.company_a)
    assert entry.actor == world.coordinator
    assert entry.actor_label == world.coordinator.full_name
    assert entry.jobcenter == world.jobcenter
    assert entry.object_id == str(world.company_a.pk)
    assert entry.object_repr == world.company_a.name
    assert entry.path == "/borgere/1/?fane=noter"


def test_search_criterion_is_logged(world):
    request = RequestFactory().get("/")
    request.user = world.coordinator
    request.jobcenter = world.jobcenter
    entry = access_record(request=request, action=AccessAction.SEARCH, purpose="Søgning", criterion="navn=Jensen")
    assert entry.criterion == "navn=Jensen"
    assert entry.content_type is None


def test_logs_cannot_be_changed_or_deleted_through_the_orm(world):
    entry = activity_record(actor=world.coordinator, action="companies.company.updated", obj=world.company_a)
    assert entry.jobcenter == world.jobcenter
    entry.action = "companies.company.created"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        ActivityLog.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["audit_accesslog", "audit_activitylog"])
def test_database_refuses_update_and_delete(world, table):
    activity_record(actor=world.coordinator, action="companies.company.updated", obj=world.company_a)
    request = RequestFactory().get("/")
    request.user = world.coordinator
    request.jobcenter = world.jobcenter
    access_record(request=request, action=AccessAction.VIEW, purpose="Test", obj=world.company_a)
    for statement in (f"UPDATE {table} SET object_repr = 'x'", f"DELETE FROM {table}"):  # noqa: S608
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


@pytest.mark.postgres
def test_retention_job_may_delete_with_its_setting(world):
    activity_record(actor=world.coordinator, action="companies.company.updated", obj=world.company_a)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL mentorship.retention = 'on'")
        cursor.execute("DELETE FROM audit_activitylog")
    assert ActivityLog.objects.count() == 0
