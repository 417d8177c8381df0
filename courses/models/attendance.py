"""After the course days: attendance, evaluations and shadowing periods."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from courses.models.course import Session
from courses.models.registration import Registration


class Attendance(models.Model):
    """Whether a registered participant was present on one session day."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("tilmelding")
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("dag"))
    present = models.BooleanField(_("mødt"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now)

    objects = ScopedManager(jobcenter="session__course__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.registration.name} {self.session}"


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """A participant's evaluation after the course: three scores from 1 to 5 and comments."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("tilmelding")
    )
    overall = models.PositiveSmallIntegerField(_("samlet vurdering"), validators=SCORE_VALIDATORS)
    relevance = models.PositiveSmallIntegerField(_("indholdets relevans"), validators=SCORE_VALIDATORS)
    usefulness = models.PositiveSmallIntegerField(_("kan bruges i praksis"), validators=SCORE_VALIDATORS)
    comments = models.TextField(_("kommentarer"), blank=True)
    submitted_at = models.DateTimeField(_("indsendt"), default=timezone.now)

    objects = ScopedManager(jobcenter="registration__course__jobcenter")

    class Meta:
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5)
                & Q(relevance__gte=1, relevance__lte=5)
                & Q(usefulness__gte=1, usefulness__lte=5),
                name="evaluation_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return str(self.registration)


class Shadowing(models.Model):
    """A new mentor follows an experienced one for a start-up period (both corps or both company mentors)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="shadowings", verbose_name=_("jobcenter")
    )
    new_corps_mentor = models.ForeignKey(
        "corps.Mentor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shadowing_periods",
        verbose_name=_("ny mentor (korps)"),
    )
    experienced_corps_mentor = models.ForeignKey(
        "corps.Mentor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shadowed_periods",
        verbose_name=_("erfaren mentor (korps)"),
    )
    new_company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shadowing_periods",
        verbose_name=_("ny virksomhedsmentor"),
    )
    experienced_company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shadowed_periods",
        verbose_name=_("erfaren virksomhedsmentor"),
    )
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til og med"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("følgeordning")
        verbose_name_plural = _("følgeordninger")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(new_corps_mentor__isnull=False, experienced_corps_mentor__isnull=False)
                    & Q(new_company_mentor__isnull=True, experienced_company_mentor__isnull=True)
                )
                | (
                    Q(new_company_mentor__isnull=False, experienced_company_mentor__isnull=False)
                    & Q(new_corps_mentor__isnull=True, experienced_corps_mentor__isnull=True)
                ),
                name="shadowing_pair_of_one_kind",
            ),
            models.CheckConstraint(
                condition=~Q(new_corps_mentor=F("experienced_corps_mentor")) | Q(new_corps_mentor__isnull=True),
                name="shadowing_corps_not_self",
            ),
            models.CheckConstraint(
                condition=~Q(new_company_mentor=F("experienced_company_mentor")) | Q(new_company_mentor__isnull=True),
                name="shadowing_company_not_self",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="shadowing_ends_after_start",
                violation_error_message=_("Perioden skal slutte efter, den begynder."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.new_name} → {self.experienced_name}"

    @property
    def new_name(self) -> str:
        mentor = self.new_corps_mentor or self.new_company_mentor
        return mentor.full_name if mentor else ""

    @property
    def experienced_name(self) -> str:
        mentor = self.experienced_corps_mentor or self.experienced_company_mentor
        return mentor.full_name if mentor else ""
