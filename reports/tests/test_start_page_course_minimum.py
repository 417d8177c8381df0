"""The start page's 'courses short of job consultants' reads the jobcenter's minimum inside its one SELECT."""

import pytest
from django_scopes import scope

from accounts.tests.factories import MembershipFactory
from courses.models import CourseSettings
from courses.tests.factories import CourseFactory
from reports import selectors

pytestmark = pytest.mark.django_db


def _item(jobcenter):
    with scope(jobcenter=jobcenter):
        return next(i for i in selectors.coordinator_todo(jobcenter=jobcenter) if i.key == "courses_short")


def _short(jobcenter) -> int:
    return _item(jobcenter).count


def test_the_jobcenters_own_minimum_decides_and_the_default_applies_without_settings(world, django_assert_num_queries):
    course = CourseFactory(jobcenter=world.jobcenter)
    course.job_consultants.add(MembershipFactory(jobcenter=world.jobcenter).user)
    # No settings row: the default minimum (2) applies, and one consultant is short.
    assert not CourseSettings.objects.filter(jobcenter=world.jobcenter).exists()
    assert _short(world.jobcenter) == 1
    # The label says the number (it once showed the SQL expression's repr).
    assert str(_item(world.jobcenter).label) == "Kommende kurser med færre end 2 jobkonsulenter"
    CourseSettings.objects.create(jobcenter=world.jobcenter, minimum_job_consultants=1)
    assert _short(world.jobcenter) == 0
    assert str(_item(world.jobcenter).label) == "Kommende kurser med færre end 1 jobkonsulenter"
    with scope(jobcenter=world.jobcenter), django_assert_num_queries(1):
        selectors.coordinator_todo(jobcenter=world.jobcenter)
