"""The mentor agreement (LAB kapitel 26) and the first meeting of citizen, mentor and caseworker."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from mentorship.transitions import Transitions

# The law's limit is six calendar months (checked exactly in citizens.periods); the database backstop
# allows the longest six-month span in days.
MAX_PERIOD_DAYS = 184


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    ACTIVE = "active", _("Aktiv")
    ENDED = "ended", _("Afsluttet")
    RENEWED = "renewed", _("Forlænget med ny aftale")


class MentorAgreement(models.Model):
    """A written agreement between citizen and jobcenter about mentor support: goal, mentor, tasks,
    period (at most 6 months; extended only by a new agreement after a concrete assessment), hours and
    the complaint guidance. draft → active → ended, or → renewed (a new agreement follows it)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="mentor_agreements", verbose_name=_("jobcenter")
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="agreements", verbose_name=_("borger")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    mentor = models.ForeignKey(
        "corps.Mentor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("mentor fra mentorkorpset"),
    )
    company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("virksomhedsmentor"),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kontaktperson i jobcentret"),
    )
    goal = models.TextField(_("formål og mål med mentorstøtten"))
    mentor_tasks = models.TextField(_("mentorens opgaver"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("slut"))
    hours_total = models.DecimalField(
        _("antal timer i alt"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    hours_per_week = models.DecimalField(
        _("timer om ugen"), max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    complaint_guidance = models.TextField(_("klagevejledning"))
    renews = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("forlænger aftale"),
    )
    renewal_assessment = models.TextField(_("konkret vurdering af behovet for forlængelse"), blank=True)
    activated_at = models.DateTimeField(_("trådt i kraft"), null=True, blank=True)
    ended_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    end_reason = models.TextField(_("begrundelse for afslutning"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mentoraftale")
        verbose_name_plural = _("mentoraftaler")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["jobcenter", "status", "ends_on"], name="agreement_jc_status_end"),
            # The start page's agreements in force without a first meeting, longest running first.
            models.Index(fields=["jobcenter", "status", "starts_on", "id"], name="agreement_jc_status_start"),
            models.Index(fields=["citizen", "starts_on"], name="agreement_citizen_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"],
                condition=Q(status="active"),
                name="agreement_one_active_per_citizen",
                violation_error_message=_("Borgeren har allerede en aktiv mentoraftale."),
            ),
            models.CheckConstraint(condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="agreement_end_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__lte=F("starts_on") + datetime.timedelta(days=MAX_PERIOD_DAYS)),
                name="agreement_at_most_six_months",
                violation_error_message=_("En mentoraftale kan højst gælde i 6 måneder."),
            ),
            models.CheckConstraint(
                condition=Q(hours_total__gte=0) & (Q(hours_per_week__isnull=True) | Q(hours_per_week__gte=0)),
                name="agreement_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(mentor__isnull=False, company_mentor__isnull=False),
                name="agreement_one_kind_of_mentor",
                violation_error_message=_("Vælg enten en mentor fra mentorkorpset eller en virksomhedsmentor."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(mentor__isnull=False) | Q(company_mentor__isnull=False),
                name="agreement_mentor_unless_draft",
            ),
            models.CheckConstraint(
                condition=Q(renews__isnull=True) | ~Q(renewal_assessment=""),
                name="agreement_renewal_needs_assessment",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Mentoraftale')} {self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"

    # Status rules (services, views and templates ask these, never the status string).
    EDITABLE_STATUSES = frozenset({AgreementStatus.DRAFT})
    RENEWABLE_STATUSES = frozenset({AgreementStatus.ACTIVE, AgreementStatus.ENDED})
    ASSESSABLE_STATUSES = frozenset({AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.RENEWED})
    STATUS_BADGES = {AgreementStatus.ACTIVE: "badge-success", AgreementStatus.DRAFT: "badge-info"}
    # Which status may follow which; citizens.services.agreement checks every move against it under the lock.
    STATUS_TRANSITIONS = Transitions(
        AgreementStatus,
        {
            AgreementStatus.DRAFT: {AgreementStatus.ACTIVE},
            AgreementStatus.ACTIVE: {AgreementStatus.ENDED, AgreementStatus.RENEWED},
            AgreementStatus.ENDED: set(),
            AgreementStatus.RENEWED: set(),
        },
        message=_("En mentoraftale med status “%(current)s” kan ikke få status “%(target)s”."),
    )

    @property
    def is_editable(self) -> bool:
        """A draft may be edited and put into force; an agreement in force is changed only by a new one."""
        return self.status in self.EDITABLE_STATUSES

    @property
    def can_be_activated(self) -> bool:
        return self.STATUS_TRANSITIONS.can(self.status, AgreementStatus.ACTIVE)

    @property
    def can_be_ended(self) -> bool:
        return self.STATUS_TRANSITIONS.can(self.status, AgreementStatus.ENDED)

    @property
    def can_be_renewed(self) -> bool:
        """An agreement in force, or one that has ended, can be followed by a new one."""
        return self.status in self.RENEWABLE_STATUSES

    @property
    def can_be_assessed(self) -> bool:
        """Progress is assessed once the agreement is in force, also after it has ended or was renewed."""
        return self.status in self.ASSESSABLE_STATUSES

    @property
    def can_plan_first_meeting(self) -> bool:
        """The first meeting is planned for an agreement in force (citizens.services.first_meeting)."""
        return self.status == AgreementStatus.ACTIVE

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")

    @property
    def mentor_display(self):
        return self.mentor or self.company_mentor


class FirstMeeting(models.Model):
    """Opstartsmødet: citizen, mentor and caseworker agree expectations and set goals."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    agreement = models.OneToOneField(
        MentorAgreement, on_delete=models.CASCADE, related_name="first_meeting", verbose_name=_("mentoraftale")
    )
    held_on = models.DateField(_("dato"))
    citizen_present = models.BooleanField(_("borgeren deltog"), default=True)
    mentor_present = models.BooleanField(_("mentoren deltog"), default=True)
    caseworker_present = models.BooleanField(_("sagsbehandleren deltog"), default=True)
    other_participants = models.CharField(_("andre deltagere"), max_length=300, blank=True)
    expectations = models.TextField(_("forventninger, der blev aftalt"))
    goals = models.TextField(_("mål, der blev sat"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("skrevet af")
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opstartsmøde")
        verbose_name_plural = _("opstartsmøder")

    def __str__(self) -> str:
        return f"{_('Opstartsmøde')} {self.held_on:%d.%m.%Y}"


class MeetingPlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    CANCELLED = "cancelled", _("Aflyst")
    HELD = "held", _("Holdt")


class FirstMeetingPlan(models.Model):
    """The first meeting as planned: when, where, and who (the citizen, the agreement's mentor and the
    caseworker or contact person). Its calendar invitation has a stable UID and a SEQUENCE that grows with
    each move; a cancelled plan keeps its row (its invitations were cancelled), and planning again starts a
    new one with a new UID. At most one is planned per agreement; recording the meeting as held marks it held.
    planned → cancelled or held."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(
        MentorAgreement, on_delete=models.CASCADE, related_name="first_meeting_plans", verbose_name=_("mentoraftale")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingPlanStatus.choices, default=MeetingPlanStatus.PLANNED
    )
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=150)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sagsbehandler eller kontaktperson"),
    )
    uid = models.UUIDField(_("kalender-id"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("version"), default=0)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("planlagt af")
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    STATUS_TRANSITIONS = Transitions(
        MeetingPlanStatus,
        {
            MeetingPlanStatus.PLANNED: {MeetingPlanStatus.CANCELLED, MeetingPlanStatus.HELD},
            MeetingPlanStatus.CANCELLED: set(),
            MeetingPlanStatus.HELD: set(),
        },
        message=_("Et opstartsmøde med status “%(current)s” kan ikke få status “%(target)s”."),
    )

    class Meta:
        verbose_name = _("planlagt opstartsmøde")
        verbose_name_plural = _("planlagte opstartsmøder")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(status="planned"),
                name="first_meeting_plan_one_planned",
                violation_error_message=_("Opstartsmødet er allerede planlagt."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingPlanStatus.values), name="first_meeting_plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="first_meeting_plan_end_after_start",
                violation_error_message=_("Mødet skal slutte efter, at det er begyndt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Opstartsmøde')} {timezone.localtime(self.starts_at):%d.%m.%Y %H.%M}"

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingPlanStatus.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingPlanStatus.CANCELLED
