"""Companies hosting citizens, their company mentors, their leaders' invitations and compensation claims."""

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from companies.validators import validate_cvr, validate_p_number
from mentorship.transitions import Transitions


class Industry(models.Model):
    """Industry vocabulary (Danmarks Statistik's DB07 sections). Platform data an admin edits."""

    code = models.CharField(_("kode"), max_length=10, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    is_active = models.BooleanField(_("aktiv"), default=True)
    ordering = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("branche")
        verbose_name_plural = _("brancher")
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 ansatte")
    SMALL = "10-49", _("10–49 ansatte")
    MEDIUM = "50-249", _("50–249 ansatte")
    LARGE = "250+", _("250 ansatte eller flere")


class Sector(models.TextChoices):
    PRIVATE = "private", _("Privat")
    PUBLIC = "public", _("Offentlig")


class CollaborationStatus(models.TextChoices):
    INVITED = "invited", _("Inviteret")
    INTERESTED = "interested", _("Interesseret")
    ACTIVE = "active", _("Aktiv samarbejdspartner")
    PAUSED = "paused", _("På pause")


class Company(models.Model):
    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="companies", verbose_name=_("jobcenter")
    )
    name = models.CharField(_("navn"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, validators=[validate_cvr])
    p_number = models.CharField(
        _("P-nummer"),
        max_length=10,
        blank=True,
        validators=[validate_p_number],
        help_text=_("Produktionsenhedens nummer, 10 cifre. Kan udelades."),
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postnummer"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Postnummeret skal være fire cifre, fx 8450."))],
    )
    city = models.CharField(_("by"), max_length=100, blank=True)
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("branche"),
    )
    size_band = models.CharField(_("størrelse"), max_length=10, choices=SizeBand.choices, blank=True)
    sector = models.CharField(_("sektor"), max_length=10, choices=Sector.choices, default=Sector.PRIVATE)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    placement_types = models.ManyToManyField(
        "citizens.PlacementType", blank=True, related_name="companies", verbose_name=_("forløbstyper, der tilbydes")
    )
    capacity = models.PositiveSmallIntegerField(
        _("pladser"),
        default=1,
        validators=[MaxValueValidator(500)],
        help_text=_("Hvor mange borgere virksomheden kan have i forløb på samme tid."),
    )
    status = models.CharField(
        _("samarbejdsstatus"),
        max_length=20,
        choices=CollaborationStatus.choices,
        default=CollaborationStatus.INTERESTED,
    )
    notes = models.TextField(_("noter"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("virksomhed")
        verbose_name_plural = _("virksomheder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "cvr"], name="company_unique_cvr_per_jobcenter"),
            models.CheckConstraint(condition=Q(cvr__regex=r"^[0-9]{8}$"), name="company_cvr_eight_digits"),
            models.CheckConstraint(
                condition=Q(p_number="") | Q(p_number__regex=r"^[0-9]{10}$"), name="company_p_number_ten_digits"
            ),
            models.CheckConstraint(condition=Q(status__in=CollaborationStatus.values), name="company_status_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    STATUS_BADGES: ClassVar[dict[str, str]] = {
        CollaborationStatus.ACTIVE: "badge-success",
        CollaborationStatus.PAUSED: "badge-warning",
        CollaborationStatus.INVITED: "badge-info",
    }

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")


class CompanyMentor(models.Model):
    """An employee of the company named as mentor for citizens placed there (virksomhedsmentor)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="mentors", verbose_name=_("virksomhed"))
    full_name = models.CharField(_("navn"), max_length=200)
    job_title = models.CharField(_("stilling"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    years_in_company = models.PositiveSmallIntegerField(
        _("år i virksomheden"), null=True, blank=True, validators=[MaxValueValidator(70)]
    )
    competences = models.ManyToManyField(
        "corps.Competence", blank=True, related_name="company_mentors", verbose_name=_("kompetencer")
    )
    experience = models.TextField(_("erfaring"), blank=True)
    hourly_wage = models.DecimalField(
        _("faktisk timeløn (kr.)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Mentorens faktiske timeløn, som frikøbet beregnes ud fra."),
    )
    course_completed_on = models.DateField(
        _("mentorkursus gennemført"),
        null=True,
        blank=True,
        help_text=_("Dato for et gennemført mentorkursus, også kurser fra før systemet eller hos en ekstern udbyder."),
    )
    is_new = models.BooleanField(_("ny mentor"), default=False)
    shadowing = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shadowed_by",
        verbose_name=_("følger erfaren mentor"),
        help_text=_("En ny mentor kan følge en erfaren mentor i en opstartsperiode."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="company__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("virksomhedsmentor")
        verbose_name_plural = _("virksomhedsmentorer")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(condition=~Q(shadowing=F("id")), name="company_mentor_not_shadowing_self"),
            models.CheckConstraint(
                condition=Q(hourly_wage__isnull=True) | Q(hourly_wage__gte=0), name="company_mentor_wage_not_negative"
            ),
            models.UniqueConstraint(
                fields=["company", "email"], condition=~Q(email=""), name="company_mentor_unique_email_per_company"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def jobcenter(self):
        return self.company.jobcenter


class LeaderInvitation(models.Model):
    """A coordinator's invitation of a company leader. The link's token is stored only as a hash;
    it works once (accepted_at) and until expires_at."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="leader_invitations", verbose_name=_("virksomhed")
    )
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("navn"), max_length=200)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("inviteret af"),
    )
    created_at = models.DateTimeField(_("sendt"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("udløber"))
    accepted_at = models.DateTimeField(_("taget i brug"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leader_invitations",
        verbose_name=_("bruger"),
    )

    objects = ScopedManager(jobcenter="company__jobcenter")

    class Meta:
        verbose_name = _("invitation af leder")
        verbose_name_plural = _("invitationer af ledere")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="leader_invitation_expires_later"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def jobcenter(self):
        return self.company.jobcenter

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class NominationStatus(models.TextChoices):
    NEW = "new", _("Ny")
    HANDLED = "handled", _("Behandlet")


class CourseNomination(models.Model):
    """A leader's wish that a company mentor attends a mentor course. The courses app turns it into a
    registration when courses exist; until then a coordinator reads the wish and marks it handled."""

    mentor = models.ForeignKey(
        CompanyMentor, on_delete=models.CASCADE, related_name="course_nominations", verbose_name=_("mentor")
    )
    wish = models.TextField(_("ønske"), blank=True, help_text=_("Fx særlige moduler eller tidspunkter, der passer."))
    nominated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("indstillet af")
    )
    created_at = models.DateTimeField(_("indstillet"), default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=NominationStatus.choices, default=NominationStatus.NEW
    )

    objects = ScopedManager(jobcenter="mentor__company__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indstilling til mentorkursus")
        verbose_name_plural = _("indstillinger til mentorkursus")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor"], condition=Q(status="new"), name="course_nomination_one_open_per_mentor"
            ),
        ]

    def __str__(self) -> str:
        return str(self.mentor)

    @property
    def is_handled(self) -> bool:
        return self.status == NominationStatus.HANDLED

    @property
    def jobcenter(self):
        return self.mentor.company.jobcenter


