"""The citizen (borger): referral, contact, needs, wishes about a mentor, sensitive notes, outcome."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from citizens import cpr

postcode_validator = RegexValidator(r"^\d{4}$", _("Postnummeret skal være fire cifre."))
phone_validator = RegexValidator(
    r"^\+?[0-9 ]{8,15}$", _("Skriv telefonnummeret med cifre, fx 20 30 40 50 eller +45 20304050.")
)


class CitizenStatus(models.TextChoices):
    REFERRED = "referred", _("Henvist")
    ACTIVE = "active", _("I forløb")
    ENDED = "ended", _("Afsluttet")


class Outcome(models.TextChoices):
    """How a placement or the citizen's whole course ended. Fixed codes: cohort statistics count them."""

    ORDINARY_JOB = "ordinary_job", _("Ordinært job")
    EDUCATION = "education", _("Uddannelse")
    FLEX_JOB = "flex_job", _("Fleksjob")
    OTHER_PLACEMENT = "other_placement", _("Andet forløb")
    SICK_LISTED = "sick_listed", _("Sygemeldt")
    DROPPED_OUT = "dropped_out", _("Faldet fra")
    MOVED = "moved", _("Fraflyttet")
    OTHER = "other", _("Andet")


class GenderWish(models.TextChoices):
    NONE = "", _("Ingen ønsker")
    FEMALE = "female", _("Kvinde")
    MALE = "male", _("Mand")


class AgeBandWish(models.TextChoices):
    """Keys match corps.models.AGE_BANDS, so matching can compare them directly."""

    NONE = "", _("Ingen ønsker")
    U25 = "u25", _("Under 25 år")
    B25 = "25-34", _("25–34 år")
    B35 = "35-44", _("35–44 år")
    B45 = "45-54", _("45–54 år")
    B55 = "55-64", _("55–64 år")
    B65 = "65+", _("65 år og derover")


class Citizen(models.Model):
    """A citizen referred for mentor support. CPR is optional and never stored in clear (see citizens.cpr)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="citizens", verbose_name=_("jobcenter")
    )
    name = models.CharField(_("navn"), max_length=200)
    # CPR: the birth date (for the masked form and age), the keyed hash (exact search) and the token.
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    cpr_hash = models.CharField(_("CPR-søgenøgle"), max_length=64, blank=True, editable=False)
    cpr_encrypted = models.TextField(_("CPR-nummer (krypteret)"), blank=True, editable=False)

    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, validators=[postcode_validator])

    target_group = models.ForeignKey(
        "citizens.TargetGroup", on_delete=models.PROTECT, related_name="citizens", verbose_name=_("målgruppe")
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_citizens",
        verbose_name=_("henvisende sagsbehandler"),
    )
    referred_on = models.DateField(_("henvist"), default=timezone.localdate)
    referral_reason = models.TextField(_("baggrund for henvisningen"), blank=True)
    needs = models.ManyToManyField("corps.Competence", blank=True, related_name="citizens", verbose_name=_("behov"))
    languages = models.ManyToManyField("corps.Language", blank=True, related_name="citizens", verbose_name=_("sprog"))

    wish_gender = models.CharField(
        _("ønske om mentorens køn"), max_length=10, choices=GenderWish.choices, blank=True, default=""
    )
    wish_age_band = models.CharField(
        _("ønske om mentorens alder"), max_length=10, choices=AgeBandWish.choices, blank=True, default=""
    )
    wish_language = models.ForeignKey(
        "corps.Language",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ønske om mentorens sprog"),
    )
    wish_text = models.TextField(_("borgerens ønsker med egne ord"), blank=True)
    caseworker_view = models.TextField(_("sagsbehandlerens vurdering"), blank=True)

    status = models.CharField(_("status"), max_length=10, choices=CitizenStatus.choices, default=CitizenStatus.REFERRED)
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("afsluttet den"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    # The CPR token and hash stay out of the change history: the history table is shown in admin.
    history = HistoricalRecords(excluded_fields=["cpr_hash", "cpr_encrypted"], m2m_fields=[needs, languages])

    class Meta:
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["jobcenter", "name", "id"], name="citizen_jc_name"),
            models.Index(fields=["jobcenter", "status", "name", "id"], name="citizen_jc_status_name"),
            models.Index(fields=["jobcenter", "-referred_on", "id"], name="citizen_jc_referred"),
            # The start page's referred citizens without a mentor, longest waiting first, and their count.
            models.Index(fields=["jobcenter", "status", "referred_on", "id"], name="citizen_jc_status_referred"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "cpr_hash"],
                condition=~Q(cpr_hash=""),
                name="citizen_unique_cpr_per_jobcenter",
                violation_error_message=_("Der findes allerede en borger med dette CPR-nummer."),
            ),
            models.CheckConstraint(condition=Q(status__in=CitizenStatus.values), name="citizen_status_valid"),
            models.CheckConstraint(
                condition=Q(status=CitizenStatus.ENDED, outcome__in=Outcome.values, outcome_on__isnull=False)
                | (~Q(status=CitizenStatus.ENDED) & Q(outcome="") & Q(outcome_on__isnull=True)),
                name="citizen_outcome_iff_ended",
            ),
            models.CheckConstraint(
                condition=(Q(cpr_hash="") & Q(cpr_encrypted=""))
                | (~Q(cpr_hash="") & ~Q(cpr_encrypted="") & Q(birth_date__isnull=False)),
                name="citizen_cpr_hash_and_token_together",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # Status rules (services, views and templates ask these, never the status string).
    STATUS_BADGES = {CitizenStatus.ACTIVE: "badge-success", CitizenStatus.REFERRED: "badge-info"}

    @property
    def is_ended(self) -> bool:
        """An ended citizen gets no new agreements, placements or offers and is not ended again."""
        return self.status == CitizenStatus.ENDED

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")

    @property
    def cpr_masked(self) -> str:
        return cpr.masked(self.birth_date) if self.cpr_hash else ""

    @property
    def has_cpr(self) -> bool:
        return bool(self.cpr_hash)


class SensitiveNoteKind(models.TextChoices):
    HEALTH = "health", _("Helbred")
    SUBSTANCE = "substance", _("Misbrug")
    SOCIAL = "social", _("Sociale forhold")
    OTHER = "other", _("Andet")


class SensitiveNote(models.Model):
    """Health, substance abuse and social notes. Only coordinators and the citizen's caseworker read
    them, every read is logged, and they never reach the portal, mails, exports or logs."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="sensitive_notes", verbose_name=_("borger")
    )
    kind = models.CharField(_("emne"), max_length=20, choices=SensitiveNoteKind.choices)
    text = models.TextField(_("notat"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("skrevet af")
    )
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now, editable=False)

    # No change history: notes are never edited, and a history table would copy the text.
    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("følsomt notat")
        verbose_name_plural = _("følsomme notater")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["citizen", "-created_at"], name="sensitive_note_citizen")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {timezone.localtime(self.created_at):%d.%m.%Y}"
