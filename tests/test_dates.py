"""Plausible dates everywhere: every date field of every form and filter in the product holds its value to
a plausible range (mentorship.dates), and a date far outside it is a Danish form error, never a 500."""

import datetime
import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.models import Course
from courses.tests.factories import CourseTypeFactory, in_days
from mentorship.dates import BIRTH, EVENT, PLAN, PlausibleDateValidator, has_plausible_range

SKIPPED_PACKAGES = {"tests", "migrations", "management", "__main__"}


def _product_modules():
    """Every module of the project's own apps (not tests, migrations or commands)."""
    for app in apps.get_app_configs():
        if not app.path.startswith(str(settings.BASE_DIR)) or "/.venv/" in app.path:
            continue
        package = importlib.import_module(app.name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app.name}."):
            if SKIPPED_PACKAGES & set(info.name.split(".")):
                continue
            yield importlib.import_module(info.name)


def _date_fields():
    """(where, form field) for every date or datetime field declared by a form or filter in the product."""
    seen = set()
    for module in _product_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls in seen or not cls.__module__.startswith(module.__name__.split(".")[0]):
                continue
            seen.add(cls)
            if issubclass(cls, forms.BaseForm):
                for name, field in cls.base_fields.items():
                    if isinstance(field, (forms.DateField, forms.DateTimeField)):
                        yield f"{cls.__module__}.{cls.__name__}.{name}", field
            elif issubclass(cls, django_filters.FilterSet):
                for name, flt in cls.base_filters.items():
                    if issubclass(flt.field_class, (forms.DateField, forms.DateTimeField)):
                        yield f"{cls.__module__}.{cls.__name__}.{name}", flt.field


def _admin_date_fields():
    """(where, form field) for every date or datetime field of our Django admin forms and inline forms
    (third-party admins, such as django-otp's devices, are the platform operator's and keep their rules)."""
    ours = {module.__name__ for module in _product_modules() if "." not in module.__name__}
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if type(model_admin).__module__.split(".")[0] not in ours:
            continue
        form_classes = [(model._meta.label, model_admin.get_form(request))]
        form_classes += [
            (f"{model._meta.label} inline {inline.model._meta.label}", inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for where, form_class in form_classes:
            for name, field in form_class.base_fields.items():
                if isinstance(field, (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)):
                    yield f"admin {where}.{name}", field


def test_every_date_field_in_the_product_has_a_plausible_range():
    fields = dict(_date_fields())
    # The walk finds the forms (a walk that found nothing would pass for nothing).
    assert {"courses.forms.NewCourseForm.first_day", "citizens.forms.CitizenForm.referred_on"} <= set(fields)
    assert len(fields) >= 40
    missing = sorted(where for where, field in fields.items() if not has_plausible_range(field))
    assert missing == []


def test_every_date_field_in_django_admin_has_a_plausible_range():
    fields = dict(_admin_date_fields())
    assert {"admin citizens.Citizen.referred_on", "admin courses.Course inline courses.Session.date"} <= set(fields)
    missing = sorted(where for where, field in fields.items() if not has_plausible_range(field))
    assert missing == []
    with pytest.raises(ValidationError):
        fields["admin citizens.Citizen.referred_on"].clean("9999-12-31")


@pytest.mark.parametrize(
    ("form_path", "field", "value"),
    [
        ("citizens.forms.CitizenForm", "referred_on", "1900-01-01"),
        ("citizens.forms.CitizenForm", "referred_on", "9999-12-31"),
        ("corps.forms.MentorForm", "contract_start", "9999-01-01"),
        ("courses.forms.CourseForm", "registration_deadline", "1900-06-01"),
        ("courses.forms.NewCourseForm", "first_day", "9999-12-31"),
        ("corps.forms.InterviewForm", "happens_at", "9999-12-31T10:00"),
    ],
)
def test_the_reported_dates_are_refused_with_a_danish_message(form_path, field, value):
    module, name = form_path.rsplit(".", 1)
    form_class = getattr(importlib.import_module(module), name)
    with pytest.raises(ValidationError) as raised:
        form_class.base_fields[field].clean(value)
    assert [error.code for error in raised.value.error_list] == ["implausible_date"]
    assert raised.value.messages[0].startswith("Datoen skal ligge mellem ")


def test_ranges_per_kind():
    today = timezone.localdate()
    assert PLAN.bounds(today) == (datetime.date(1950, 1, 1), today.replace(year=today.year + 10))
    assert EVENT.bounds(datetime.date(2028, 2, 29)) == (datetime.date(1950, 1, 1), datetime.date(2029, 2, 28))
    assert BIRTH.bounds(today) == (datetime.date(1900, 1, 1), today)
    plan = PlausibleDateValidator(PLAN)
    for fine in (datetime.date(1950, 1, 1), today, PLAN.bounds()[1]):
        plan(fine)
    for wrong in (datetime.date(1949, 12, 31), PLAN.bounds()[1] + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            plan(wrong)
    with pytest.raises(ValidationError) as raised:
        PlausibleDateValidator(BIRTH)(today + datetime.timedelta(days=1))
    assert raised.value.messages == [f"Datoen skal ligge mellem 1. januar 1900 og {_danish(today)}."]


def _danish(day: datetime.date) -> str:
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober"]
    months += ["november", "december"]
    return f"{day.day}. {months[day.month - 1]} {day.year}"


def test_a_course_starting_9999_12_31_is_a_form_error_not_a_500(world, login):
    client = login(world.coordinator)
    data = {
        "course_type": CourseTypeFactory(jobcenter=world.jobcenter).pk,
        "title": "Mentorkursus",
        "venue": "Rådhuset",
        "capacity": 20,
        "registration_deadline": in_days(5).isoformat(),
        "first_day": "9999-12-31",
        "days": 2,
        "starts_at": "09:00",
        "ends_at": "15:30",
        "job_consultants": [world.coordinator.pk],
    }
    response = client.post(reverse("courses:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["first_day"][0].startswith("Datoen skal ligge mellem 1. januar 1950 og ")
    assert not Course.objects.exists()
