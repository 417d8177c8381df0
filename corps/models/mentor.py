"""The corps mentor: application, profile, availability and screening status."""

from decimal import Decimal
from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from corps.models.choices import (
    ALL_DAY_PARTS,
    ALL_WEEKDAYS,
    DAY_PARTS,
    WEEKDAYS,
    Attachment,
    Employment,
    Gender,
    MentorStatus,
    Source,
    age_band_of,
    bits_labels,
    phone_validator,
    postcode_validator,
)
from corps.models.vocabulary import Competence, Language
from mentorship.transitions import Transitions


class Mentor(models.Model):
    """A corps mentor, from application through screening to active service and resignation."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="mentors", verbose_name=_("jobcenter")
    )
    status = models.CharField(_("status"), max_length=20, choices=MentorStatus.choices, default=MentorStatus.APPLICANT)
    status_changed_at = models.DateTimeField(_("status ændret"), default=timezone.now)
    paused_until = models.DateField(_("på pause til og med"), null=True, blank=True)
    status_reason = models.TextField(_("begrundelse for status"), blank=True)

    full_name = models.CharField(_("fulde navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    postcode = models.CharField(_("postnummer"), max_length=4, validators=[postcode_validator])
    gender = models.CharField(_("køn"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("fødselsår"), null=True, blank=True, validators=[MinValueValidator(1920), MaxValueValidator(2015)]
    )

    attachment = models.CharField(_("tilknytning til arbejdsmarkedet"), max_length=20, choices=Attachment.choices)
    education = models.TextField(_("uddannelse"), blank=True)
    work_experience = models.TextField(_("erhvervserfaring"), blank=True)
    industries = models.CharField(_("brancher"), max_length=300, blank=True)
    network_notes = models.TextField(_("netværk"), blank=True)
    motivation = models.TextField(_("motivation"), blank=True)

    competences = models.ManyToManyField(Competence, blank=True, related_name="mentors", verbose_name=_("kompetencer"))
    # The plugin infers no through model for this field (it does for competences): the type says it instead.
    languages: "models.ManyToManyField[Language, Any]" = models.ManyToManyField(
        Language, blank=True, related_name="mentors", verbose_name=_("sprog")
    )

    available_weekdays = models.PositiveSmallIntegerField(_("ugedage"), default=0)
    available_day_parts = models.PositiveSmallIntegerField(_("tidspunkter"), default=0)
    hours_per_week = models.PositiveSmallIntegerField(
        _("timer om ugen"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )

    capacity = models.PositiveSmallIntegerField(
        _("maks. antal aktive forløb"), default=2, validators=[MaxValueValidator(30)]
    )
    hourly_rate = models.DecimalField(
        _("timeløn (kr.)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    employment = models.CharField(_("ansættelse"), max_length=20, choices=Employment.choices, default=Employment.HOURLY)
    offers_section_85 = models.BooleanField(
        _("giver også støtte efter servicelovens § 85"),
        default=False,
        help_text=_("Kun fuldtidsansatte mentorer."),
    )
    contract_start = models.DateField(_("kontraktstart"), null=True, blank=True)
    contract_end = models.DateField(_("kontraktophør"), null=True, blank=True)

    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    consent_at = models.DateTimeField(_("samtykke givet"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords(m2m_fields=[competences, languages])

    # Not stored: the texts corps.selectors.mentor_list_rows sets on a page's rows, declared for the type checker.
    status_label: str
    competence_names: str
    language_names: str
    weekdays_text: str
    day_parts_text: str

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentorer")
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(fields=["jobcenter", "status", "full_name"], name="mentor_jc_status_name"),
            models.Index(fields=["jobcenter", "full_name", "id"], name="mentor_jc_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                "jobcenter",
                Lower("email"),
                name="mentor_unique_email_per_jobcenter",
                violation_error_message=_("Der findes allerede en mentor med den e-mail."),
            ),
            models.CheckConstraint(condition=Q(status__in=MentorStatus.values), name="mentor_status_valid"),
            models.CheckConstraint(condition=Q(attachment__in=Attachment.values), name="mentor_attachment_valid"),
            models.CheckConstraint(
                condition=Q(employment=Employment.FULL_TIME) | Q(offers_section_85=False),
                name="mentor_section_85_only_full_time",
                violation_error_message=_("Kun fuldtidsansatte mentorer kan give støtte efter § 85."),
            ),
            models.CheckConstraint(
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=models.F("contract_start")),
                name="mentor_contract_end_after_start",
                violation_error_message=_("Kontraktophør skal ligge efter kontraktstart."),
            ),
            models.CheckConstraint(
                condition=Q(status=MentorStatus.PAUSED, paused_until__isnull=False)
                | (~Q(status=MentorStatus.PAUSED) & Q(paused_until__isnull=True)),
                name="mentor_paused_until_iff_paused",
            ),
            models.CheckConstraint(
                condition=Q(available_weekdays__lte=ALL_WEEKDAYS) & Q(available_day_parts__lte=ALL_DAY_PARTS),
                name="mentor_availability_bits_valid",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0) | Q(hourly_rate__isnull=True), name="mentor_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    # Status rules (services, views and templates ask these, never the status string).
    # The screening state machine: which status may follow which (corps.services.screening moves a mentor
    # one locked step at a time and refuses any other move).
    STATUS_TRANSITIONS = Transitions(
        MentorStatus,
        {
            MentorStatus.APPLICANT: {MentorStatus.INTERVIEW, MentorStatus.APPROVED, MentorStatus.REJECTED},
            MentorStatus.INTERVIEW: {MentorStatus.INTERVIEW, MentorStatus.APPROVED, MentorStatus.REJECTED},
            MentorStatus.APPROVED: {MentorStatus.ACTIVE, MentorStatus.RESIGNED},
            MentorStatus.ACTIVE: {MentorStatus.PAUSED, MentorStatus.RESIGNED},
            MentorStatus.PAUSED: {MentorStatus.ACTIVE, MentorStatus.PAUSED, MentorStatus.RESIGNED},
            MentorStatus.REJECTED: set(),
            MentorStatus.RESIGNED: set(),
        },
        message=_("En mentor med status “%(current)s” kan ikke få status “%(target)s”."),
    )
    HOURS_STATUSES = frozenset({MentorStatus.ACTIVE, MentorStatus.PAUSED, MentorStatus.RESIGNED})
    STATUS_BADGES: ClassVar[dict[str, str]] = {
        MentorStatus.ACTIVE: "badge-success",
        MentorStatus.APPLICANT: "badge-info",
        MentorStatus.PAUSED: "badge-warning",
        MentorStatus.INTERVIEW: "badge-warning",
        MentorStatus.APPROVED: "badge-warning",
    }

    @property
    def can_log_hours(self) -> bool:
        """Hours are registered for mentors who are or have been active."""
        return self.status in self.HOURS_STATUSES

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")

    @property
    def age_band(self) -> str:
        band = age_band_of(self.birth_year)
        return band[1] if band else str(_("Ikke oplyst"))

    @property
    def weekday_labels(self) -> list[str]:
        return bits_labels(self.available_weekdays, WEEKDAYS)

    @property
    def day_part_labels(self) -> list[str]:
        return bits_labels(self.available_day_parts, DAY_PARTS)
