import io

import pytest
from django.utils import timezone

from accounts.demo import seed_accounts
from companies import demo as companies_demo
from corps import demo as corps_demo
from corps.models import Qualification
from courses import demo
from courses.models import Attendance, Course, Evaluation, Registration

pytestmark = pytest.mark.django_db


def test_seed_has_last_and_next_years_courses_and_is_idempotent():
    seed_accounts()
    companies_demo.seed(stdout=io.StringIO())
    corps_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    counts = (Course.objects.count(), Registration.objects.count(), Attendance.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Course.objects.count(), Registration.objects.count(), Attendance.objects.count()) == counts
    year = timezone.localdate().year
    for slug in ("favrskov", "kalundborg"):
        courses = Course.objects.filter(jobcenter__slug=slug)
        assert courses.filter(first_day__year=year - 1).exists() and courses.filter(first_day__year=year + 1).exists()
        assert courses.filter(course_type__category="network_meeting", first_day__year=year + 1).count() >= 2
    assert Registration.objects.filter(status="waiting").exists()
    assert Registration.objects.filter(completed_on__isnull=False).exists()
    assert Attendance.objects.filter(present=False).exists()
    assert Qualification.objects.filter(source="courses").exists()
    assert Evaluation.objects.exists()