class CompensationRates(models.Model):
    """The additions a jobcenter allows on top of the company mentor's wage (frikøb), as percentages
    of the wage amount, from a date. Jobcenter admins edit them; a claim keeps the rates it was
    calculated with. Transport time, travel costs and wages during sickness are never compensated."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter",
        on_delete=models.CASCADE,
        related_name="compensation_rates",
        verbose_name=_("jobcenter"),
    )
    valid_from = models.DateField(_("gælder fra"))
    holiday_pay_pct = models.DecimalField(
        _("feriepenge (%)"), max_digits=5, decimal_places=2, default=Decimal("12.50"), validators=[MinValueValidator(0)]
    )
    pension_pct = models.DecimalField(
        _("pension (%)"), max_digits=5, decimal_places=2, default=Decimal("8.00"), validators=[MinValueValidator(0)]
    )
    employer_contribution_pct = models.DecimalField(
        _("arbejdsgiverbidrag (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.50"),
        validators=[MinValueValidator(0)],
        help_text=_("ATP, AES, barselsfond og lignende bidrag, samlet som procent af lønnen."),
    )

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("satser for frikøb")
        verbose_name_plural = _("satser for frikøb")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "valid_from"], name="compensation_rates_one_per_date"),
            models.CheckConstraint(
                condition=Q(holiday_pay_pct__gte=0, holiday_pay_pct__lte=100)
                & Q(pension_pct__gte=0, pension_pct__lte=100)
                & Q(employer_contribution_pct__gte=0, employer_contribution_pct__lte=100),
                name="compensation_rates_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter}: {self.valid_from:%d.%m.%Y}"


CLAIM_PARTS_SUM = F("wage_amount") + F("holiday_pay_amount") + F("pension_amount") + F("employer_contribution_amount")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Indsendt")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")


class CompensationClaim(models.Model):
    """A company's claim for compensation (frikøb) for one placement and one month: the company
    mentor's hours on the mentor role × the mentor's actual hourly wage, plus the jobcenter's
    additions. Amounts are calculated by companies.services and kept with the rates used."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="compensation_claims", verbose_name=_("jobcenter")
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="compensation_claims", verbose_name=_("virksomhed")
    )
    placement = models.ForeignKey(
        "citizens.Placement", on_delete=models.PROTECT, related_name="compensation_claims", verbose_name=_("forløb")
    )
    company_mentor = models.ForeignKey(
        CompanyMentor, on_delete=models.PROTECT, related_name="compensation_claims", verbose_name=_("mentor")
    )
    month = models.DateField(_("måned"), help_text=_("Den første dag i måneden."))
    hours = models.DecimalField(
        _("timer"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
        help_text=_("Kun tid brugt på mentoropgaven. Ikke transporttid, rejser eller sygdom."),
    )
    hourly_wage = models.DecimalField(_("timeløn"), max_digits=8, decimal_places=2)
    holiday_pay_pct = models.DecimalField(_("feriepenge (%)"), max_digits=5, decimal_places=2)
    pension_pct = models.DecimalField(_("pension (%)"), max_digits=5, decimal_places=2)
    employer_contribution_pct = models.DecimalField(_("arbejdsgiverbidrag (%)"), max_digits=5, decimal_places=2)
    wage_amount = models.DecimalField(_("løn"), max_digits=10, decimal_places=2)
    holiday_pay_amount = models.DecimalField(_("feriepenge"), max_digits=10, decimal_places=2)
    pension_amount = models.DecimalField(_("pension"), max_digits=10, decimal_places=2)
    employer_contribution_amount = models.DecimalField(_("arbejdsgiverbidrag"), max_digits=10, decimal_places=2)
    total_amount = models.DecimalField(_("i alt"), max_digits=10, decimal_places=2)
    note = models.TextField(_("bemærkning"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("indsendt af")
    )
    submitted_at = models.DateTimeField(_("indsendt"), default=timezone.now)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet af"),
    )
    decided_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anmodning om frikøb")
        verbose_name_plural = _("anmodninger om frikøb")
        ordering = ["-month", "company__name", "id"]
        indexes = [
            models.Index(fields=["jobcenter", "status", "month"], name="claim_jobcenter_status_month"),
            models.Index(fields=["company", "month"], name="claim_company_month"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "month"],
                name="claim_one_per_placement_and_month",
                violation_error_message=_("Der er allerede en anmodning for dette forløb i den måned."),
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="claim_month_first_day"),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=200) & Q(hourly_wage__gte=0), name="claim_hours_and_wage"
            ),
            # Within half an øre: SQLite compares decimals as floating point.
            models.CheckConstraint(
                condition=Q(total_amount__gte=CLAIM_PARTS_SUM - Decimal("0.005"))
                & Q(total_amount__lte=CLAIM_PARTS_SUM + Decimal("0.005")),
                name="claim_total_is_sum",
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.SUBMITTED, decided_at__isnull=True)
                | Q(status=ClaimStatus.APPROVED, decided_at__isnull=False)
                | (Q(status=ClaimStatus.REJECTED, decided_at__isnull=False) & ~Q(rejection_reason="")),
                name="claim_decision_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.month:%m.%Y}"

    STATUS_BADGES: ClassVar[dict[str, str]] = {
        ClaimStatus.APPROVED: "badge-success",
        ClaimStatus.REJECTED: "badge-warning",
        ClaimStatus.SUBMITTED: "badge-info",
    }
    # Which status may follow which; companies.services checks every move against it under the lock.
    # A rejected claim is corrected and submitted again as the same row.
    STATUS_TRANSITIONS = Transitions(
        ClaimStatus,
        {
            ClaimStatus.SUBMITTED: {ClaimStatus.APPROVED, ClaimStatus.REJECTED},
            ClaimStatus.REJECTED: {ClaimStatus.SUBMITTED},
            ClaimStatus.APPROVED: set(),
        },
        message=_("En anmodning om frikøb med status “%(current)s” kan ikke få status “%(target)s”."),
    )

    @property
    def can_be_decided(self) -> bool:
        """Submitted and not yet approved or rejected."""
        return self.STATUS_TRANSITIONS.can(self.status, ClaimStatus.APPROVED)

    @property
    def can_be_resubmitted(self) -> bool:
        """A rejected claim can be corrected and sent again (the same row, for the same month)."""
        return self.STATUS_TRANSITIONS.can(self.status, ClaimStatus.SUBMITTED)

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")
