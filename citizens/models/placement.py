"""Placements at companies: the work agreement, step-up plan, goals, progress cards and follow-up log."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from citizens.models.citizen import Outcome
from mentorship.transitions import Transitions


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået til virksomheden")
    DECLINED = "declined", _("Afvist af virksomheden")
    ACTIVE = "active", _("Aktivt")
    ENDED = "ended", _("Afsluttet")


class Placement(models.Model):
    """A citizen's placement at a company with the work agreement (arbejdsaftale): tasks, hours with a
    step-up plan, goals. The coordinator proposes it; the company leader accepts (naming the company
    mentor) or declines; it ends with an outcome."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="placements", verbose_name=_("jobcenter")
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="placements", verbose_name=_("borger")
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="placements", verbose_name=_("virksomhed")
    )
    company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("virksomhedsmentor"),
    )
    placement_type = models.ForeignKey(
        "citizens.PlacementType", on_delete=models.PROTECT, related_name="placements", verbose_name=_("type")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="responsible_placements",
        verbose_name=_("ansvarlig jobkonsulent"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("planlagt slut"))
    # The work agreement (arbejdsaftale).
    tasks = models.TextField(_("arbejdsopgaver"))
    hours_per_week = models.DecimalField(
        _("timer om ugen ved start"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    mentor_hours_per_week = models.DecimalField(
        _("virksomhedsmentorens timer om ugen"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("De timer, virksomheden kompenseres for (frikøb)."),
    )
    proposal_note = models.TextField(_("besked til virksomheden"), blank=True)
    decided_at = models.DateTimeField(_("besvaret af virksomheden"), null=True, blank=True)
    decline_reason = models.TextField(_("begrundelse for afslag"), blank=True)
    # Denormalised by citizens.services.follow_up_create, so "no follow-up for 8 days" is an index scan.
    last_follow_up_on = models.DateField(_("seneste opfølgning"), null=True, blank=True)
    ended_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices, blank=True)
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
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["jobcenter", "status", "last_follow_up_on"], name="placement_jc_status_followup"),
            models.Index(fields=["company", "status", "starts_on"], name="placement_company_status"),
            models.Index(fields=["citizen", "starts_on"], name="placement_citizen_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PlacementStatus.values), name="placement_status_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="placement_end_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                name="placement_ended_not_before_start",
                violation_error_message=_("Forløbet kan ikke afsluttes før det er startet."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0) & Q(mentor_hours_per_week__gte=0),
                name="placement_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status=PlacementStatus.ENDED, outcome__in=Outcome.values, ended_on__isnull=False)
                | (~Q(status=PlacementStatus.ENDED) & Q(outcome="") & Q(ended_on__isnull=True)),
                name="placement_outcome_iff_ended",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[PlacementStatus.PROPOSED, PlacementStatus.DECLINED])
                | Q(company_mentor__isnull=False),
                name="placement_mentor_once_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type} – {self.company}"

    # Status rules (services, views and templates ask these, never the status string).
    EDITABLE_STATUSES = frozenset({PlacementStatus.PROPOSED, PlacementStatus.ACTIVE})
    STARTED_STATUSES = frozenset({PlacementStatus.ACTIVE, PlacementStatus.ENDED})
    STATUS_BADGES = {
        PlacementStatus.ACTIVE: "badge-success",
        PlacementStatus.PROPOSED: "badge-info",
        PlacementStatus.DECLINED: "badge-warning",
    }
    # Which status may follow which; citizens.services.placement checks every move against it under the lock.
    # A placement the company has already accepted is created active (not a move).
    STATUS_TRANSITIONS = Transitions(
        PlacementStatus,
        {
            PlacementStatus.PROPOSED: {PlacementStatus.ACTIVE, PlacementStatus.DECLINED},
            PlacementStatus.ACTIVE: {PlacementStatus.ENDED},
            PlacementStatus.DECLINED: set(),
            PlacementStatus.ENDED: set(),
        },
        message=_("Et forløb med status “%(current)s” kan ikke få status “%(target)s”."),
    )

    @property
    def awaits_answer(self) -> bool:
        """Proposed to the company, which has not accepted or declined it yet."""
        return self.status == PlacementStatus.PROPOSED

    @property
    def is_editable(self) -> bool:
        """The work agreement can be changed until the placement has ended or was declined."""
        return self.status in self.EDITABLE_STATUSES

    @property
    def has_begun(self) -> bool:
        """Accepted by the company: active now, or ended."""
        return self.status in self.STARTED_STATUSES

    @property
    def can_be_assessed(self) -> bool:
        """Progress is assessed once the placement has begun, also after it has ended."""
        return self.status in self.STARTED_STATUSES

    @property
    def can_be_ended(self) -> bool:
        return self.STATUS_TRANSITIONS.can(self.status, PlacementStatus.ENDED)

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")


class HoursStep(models.Model):
    """One step of the step-up plan: from this date the citizen works this many hours a week."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="hours_steps")
    starts_on = models.DateField(_("fra og med"))
    hours_per_week = models.DecimalField(
        _("timer om ugen"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("bemærkning"), max_length=200, blank=True)

    objects = ScopedManager(jobcenter="placement__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("optrapning")
        verbose_name_plural = _("optrapningsplan")
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "starts_on"],
                name="hours_step_one_per_date",
                violation_error_message=_("Der er allerede et trin fra den dato."),
            ),
            models.CheckConstraint(condition=Q(hours_per_week__gte=0), name="hours_step_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%d.%m.%Y}: {self.hours_per_week} t/uge"


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke påbegyndt")
    IN_PROGRESS = "in_progress", _("I gang")
    REACHED = "reached", _("Nået")
    DROPPED = "dropped", _("Opgivet")


# A goal, an assessment and a progress summary belong to a placement or to a mentor agreement (a citizen
# with a corps mentor and no placement has competence cards too): exactly one of the two, never both.
ONE_OWNER = Q(placement__isnull=False, agreement__isnull=True) | Q(placement__isnull=True, agreement__isnull=False)


class Goal(models.Model):
    """A goal of a placement's work agreement or of a mentor agreement, or a sub-goal (delmål) when it has a
    parent (which has the same owner)."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, null=True, blank=True, related_name="goals")
    agreement = models.ForeignKey(
        "citizens.MentorAgreement", on_delete=models.CASCADE, null=True, blank=True, related_name="goals"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_goals", verbose_name=_("delmål af")
    )
    title = models.CharField(_("mål"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED)
    target_date = models.DateField(_("måldato"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=GoalStatus.values), name="goal_status_valid"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="goal_not_own_parent"),
            models.CheckConstraint(condition=ONE_OWNER, name="goal_one_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The tenant is the owner's: set here so that every way of creating a goal gets it right.
        if self.jobcenter_id is None and (self.placement_id or self.agreement_id):
            self.jobcenter_id = self.owner.jobcenter_id
        super().save(*args, **kwargs)

    @property
    def owner(self):
        """The placement or the mentor agreement the goal belongs to."""
        return self.placement if self.placement_id is not None else self.agreement


class AssessorKind(models.TextChoices):
    COMPANY = "company", _("Virksomheden")
    JOBCENTER = "jobcenter", _("Jobcentret")
    MENTOR = "mentor", _("Mentoren")


# Who may assess, by owner: a placement's company (its mentor) or the jobcenter; a mentor agreement's
# mentor (a corps mentor has no login: the coordinator enters it) or the jobcenter.
PLACEMENT_ASSESSORS = (AssessorKind.COMPANY, AssessorKind.JOBCENTER)
AGREEMENT_ASSESSORS = (AssessorKind.MENTOR, AssessorKind.JOBCENTER)


class ProgressAssessment(models.Model):
    """One filling-in of the competence cards on a date, for a placement or a mentor agreement: a score 1-5
    and a comment per dimension."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    # No index of its own: the (agreement, assessed_on) index starts with it.
    agreement = models.ForeignKey(
        "citizens.MentorAgreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        db_index=False,
    )
    assessed_on = models.DateField(_("dato"))
    assessor_kind = models.CharField(_("vurderet af"), max_length=10, choices=AssessorKind.choices)
    company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("virksomhedsmentor"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("indtastet af")
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progressionsvurdering")
        verbose_name_plural = _("progressionsvurderinger")
        ordering = ["assessed_on", "id"]
        indexes = [
            models.Index(fields=["placement", "assessed_on"], name="assessment_placement_date"),
            models.Index(fields=["agreement", "assessed_on"], name="assessment_agreement_date"),
        ]
        constraints = [models.CheckConstraint(condition=ONE_OWNER, name="assessment_one_owner")]

    def __str__(self) -> str:
        return f"{_('Vurdering')} {self.assessed_on:%d.%m.%Y}"


class ProgressScore(models.Model):
    assessment = models.ForeignKey(ProgressAssessment, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(
        "citizens.ProgressDimension", on_delete=models.PROTECT, related_name="+", verbose_name=_("dimension")
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("kommentar"), blank=True)

    objects = ScopedManager(jobcenter="assessment__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scorer")
        ordering = ["dimension__position", "id"]
        # The progress report reads every score of a jobcenter through its assessments: with the
        # dimension and score in the index, that is an index-only scan (reports.selectors).
        indexes = [
            models.Index(fields=["assessment"], include=["dimension", "score"], name="score_assessment_covering")
        ]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="score_one_per_dimension"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="score_between_1_and_5",
                violation_error_message=_("Scoren skal være mellem 1 og 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.score}"


class ProgressSummary(models.Model):
    """The first and the latest score (assessment order: date, then id) of one placement or mentor agreement
    on one competence-card dimension, and how many assessments scored it. Derived from the scores and kept in step
    with them in the same transaction by citizens.services.progress_summary_refresh (one assessment)
    and progress_summaries_rebuild (set-wise: migration, national data set), so the progress report
    reads one row per placement and dimension instead of every score (reports.selectors)."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    # No index of its own: the unique (placement, dimension) pair's index starts with the placement.
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, null=True, related_name="progress_summaries", db_index=False
    )
    # No index of its own either: the unique (agreement, dimension) pair's index starts with it.
    agreement = models.ForeignKey(
        "citizens.MentorAgreement",
        on_delete=models.CASCADE,
        null=True,
        related_name="progress_summaries",
        db_index=False,
    )
    dimension = models.ForeignKey(
        "citizens.ProgressDimension", on_delete=models.PROTECT, related_name="+", verbose_name=_("dimension")
    )
    assessments = models.PositiveIntegerField(_("vurderinger"))
    first_score = models.PositiveSmallIntegerField(_("første score"))
    latest_score = models.PositiveSmallIntegerField(_("seneste score"))

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("progression pr. dimension")
        verbose_name_plural = _("progression pr. dimension")
        constraints = [
            models.UniqueConstraint(fields=["placement", "dimension"], name="progress_summary_one_per_dimension"),
            models.UniqueConstraint(
                fields=["agreement", "dimension"], name="progress_summary_agreement_one_per_dimension"
            ),
            models.CheckConstraint(condition=ONE_OWNER, name="progress_summary_one_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.first_score} → {self.latest_score}"


class FollowUpKind(models.TextChoices):
    VISIT = "visit", _("Besøg på virksomheden")
    PHONE = "phone", _("Telefonopkald")
    MEETING = "meeting", _("Møde")
    EMAIL = "email", _("E-mail")


class HoursConfirmation(models.TextChoices):
    UNCONFIRMED = "", _("Ikke bekræftet")
    CITIZEN = "citizen", _("Bekræftet af borgeren")
    COORDINATOR = "coordinator", _("Bekræftet af koordinator")


class RecordedAs(models.TextChoices):
    JOBCENTER = "jobcenter", _("Jobcentret")
    COMPANY = "company", _("Virksomheden")


class FollowUp(models.Model):
    """One follow-up: a weekly visit, a call, a meeting or an e-mail, with notes and the next action.
    Mentor hours delivered since the last follow-up are recorded here and confirmed later."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    citizen = models.ForeignKey("citizens.Citizen", on_delete=models.CASCADE, related_name="follow_ups")
    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("forløb"),
    )
    agreement = models.ForeignKey(
        "citizens.MentorAgreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("mentoraftale"),
    )
    kind = models.CharField(_("type"), max_length=10, choices=FollowUpKind.choices)
    occurred_on = models.DateField(_("dato"))
    participants = models.CharField(_("hvem deltog"), max_length=300, blank=True)
    notes = models.TextField(_("notat"))
    next_action = models.CharField(_("næste skridt"), max_length=300, blank=True)
    next_action_on = models.DateField(_("næste skridt senest"), null=True, blank=True)
    mentor_hours = models.DecimalField(
        _("mentortimer siden sidst"), max_digits=5, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    hours_confirmed_by = models.CharField(
        _("timer bekræftet"), max_length=12, choices=HoursConfirmation.choices, blank=True, default=""
    )
    hours_confirmed_at = models.DateTimeField(_("timer bekræftet den"), null=True, blank=True)
    recorded_as = models.CharField(
        _("skrevet af"), max_length=10, choices=RecordedAs.choices, default=RecordedAs.JOBCENTER
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("skrevet af")
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["citizen", "-occurred_on", "-id"], name="follow_up_citizen_date"),
            models.Index(fields=["placement", "-occurred_on"], name="follow_up_placement_date"),
            models.Index(
                fields=["jobcenter", "occurred_on"],
                condition=Q(mentor_hours__gt=0, hours_confirmed_by=""),
                name="follow_up_unconfirmed_hours",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(mentor_hours__gte=0), name="follow_up_hours_not_negative"),
            models.CheckConstraint(condition=Q(kind__in=FollowUpKind.values), name="follow_up_kind_valid"),
            models.CheckConstraint(
                condition=Q(hours_confirmed_by="", hours_confirmed_at__isnull=True)
                | (~Q(hours_confirmed_by="") & Q(hours_confirmed_at__isnull=False)),
                name="follow_up_confirmation_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d.%m.%Y}"

    @property
    def hours_unconfirmed(self) -> bool:
        return self.mentor_hours > 0 and not self.hours_confirmed_by
