"""The jobcenter's corps of mentors: applications, screening, profiles, vocabulary and hours.

Vocabulary:
- Competence is per jobcenter: jobcenter admins edit their own list in Django admin (a global list
  would let one municipality's admin change another's). Every jobcenter gets the default list from
  a data migration (existing jobcenters) or from `corps.services.competences_defaults_ensure` (new
  ones; seed_demo calls it). Citizens' needs and matching point at the same rows.
- Language is global: the set of languages is not municipal policy. The platform superuser edits it.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from mentorship.tenancy import UnscopedManager
from mentorship.transitions import Transitions


class Competence(models.Model):
    """One competence a mentor can bring and a citizen can need (e.g. "Personlig økonomi")."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="competences", verbose_name=_("jobcenter")
    )
    name = models.CharField(_("navn"), max_length=100)
    description = models.TextField(_("beskrivelse"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(
        _("i brug"), default=True, help_text=_("Kompetencer, der ikke er i brug, kan ikke vælges til nye profiler.")
    )

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kompetence")
        verbose_name_plural = _("kompetencer")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                "jobcenter",
                Lower("name"),
                name="competence_unique_name_per_jobcenter",
                violation_error_message=_("Der findes allerede en kompetence med det navn."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language a mentor speaks or a citizen needs support in. Global vocabulary."""

    code = models.CharField(
        _("sprogkode"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[a-z]{2,3}$", _("Brug en ISO 639-kode med små bogstaver, fx da eller ti."))],
    )
    name = models.CharField(_("navn"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sprog")
        verbose_name_plural = _("sprog")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class MentorStatus(models.TextChoices):
    APPLICANT = "applicant", _("Ansøger")
    INTERVIEW = "interview", _("Samtale aftalt")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("På pause")
    RESIGNED = "resigned", _("Fratrådt")


class Attachment(models.TextChoices):
    """How the mentor is attached to the labour market; one is required (seed 004)."""

    JOB = "job", _("I job")
    EDUCATION = "education", _("I uddannelse")
    RETIRED = "retired", _("Pensioneret efter et langt arbejdsliv")


class Gender(models.TextChoices):
    FEMALE = "female", _("Kvinde")
    MALE = "male", _("Mand")
    OTHER = "other", _("Andet")
    UNSPECIFIED = "", _("Ikke oplyst")


class Employment(models.TextChoices):
    HOURLY = "hourly", _("Timeansat (mentorkorps)")
    FULL_TIME = "full_time", _("Fuldtidsansat (mentorkorps)")


class Source(models.TextChoices):
    APPLICATION = "application", _("Ansøgning via hjemmesiden")
    MANUAL = "manual", _("Oprettet af koordinator")
    IMPORT = "import", _("Importeret")


# Availability is stored as two bit sets, so a list filter is one bitwise AND on an indexed table.
WEEKDAYS = [
    (1 << 0, _("Mandag")),
    (1 << 1, _("Tirsdag")),
    (1 << 2, _("Onsdag")),
    (1 << 3, _("Torsdag")),
    (1 << 4, _("Fredag")),
    (1 << 5, _("Lørdag")),
    (1 << 6, _("Søndag")),
]
DAY_PARTS = [
    (1 << 0, _("Formiddag")),
    (1 << 1, _("Eftermiddag")),
    (1 << 2, _("Aften")),
]
ALL_WEEKDAYS = sum(bit for bit, _label in WEEKDAYS)
ALL_DAY_PARTS = sum(bit for bit, _label in DAY_PARTS)

AGE_BANDS = [
    ("u25", _("Under 25 år"), 0, 24),
    ("25-34", _("25–34 år"), 25, 34),
    ("35-44", _("35–44 år"), 35, 44),
    ("45-54", _("45–54 år"), 45, 54),
    ("55-64", _("55–64 år"), 55, 64),
    ("65+", _("65 år og derover"), 65, 200),
]


def age_band_of(birth_year: int | None, today: date | None = None) -> tuple[str, str] | None:
    """(key, label) of the age band for a birth year; the product shows bands, never a birth year."""
    if not birth_year:
        return None
    age = (today or timezone.localdate()).year - birth_year
    for key, label, low, high in AGE_BANDS:
        if low <= age <= high:
            return key, str(label)
    return None


def bits_labels(value: int, choices) -> list[str]:
    return [str(label) for bit, label in choices if value & bit]


postcode_validator = RegexValidator(r"^\d{4}$", _("Postnummeret skal være fire cifre."))
phone_validator = RegexValidator(
    r"^\+?[0-9 ]{8,15}$", _("Skriv telefonnummeret med cifre, fx 20 30 40 50 eller +45 20304050.")
)


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
    languages = models.ManyToManyField(Language, blank=True, related_name="mentors", verbose_name=_("sprog"))

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
    STATUS_BADGES = {
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


class MentorStatusEvent(models.Model):
    """One screening step: which status the mentor went from and to, by whom, why."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="status_events", verbose_name=_("mentor"))
    from_status = models.CharField(_("fra"), max_length=20, choices=MentorStatus.choices, blank=True)
    to_status = models.CharField(_("til"), max_length=20, choices=MentorStatus.choices)
    reason = models.TextField(_("begrundelse"), blank=True)
    until = models.DateField(_("til og med"), null=True, blank=True)
    happens_at = models.DateTimeField(_("samtaletidspunkt"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("udført af")
    )
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    objects = ScopedManager(jobcenter="mentor__jobcenter")

    class Meta:
        verbose_name = _("statusskift")
        verbose_name_plural = _("statusskift")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.mentor}: {self.from_status} → {self.to_status}"


class MentorNote(models.Model):
    """A coordinator's note on a mentor, with author and time."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="notes", verbose_name=_("mentor"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("skrevet af")
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)

    objects = ScopedManager(jobcenter="mentor__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("noter")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="mentor_note_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.created_at:%d.%m.%Y}"


class QualificationKind(models.TextChoices):
    COURSE = "course", _("Mentorkursus")
    MODULE = "module", _("Specialmodul")
    NETWORK_MEETING = "network_meeting", _("Netværksmøde")
    OTHER = "other", _("Andet")


class Qualification(models.Model):
    """A course, module or network meeting the mentor has completed. The courses app fills it later
    (source="courses", with source_reference naming its attendance row); coordinators may add by hand."""

    mentor = models.ForeignKey(
        Mentor, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("mentor")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=QualificationKind.choices)
    completed_on = models.DateField(_("gennemført"))
    source = models.CharField(_("kilde"), max_length=20, default="manual")
    source_reference = models.CharField(_("reference"), max_length=100, blank=True)

    objects = ScopedManager(jobcenter="mentor__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kvalifikation")
        verbose_name_plural = _("kvalifikationer")
        ordering = ["-completed_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "source", "source_reference"],
                condition=~Q(source_reference=""),
                name="qualification_unique_source_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_on:%d.%m.%Y})"


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
