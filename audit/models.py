"""Append-only logs: who read personal data (AccessLog) and who changed what (ActivityLog).

Field-level change history of domain models is kept by django-simple-history (HistoricalRecords).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords


class AppendOnlyError(RuntimeError):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Log entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Log entries are removed only by the retention job.")

    def _raw_delete(self, using):
        raise AppendOnlyError("Log entries are removed only by the retention job.")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Log entries are removed only by the retention job.")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Visning")
    SEARCH = "search", _("Søgning")
    EXPORT = "export", _("Eksport")
    PRINT = "print", _("Udskrift")
    REVEAL = "reveal", _("Visning af CPR-nummer")


class AccessLog(AppendOnlyModel):
    """One read of personal data. Written by views through audit.services.access_record."""

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("jobcenter")
    )
    # No database constraint: an entry keeps the id and name of a user who was later deleted, and
    # deleting a user never rewrites the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    actor_label = models.CharField(_("brugerens navn"), max_length=200, blank=True)
    action = models.CharField(_("handling"), max_length=10, choices=AccessAction.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("type")
    )
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    object_repr = models.CharField(_("post"), max_length=200, blank=True)
    criterion = models.TextField(_("søgekriterium"), blank=True)
    purpose = models.CharField(_("formål"), max_length=200)
    path = models.CharField(_("adresse"), max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("adgangslogpost")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="accesslog_object_idx")]

    def __str__(self) -> str:
        at = timezone.localtime(self.at)
        return f"{at:%d.%m.%Y %H.%M} {self.actor_label} {self.get_action_display()} {self.object_repr}"


class ActivityLog(AppendOnlyModel):
    """One change made through a service: `action` is a dotted code such as `accounts.membership.created`."""

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("jobcenter")
    )
    # No database constraint: an entry keeps the id and name of a user who was later deleted, and
    # deleting a user never rewrites the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    actor_label = models.CharField(_("brugerens navn"), max_length=200, blank=True)
    action = models.CharField(_("handling"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("type")
    )
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    object_repr = models.CharField(_("post"), max_length=200, blank=True)
    data = models.JSONField(_("detaljer"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitetslogpost")
        verbose_name_plural = _("aktivitetslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="activitylog_object_idx")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%d.%m.%Y %H.%M} {self.actor_label} {self.action} {self.object_repr}"


class RetentionKind(models.TextChoices):
    """The kinds of record a jobcenter admin sets a retention period for (see audit.retention)."""

    CITIZEN_ENDED = "citizen_ended", _("Afsluttede borgersager")
    MENTOR_REJECTED = "mentor_rejected", _("Afviste ansøgninger til mentorkorpset")
    ACCESS_LOG = "access_log", _("Adgangslog")
    OUTBOX_MESSAGE = "outbox_message", _("Sendte og fejlede e-mails i udbakken")


# Months kept by default: a case five years after its outcome (the municipalities' common practice for
# case files), a rejected application six months (long enough for a complaint), the access log two years,
# e-mails one year.
RETENTION_DEFAULTS = {
    RetentionKind.CITIZEN_ENDED: 60,
    RetentionKind.MENTOR_REJECTED: 6,
    RetentionKind.ACCESS_LOG: 24,
    RetentionKind.OUTBOX_MESSAGE: 12,
}


class RetentionRule(models.Model):
    """How many months a jobcenter keeps one kind of record; the daily retention job deletes older ones."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="retention_rules", verbose_name=_("jobcenter")
    )
    kind = models.CharField(_("type"), max_length=30, choices=RetentionKind.choices)
    months = models.PositiveSmallIntegerField(
        _("måneder"), validators=[MinValueValidator(1), MaxValueValidator(600)], help_text=_("Mellem 1 og 600.")
    )
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("slettefrist")
        verbose_name_plural = _("slettefrister")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "kind"], name="retention_rule_one_per_kind"),
            models.CheckConstraint(condition=Q(months__gte=1, months__lte=600), name="retention_rule_months_range"),
            models.CheckConstraint(condition=Q(kind__in=RetentionKind.values), name="retention_rule_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.months}"


class ArchiveHold(models.Model):
    """A citizen's case kept for the municipal archive (arkivloven): the retention job leaves it alone,
    and a deletion on request is refused while the mark is set. Set and removed by coordinators."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    citizen = models.OneToOneField(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="archive_hold", verbose_name=_("borger")
    )
    reason = models.TextField(_("begrundelse"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("markeret af")
    )
    set_at = models.DateTimeField(_("markeret"), default=timezone.now)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bevaring til arkiv")
        verbose_name_plural = _("bevaring til arkiv")
        ordering = ["-set_at"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="archive_hold_reason_required")]

    def __str__(self) -> str:
        return str(_("Bevares til arkiv"))
