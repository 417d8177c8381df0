"""Courses and their session days."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from courses.models.vocabulary import CourseType


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    CANCELLED = "cancelled", _("Aflyst")


class Course(models.Model):
    """One course or meeting: a type, one or more session days, a place, seats and a deadline.

    `uid` is the stable iCalendar UID; `sequence` is raised on every change participants must see
    (time, place, cancellation), so calendar programs replace the earlier invitation."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="courses", verbose_name=_("jobcenter")
    )
    course_type = models.ForeignKey(
        CourseType, on_delete=models.PROTECT, related_name="courses", verbose_name=_("kursustype")
    )
    title = models.CharField(_("titel"), max_length=200)
    theme = models.CharField(
        _("tema"), max_length=200, blank=True, help_text=_("Fx konflikthåndtering eller misbrugsproblematik.")
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    venue = models.CharField(_("sted"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    provider = models.CharField(_("udbyder"), max_length=200, blank=True, help_text=_("Fx MENTOR company A/S."))
    capacity = models.PositiveSmallIntegerField(
        _("antal pladser"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    registration_deadline = models.DateField(_("tilmeldingsfrist"))
    job_consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="courses_attending", verbose_name=_("jobkonsulenter med")
    )
    status = models.CharField(_("status"), max_length=20, choices=CourseStatus.choices, default=CourseStatus.PLANNED)
    cancel_reason = models.TextField(_("begrundelse for aflysning"), blank=True)
    uid = models.UUIDField(_("kalender-id"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0)
    first_day = models.DateField(_("første dag"), null=True, blank=True, editable=False)
    last_day = models.DateField(_("sidste dag"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords(m2m_fields=[job_consultants])

    class Meta:
        verbose_name = _("kursus eller møde")
        verbose_name_plural = _("kurser og møder")
        ordering = ["first_day", "title", "id"]
        indexes = [models.Index(fields=["jobcenter", "first_day"], name="course_jc_first_day")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CourseStatus.values), name="course_status_valid"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="course_capacity_positive"),
            models.CheckConstraint(
                condition=Q(status=CourseStatus.CANCELLED) | Q(cancel_reason=""), name="course_reason_only_cancelled"
            ),
            models.CheckConstraint(
                condition=Q(first_day__isnull=True) | Q(registration_deadline__lte=F("first_day")),
                name="course_deadline_before_start",
                violation_error_message=_("Tilmeldingsfristen skal ligge senest på første kursusdag."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == CourseStatus.CANCELLED


class Session(models.Model):
    """One day of a course, with start and end time (evenings and weekends are allowed)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("kursus"))
    date = models.DateField(_("dato"))
    starts_at = models.TimeField(_("fra kl."))
    ends_at = models.TimeField(_("til kl."))

    objects = ScopedManager(jobcenter="course__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kursusdag")
        verbose_name_plural = _("kursusdage")
        ordering = ["date", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "date"],
                name="session_one_per_day",
                violation_error_message=_("Kurset har allerede en dag på den dato."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("Sluttidspunktet skal ligge efter starttidspunktet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5

    @property
    def is_evening(self) -> bool:
        return self.starts_at.hour >= 16
