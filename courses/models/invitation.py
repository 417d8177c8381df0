"""Invitations to a course, sent to a company or a mentor with a link to register."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from courses.models.course import Course


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
