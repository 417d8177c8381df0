"""What is kept about a mentor along the way: status events, notes and qualifications."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from corps.models.choices import MentorStatus
from corps.models.mentor import Mentor


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
        return f"{self.mentor} – {timezone.localtime(self.created_at):%d.%m.%Y}"


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
