from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Text(models.Model):
    """A jobcenter's own wording of one editable text (texts.registry). Without a row the product's text is
    used, so only edited texts are stored; restoring the default deletes the row."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="texts", verbose_name=_("jobcenter")
    )
    key = models.CharField(_("tekst"), max_length=100)
    body = models.TextField(_("tekst"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("tekst")
        verbose_name_plural = _("tekster")
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["jobcenter", "key"], name="text_one_per_key")]

    def __str__(self) -> str:
        return self.key
