"""Mentor courses, special modules and network meetings: types, courses and their session days,
invitations, registrations with a waiting list, attendance, evaluations and shadowing periods.

Vocabulary: CourseType is per jobcenter (admins edit their own list in Django admin); every jobcenter
gets the default types from a data migration (existing jobcenters) or `course_types_defaults_ensure`
(new ones; seed_demo calls it).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from mentorship.transitions import Transitions


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


class InvitationSource(models.TextChoices):
    COMPANIES = "companies", _("Alle virksomheder i kommunen")
    FORMER = "former", _("Tidligere kursusdeltagere")
    CORPS = "corps", _("Mentorkorpset")
    PICKED = "picked", _("Udvalgte modtagere")


class InvitationStatus(models.TextChoices):
    SENT = "sent", _("Sendt")
    OPENED = "opened", _("Åbnet")
    REGISTERED = "registered", _("Tilmeldt")
    DECLINED = "declined", _("Takket nej")


class Invitation(models.Model):
    """One invitation e-mail to one address for one course, and what the recipient did with it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("kursus"))
    source = models.CharField(_("modtagergruppe"), max_length=20, choices=InvitationSource.choices)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("virksomhed"),
    )
    corps_mentor = models.ForeignKey(
        "corps.Mentor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("mentor")
    )
    company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("virksomhedsmentor"),
    )
    name = models.CharField(_("navn"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.SENT
    )
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    opened_at = models.DateTimeField(_("åbnet"), null=True, blank=True)
    responded_at = models.DateTimeField(_("svaret"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(jobcenter="course__jobcenter")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "course",
                Lower("email"),
                name="invitation_one_per_address",
                violation_error_message=_("Allerede inviteret."),
            ),
            models.CheckConstraint(condition=Q(status__in=InvitationStatus.values), name="invitation_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.course}"

    @property
    def is_declined(self) -> bool:
        return self.status == InvitationStatus.DECLINED


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Tilmeldt")
    WAITING = "waiting", _("På venteliste")
    OFFERED = "offered", _("Tilbudt ledig plads")
    CANCELLED = "cancelled", _("Afmeldt")
    LAPSED = "lapsed", _("Tilbud udløbet")


# A seat is held by a registration and by an offer that has not been answered yet.
SEAT_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED)
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED, RegistrationStatus.WAITING)
# Which status may follow which (Registration.STATUS_TRANSITIONS); courses.services check every move against
# it with the course locked, also the bulk moves (a course cancelled, offers lapsed). A registration is
# created registered or waiting (not a move).
REGISTRATION_TRANSITIONS = Transitions(
    RegistrationStatus,
    {
        RegistrationStatus.WAITING: {RegistrationStatus.OFFERED, RegistrationStatus.CANCELLED},
        RegistrationStatus.OFFERED: {
            RegistrationStatus.REGISTERED,
            RegistrationStatus.CANCELLED,
            RegistrationStatus.LAPSED,
        },
        RegistrationStatus.REGISTERED: {RegistrationStatus.CANCELLED},
        RegistrationStatus.CANCELLED: set(),
        RegistrationStatus.LAPSED: set(),
    },
    message=_("En tilmelding med status “%(current)s” kan ikke få status “%(target)s”."),
)


def company_registrations_q(company) -> Q:
    """A company's registrations, as the portal sees them (reads and writes alike): the company's own and
    its company mentors', on courses of the company's jobcenter."""
    return Q(course__jobcenter_id=company.jobcenter_id) & (Q(company=company) | Q(company_mentor__company=company))


class Via(models.TextChoices):
    COORDINATOR = "coordinator", _("Jobcentret")
    PORTAL = "portal", _("Virksomhedsportalen")
    INVITATION = "invitation", _("Invitationens link")


class Registration(models.Model):
    """A participant's place on a course, or on its waiting list (in order of `waiting_since`).

    The participant is a corps mentor, a company mentor, or a person named by e-mail (e.g. an employee
    of an invited company who is not a company mentor yet); name and e-mail are always copied here."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("kursus"))
    corps_mentor = models.ForeignKey(
        "corps.Mentor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_registrations",
        verbose_name=_("mentor i korpset"),
    )
    company_mentor = models.ForeignKey(
        "companies.CompanyMentor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_registrations",
        verbose_name=_("virksomhedsmentor"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_registrations",
        verbose_name=_("virksomhed"),
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    via = models.CharField(_("tilmeldt via"), max_length=20, choices=Via.choices)
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    nomination = models.ForeignKey(
        "companies.CourseNomination",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("indstilling"),
    )
    created_at = models.DateTimeField(_("tilmeldt"), default=timezone.now)
    waiting_since = models.DateTimeField(_("på venteliste siden"), null=True, blank=True)
    offered_at = models.DateTimeField(_("plads tilbudt"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("svarfrist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)
    completed_on = models.DateField(_("gennemført"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(jobcenter="course__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["course", "status", "waiting_since"], name="registration_course_status"),
            models.Index(fields=["status", "offer_expires_at"], name="registration_offer_expiry"),
        ]
        constraints = [
            models.UniqueConstraint(
                "course",
                Lower("email"),
                condition=Q(status__in=["registered", "waiting", "offered"]),
                name="registration_one_active_per_address",
                violation_error_message=_("Personen er allerede tilmeldt eller på ventelisten."),
            ),
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"),
            models.CheckConstraint(
                condition=Q(corps_mentor__isnull=True) | Q(company_mentor__isnull=True),
                name="registration_one_kind_of_mentor",
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(waiting_since__isnull=False), name="registration_waiting_has_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_deadline",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status="registered"),
                name="registration_completed_registered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.course}"

    # Status rules (services, views and templates ask these, never the status string).
    STATUS_TRANSITIONS = REGISTRATION_TRANSITIONS

    @property
    def is_waiting(self) -> bool:
        """On the waiting list, without a seat offered."""
        return self.status == RegistrationStatus.WAITING

    @property
    def is_offered(self) -> bool:
        """Offered a freed seat, to accept before offer_expires_at."""
        return self.status == RegistrationStatus.OFFERED

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES

    @property
    def is_current(self) -> bool:
        """Registered, offered a seat or on the waiting list: not cancelled or lapsed."""
        return self.status in ACTIVE_STATUSES

    @property
    def can_be_cancelled(self) -> bool:
        """A current registration can be cancelled until the participant has completed the course."""
        return self.STATUS_TRANSITIONS.can(self.status, RegistrationStatus.CANCELLED) and not self.completed_on

    @property
    def kind_label(self) -> str:
        if self.corps_mentor_id:
            return str(_("Mentorkorps"))
        if self.company_mentor_id:
            return str(_("Virksomhedsmentor"))
        return str(_("Anden deltager"))


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
