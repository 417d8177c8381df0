"""Vocabulary that the law changes: per jobcenter, edited by jobcenter admins in Django admin,
seeded by a data migration (existing jobcenters) and citizens.services.vocabulary_defaults_ensure."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords


class VocabularyItem(models.Model):
    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, verbose_name=_("jobcenter"))
    code = models.SlugField(
        _("kode"), max_length=50, help_text=_("Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.")
    )
    name = models.CharField(_("navn"), max_length=100)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True, help_text=_("Kan ikke vælges til nye sager."))

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


def _constraints(prefix: str) -> list:
    return [
        models.UniqueConstraint(fields=["jobcenter", "code"], name=f"{prefix}_unique_code_per_jobcenter"),
        models.UniqueConstraint(
            "jobcenter",
            Lower("name"),
            name=f"{prefix}_unique_name_per_jobcenter",
            violation_error_message=_("Der findes allerede et punkt med det navn."),
        ),
    ]


class TargetGroup(VocabularyItem):
    """Målgruppe (jobparat, aktivitetsparat, ressourceforløb, ...)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="target_groups", verbose_name=_("jobcenter")
    )
    history = HistoricalRecords()

    class Meta(VocabularyItem.Meta):
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        constraints = _constraints("target_group")


class PlacementType(VocabularyItem):
    """Forløbstype (virksomhedspraktik, løntilskud, fleksjob, udviklingspraktik, ordinært job med mentor)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="placement_types", verbose_name=_("jobcenter")
    )
    history = HistoricalRecords()

    class Meta(VocabularyItem.Meta):
        verbose_name = _("forløbstype")
        verbose_name_plural = _("forløbstyper")
        constraints = _constraints("placement_type")


class ProgressDimension(VocabularyItem):
    """A dimension of the competence cards (adfærd, engagement, fleksibilitet, lærevillighed, mødestabilitet)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="progress_dimensions", verbose_name=_("jobcenter")
    )
    history = HistoricalRecords()

    class Meta(VocabularyItem.Meta):
        verbose_name = _("kompetencekort-dimension")
        verbose_name_plural = _("kompetencekort-dimensioner")
        constraints = _constraints("progress_dimension")
