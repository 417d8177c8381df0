"""Views that show personal data in lists, registers and previews write an access-log entry with their
purpose (issue 9: every view of personal data is on record)."""

import pytest
from django.urls import reverse

from audit.models import AccessLog
from citizens.tests.factories import CitizenFactory
from courses.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _course(world):
    return {"pk": CourseFactory(jobcenter=world.jobcenter).pk}


def _citizen(world):
    return {"pk": CitizenFactory(jobcenter=world.jobcenter).pk}


CASES = [
    ("leader_a", "portal:mentors", None, "", "Virksomhedens mentorer"),
    ("leader_a", "portal:placements", None, "", "Virksomhedens forløb"),
    ("leader_a", "portal:claims", None, "", "Virksomhedens anmodninger om frikøb"),
    ("coordinator", "courses:attendance", _course, "", "Fremmøde på kursus"),
    ("coordinator", "courses:evaluations", None, "", "Kursusevalueringer"),
    ("coordinator", "courses:shadowing_list", None, "", "Følordninger for nye mentorer"),
    ("coordinator", "corps:payroll", None, "month=2026-10", "Lønopgørelse"),
    ("coordinator", "matching:preferences", _citizen, "", "Matchning af mentor"),  # logged by the citizen lookup
    ("coordinator", "companies:claim_list", None, "status=submitted", "Anmodninger om frikøb"),
]


@pytest.mark.parametrize(("role", "name", "kwargs", "query", "purpose"), CASES, ids=[case[1] for case in CASES])
def test_the_view_is_on_record(world, login, role, name, kwargs, query, purpose):
    user = getattr(world, role)
    url = reverse(name, kwargs=kwargs(world) if kwargs else None) + (f"?{query}" if query else "")
    response = login(user).get(url)
    assert response.status_code == 200
    entry = AccessLog.objects.filter(actor=user).latest("id")
    assert entry.purpose == purpose
    assert entry.jobcenter == world.jobcenter
