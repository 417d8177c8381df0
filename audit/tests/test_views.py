import pytest
from django.urls import reverse

from audit.models import AccessAction, AccessLog, ActivityLog, ArchiveHold, RetentionRule
from audit.services import retention_defaults_ensure
from citizens.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _log_many(world, citizen, n: int):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(citizen)
    AccessLog.objects.bulk_create(
        AccessLog(
            jobcenter=world.jobcenter,
            actor=world.caseworker,
            actor_label=str(world.caseworker),
            action=AccessAction.VIEW,
            purpose="Borgerens sag",
            content_type=content_type,
            object_id=str(citizen.pk),
            object_repr=citizen.name,
        )
        for _ in range(n)
    )


def test_person_access_log_shows_who_looked_and_when(world, login, django_assert_max_num_queries):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    other = CitizenFactory(jobcenter=world.jobcenter, name="Anden Borger")
    _log_many(world, citizen, 60)
    _log_many(world, other, 3)
    client = login(world.coordinator)
    url = reverse("audit:person_access_log", kwargs={"subject": "borger", "pk": citizen.pk})
    # A first view of a page that logs nothing stamps the test login's session (a real login does that itself).
    assert client.get(reverse("inbox:list")).status_code == 200
    with django_assert_max_num_queries(4):
        response = client.get(url)
    body = response.content.decode()
    assert body.count(str(world.caseworker)) == 50  # one page
    assert "Anden Borger" not in body
    assert AccessLog.objects.filter(actor=world.coordinator, object_id=str(citizen.pk)).count() == 1


def test_access_log_search_filters_and_is_itself_logged(world, login, django_assert_max_num_queries):
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Søgbar Borgersen")
    _log_many(world, citizen, 60)
    AccessLog.objects.create(
        jobcenter=world.other_jobcenter, action=AccessAction.VIEW, purpose="x", object_repr="Søgbar Borgersen"
    )
    client = login(world.jobcenter_admin)
    url = reverse("audit:access_log")
    # A first view of a page that logs nothing stamps the test login's session (a real login does that itself).
    assert client.get(reverse("inbox:list")).status_code == 200
    with django_assert_max_num_queries(5):
        response = client.get(url, {"q": "Søgbar", "action": "view", "actor": world.caseworker.pk})
    assert response.status_code == 200
    assert response.content.decode().count("Søgbar Borgersen") == 50
    entry = AccessLog.objects.filter(actor=world.jobcenter_admin).get()
    assert entry.action == AccessAction.SEARCH and "q=Søgbar" in entry.criterion
    empty = client.get(url, {"actor": world.coordinator.pk})
    assert "Ingen poster" in empty.content.decode()


def test_overview_lists_holdings_periods_and_archived_cases(world, login, django_assert_max_num_queries):
    for i in range(20):
        citizen = CitizenFactory(jobcenter=world.jobcenter, name=f"Arkivborger {i}")
        ArchiveHold.objects.create(
            jobcenter=world.jobcenter, citizen=citizen, reason="Arkivloven", set_by=world.coordinator
        )
    client = login(world.coordinator)
    # A first view of a page that logs nothing stamps the test login's session (a real login does that itself).
    assert client.get(reverse("inbox:list")).status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(reverse("audit:overview"))
    body = response.content.decode()
    assert "60 måneder" in body and "Arkivborger 19" in body
    caseworker = login(world.caseworker).get(reverse("audit:overview")).content.decode()
    assert "Arkivborger" not in caseworker


def test_admin_sets_retention_periods(world, login):
    retention_defaults_ensure(jobcenter=world.jobcenter)
    client = login(world.jobcenter_admin)
    url = reverse("audit:retention_edit")
    data = {f"{kind}-months": months for kind, months in [("citizen_ended", 36), ("mentor_rejected", 3)]}
    data |= {"access_log-months": 24, "outbox_message-months": 0}
    assert client.post(url, data).status_code == 200  # 0 is refused
    data["outbox_message-months"] = 12
    assert client.post(url, data).status_code == 302
    rules = dict(RetentionRule.objects.filter(jobcenter=world.jobcenter).values_list("kind", "months"))
    assert rules["citizen_ended"] == 36 and rules["mentor_rejected"] == 3
    assert ActivityLog.objects.filter(action="audit.retention_rule.updated").count() == 2


def test_coordinator_marks_and_unmarks_a_case_for_the_archive(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    url = reverse("audit:archive_hold", kwargs={"pk": citizen.pk})
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Principiel sag"}).status_code == 302
    assert ArchiveHold.objects.get(citizen=citizen).reason == "Principiel sag"
    assert "Sagen bevares til arkiv" in client.get(url).content.decode()
    assert client.post(url, {"clear": "1"}).status_code == 302
    assert not ArchiveHold.objects.filter(citizen=citizen).exists()
