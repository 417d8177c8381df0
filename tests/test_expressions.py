"""mentorship.expressions: InIds filters exactly the rows `__in` does, on PostgreSQL written with an array."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corps.models import HoursEntry, Mentor
from corps.tests.factories import HoursEntryFactory, MentorFactory
from mentorship.expressions import InIds

pytestmark = pytest.mark.django_db


def test_in_ids_selects_the_rows_of_the_ids(world):
    chosen = MentorFactory.create_batch(2, jobcenter=world.jobcenter, full_name="Valgt")
    other = MentorFactory(jobcenter=world.jobcenter, full_name="Anden")
    for mentor in (*chosen, other, chosen[0]):
        HoursEntryFactory(mentor=mentor)
    ids = Mentor.objects.filter(full_name="Valgt").order_by("full_name").values("pk")

    with CaptureQueriesContext(connection) as queries:
        found = sorted(HoursEntry.objects.filter(InIds("mentor_id", ids)).order_by().values_list("pk", flat=True))

    assert found == sorted(HoursEntry.objects.filter(mentor__in=ids).values_list("pk", flat=True))
    assert len(found) == 3
    sql = queries.captured_queries[0]["sql"]
    assert ("= ANY(ARRAY(SELECT" if connection.vendor == "postgresql" else " IN (SELECT") in sql
    assert "ORDER BY" not in sql  # the ids' own ordering is dropped
    assert not HoursEntry.objects.filter(InIds("mentor_id", Mentor.objects.none().values("pk"))).exists()
