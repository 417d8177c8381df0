"""A new jobcenter gets the default competence list: JobcenterAdmin.save_model calls
accounts.services.jobcenter_defaults_ensure, which runs settings.JOBCENTER_DEFAULTS, among them
corps.services.competences_defaults_ensure. This documents the call site from the corps side."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Jobcenter
from audit.models import ActivityLog
from corps.models import Competence
from corps.vocabulary import DEFAULT_COMPETENCES

pytestmark = pytest.mark.django_db


def test_corps_defaults_are_registered_for_new_jobcenters():
    assert "corps.services.competences_defaults_ensure" in settings.JOBCENTER_DEFAULTS


def test_jobcenter_added_in_django_admin_gets_the_default_competences(world, login):
    client = login(world.superuser)
    response = client.post(
        reverse("admin:accounts_jobcenter_add"),
        {"name": "Jobcenter Skive", "municipality_code": "779", "slug": "skive", "is_active": "on"},
    )
    assert response.status_code == 302
    jobcenter = Jobcenter.objects.get(slug="skive")
    names = list(Competence.objects.filter(jobcenter=jobcenter).values_list("name", flat=True))
    assert names == [name for name, _description in DEFAULT_COMPETENCES]
    entry = ActivityLog.objects.get(action="corps.competence.seed", jobcenter=jobcenter)
    assert (entry.actor, entry.data) == (world.superuser, {"added": len(DEFAULT_COMPETENCES)})
