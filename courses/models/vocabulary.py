"""The course vocabulary: categories, audiences, a jobcenter's course types and its course settings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords


class Category(models.TextChoices):
    BASE_COURSE = "base_course", _("Mentorkursus (grundforløb)")
    MODULE = "module", _("Specialmodul")
    NETWORK_MEETING = "network_meeting", _("Netværksmøde")
    AFTER_WORK = "after_work", _("Fyraftensmøde")


# Who a course type is for, stored as a bit set (one column, one bitwise filter).
AUDIENCES = [
    (1 << 0, _("Virksomhedsmentorer")),
    (1 << 1, _("Mentorer i mentorkorpset")),
    (1 << 2, _("Jobkonsulenter")),
    (1 << 3, _("Koordinerende sagsbehandlere")),
    (1 << 4, _("Sociale mentorer")),
]
ALL_AUDIENCES = sum(bit for bit, _label in AUDIENCES)


class CourseType(models.Model):
    """A kind of course or meeting the jobcenter offers (e.g. the two-day base course)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="course_types", verbose_name=_("jobcenter")
    )
    name = models.CharField(_("navn"), max_length=150)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    description = models.TextField(_("indhold"), blank=True)
    default_days = models.PositiveSmallIntegerField(
        _("antal dage"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    default_hours_per_day = models.DecimalField(
        _("timer pr. dag"),
        max_digits=4,
        decimal_places=1,
        default=3,
        validators=[MinValueValidator(0.5), MaxValueValidator(12)],
    )
    audience = models.PositiveSmallIntegerField(_("målgruppe"), default=1)
    requires = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="required_by",
        verbose_name=_("kræver forudgående"),
        help_text=_("Fx kræver et specialmodul, at deltageren har gennemført grundforløbet."),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kursustype")
        verbose_name_plural = _("kursustyper")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                "jobcenter",
                Lower("name"),
                name="course_type_unique_name_per_jobcenter",
                violation_error_message=_("Der findes allerede en kursustype med det navn."),
            ),
            models.CheckConstraint(condition=Q(category__in=Category.values), name="course_type_category_valid"),
            models.CheckConstraint(
                condition=Q(audience__gte=1) & Q(audience__lte=ALL_AUDIENCES), name="course_type_audience_valid"
            ),
            models.CheckConstraint(condition=~Q(requires=F("id")), name="course_type_not_requiring_itself"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audience_labels(self) -> list[str]:
        return [str(label) for bit, label in AUDIENCES if self.audience & bit]


class CourseSettings(models.Model):
    """A jobcenter's course settings: when reminders go out and how long a waiting-list offer stands."""

    jobcenter = models.OneToOneField(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="course_settings", verbose_name=_("jobcenter")
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("påmindelse dage før"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Deltagerne får en påmindelse så mange dage før første kursusdag."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("svarfrist på ledig plads (timer)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(336)],
        help_text=_("Så længe har den første på ventelisten til at tage imod en ledig plads."),
    )
    minimum_job_consultants = models.PositiveSmallIntegerField(
        _("jobkonsulenter pr. kursus"), default=2, validators=[MaxValueValidator(10)]
    )

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indstillinger for kurser")
        verbose_name_plural = _("indstillinger for kurser")
        constraints = [
            models.CheckConstraint(
                condition=Q(reminder_days__gte=1) & Q(offer_hours__gte=1), name="course_settings_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.jobcenter)
