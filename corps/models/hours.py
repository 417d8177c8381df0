"""Hours a corps mentor registers, and their approval."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from corps.models.mentor import Mentor
from mentorship.tenancy import UnscopedManager


class HoursStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Indtastet")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")


class HoursEntry(models.Model):
    """Hours a mentor spent with one mentee in one week (week = its Monday), entered by a coordinator."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="hours", verbose_name=_("mentor"))
    week = models.DateField(_("uge (mandag)"))
    # The citizen the hours were spent with. SET_NULL: payroll history outlives a citizen's record
    # (retention); the reference then still names the mentee for the paid month.
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_hours",
        verbose_name=_("borger"),
    )
    # A short reference (initials or a case reference, never a CPR number) when no citizen record is
    # linked, e.g. for hours imported from before the product was used.
    mentee_reference = models.CharField(_("borger (reference)"), max_length=60, blank=True)
    hours = models.DecimalField(
        _("timer"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    agreed_hours = models.DecimalField(
        _("aftalte timer"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=HoursStatus.choices, default=HoursStatus.SUBMITTED)
    hourly_rate = models.DecimalField(_("timeløn (kr.)"), max_digits=7, decimal_places=2, null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("indtastet af")
    )
    entered_at = models.DateTimeField(_("indtastet"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    decided_at = models.DateTimeField(_("godkendt"), null=True, blank=True)

    objects = ScopedManager(jobcenter="mentor__jobcenter")
    history = HistoricalRecords()
    unscoped = UnscopedManager()
    """Every jobcenter's hours. Only for a read already narrowed to one jobcenter's mentors by a scoped
    queryset, `InIds("mentor_id", <the jobcenter's mentors>)` (reports.selectors.corps_report), where the
    scope would join corps_mentor once more for every row."""

    class Meta:
        verbose_name = _("timeregistrering")
        verbose_name_plural = _("timeregistreringer")
        ordering = ["-week", "mentor__full_name", "id"]
        indexes = [models.Index(fields=["week", "status"], name="hours_week_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "week", "citizen"],
                condition=Q(citizen__isnull=False),
                name="hours_one_entry_per_mentor_week_citizen",
                violation_error_message=_("Der er allerede registreret timer for denne borger i denne uge."),
            ),
            models.UniqueConstraint(
                fields=["mentor", "week", "mentee_reference"],
                condition=Q(citizen__isnull=True),
                name="hours_one_entry_per_mentor_week_reference",
                violation_error_message=_("Der er allerede registreret timer for denne borger i denne uge."),
            ),
            models.CheckConstraint(
                condition=Q(citizen__isnull=False) | ~Q(mentee_reference=""),
                name="hours_names_the_mentee",
                violation_error_message=_("Vælg borgeren eller skriv en reference."),
            ),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=80), name="hours_positive_and_sane"),
            models.CheckConstraint(
                condition=Q(status=HoursStatus.SUBMITTED, decided_at__isnull=True)
                | (~Q(status=HoursStatus.SUBMITTED) & Q(decided_at__isnull=False)),
                name="hours_decided_at_iff_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – uge {self.week.isocalendar()[1]}: {self.hours}"

    @property
    def can_be_decided(self) -> bool:
        """Entered and not yet approved or rejected."""
        return self.status == HoursStatus.SUBMITTED

    @property
    def over_agreed(self) -> bool:
        return self.agreed_hours is not None and self.hours > self.agreed_hours

    @property
    def week_number(self) -> int:
        return self.week.isocalendar()[1]
