"""Planning a year of courses at once from a pattern (the nth weekday of chosen months)."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from audit.services import activity_record
from courses.models import (
    Category,
    Course,
    CourseType,
)
from courses.services.course import SessionData, course_create
from mentorship.constraints import constraint_errors


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The nth (1-4) weekday (0 = Monday) of a month, or the last one when nth is 5."""
    if nth >= 5:
        last = (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


@dataclass(frozen=True)
class YearPlan:
    course_type: CourseType
    year: int
    months: Sequence[int]
    weekday: int
    nth: int
    starts_at: datetime.time
    ends_at: datetime.time
    venue: str
    capacity: int
    address: str = ""
    provider: str = ""
    themes: Sequence[str] = ()
    deadline_days: int = 14
    days: int = 1

    def dates(self) -> list[list[datetime.date]]:
        result = []
        for month in sorted(set(self.months)):
            start = nth_weekday(self.year, month, self.weekday, self.nth)
            result.append([start + datetime.timedelta(days=i) for i in range(self.days)])
        return result


@constraint_errors
@transaction.atomic
def year_plan_create(*, actor, jobcenter, plan: YearPlan, job_consultants: Iterable = ()) -> list[Course]:
    """Creates a year's courses from a pattern (e.g. network meetings on the second Tuesday of March and
    September), one per month, with the themes in order. All or nothing."""
    if not plan.months:
        raise ValidationError({"months": _("Vælg mindst én måned.")})
    consultants = list(job_consultants)
    courses = []
    category_label = Category(plan.course_type.category).label
    for index, dates in enumerate(plan.dates()):
        theme = plan.themes[index].strip() if index < len(plan.themes) else ""
        with translation.override("da"):
            month_name = formats.date_format(dates[0], "F Y")
        title = f"{plan.course_type.name}, {month_name}" + (f": {theme}" if theme else "")
        courses.append(
            course_create(
                actor=actor,
                jobcenter=jobcenter,
                data={
                    "course_type": plan.course_type,
                    "title": title[:200],
                    "theme": theme,
                    "venue": plan.venue,
                    "address": plan.address,
                    "provider": plan.provider,
                    "capacity": plan.capacity,
                    "registration_deadline": dates[0] - datetime.timedelta(days=plan.deadline_days),
                },
                sessions=[SessionData(d, plan.starts_at, plan.ends_at) for d in dates],
                job_consultants=consultants,
            )
        )
    activity_record(
        actor=actor,
        action="courses.year_plan.create",
        jobcenter=jobcenter,
        data={"type": str(category_label), "year": plan.year, "courses": [c.pk for c in courses]},
    )
    return courses
