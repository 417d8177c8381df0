"""The corps vocabulary: a jobcenter's competences and the global list of languages."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords


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
