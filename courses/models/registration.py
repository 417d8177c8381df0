"""Registrations with a waiting list: statuses, their transitions table, and the seats they hold."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from courses.models.course import Course
from courses.models.invitation import Invitation
from mentorship.transitions import Transitions


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
