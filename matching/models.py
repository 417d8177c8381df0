"""Matching: the jobcenter's criterion weights, what the caseworker adds about a citizen for matching,
offers to corps mentors, and cohorts spread over companies.

The scoring and the solver are the pure-Python core in ``matching.engine``; these models hold what the
coordinator decided and what the mentors answered.
"""

import dataclasses
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from corps.models import ALL_DAY_PARTS, ALL_WEEKDAYS
from matching.engine.problem import STATUS_INFEASIBLE, STATUS_OPTIMAL
from matching.engine.scoring import Weights
from mentorship.transitions import Transitions

MUST_HAVE = 10
WEIGHT_HELP = _("0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).")


def _weight(label, default: int):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MaxValueValidator(MUST_HAVE)], help_text=WEIGHT_HELP
    )


# The engine's criterion keys (matching.engine.scoring.Weights) and their Danish names.
CRITERIA = (
    ("needs", _("Kompetencer dækker borgerens behov")),
    ("language", _("Fælles sprog")),
    ("wishes", _("Borgerens ønsker (køn, alder)")),
    ("availability", _("Fælles tid")),
    ("distance", _("Afstand mellem postnumre")),
    ("capacity_left", _("Ledige pladser hos mentoren")),
    ("load_balance", _("Jævn fordeling af borgere")),
    ("caseworker", _("Sagsbehandlerens foretrukne mentor")),
)
# The engine's defaults are the only ones: a jobcenter without stored weights is scored exactly as a new one.
_ENGINE_DEFAULTS = dataclasses.asdict(Weights())
DEFAULT_MAX_DISTANCE_KM = int(_ENGINE_DEFAULTS.pop("max_distance_km"))
DEFAULT_WEIGHTS: dict[str, int] = _ENGINE_DEFAULTS
# Days a mentor has to answer an offer, unless the jobcenter chose otherwise.
DEFAULT_OFFER_VALID_DAYS = 5


class MatchingWeights(models.Model):
    """A jobcenter's weights for the matching criteria. Jobcenter admins edit them in Django admin; every
    jobcenter gets the defaults from a data migration (existing ones) or
    ``matching.services.weights_defaults_ensure`` (new ones; seed_demo calls it)."""

    jobcenter = models.OneToOneField(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="matching_weights", verbose_name=_("jobcenter")
    )
    needs = _weight(_("kompetencer dækker behov"), DEFAULT_WEIGHTS["needs"])
    language = _weight(_("fælles sprog"), DEFAULT_WEIGHTS["language"])
    wishes = _weight(_("borgerens ønsker"), DEFAULT_WEIGHTS["wishes"])
    availability = _weight(_("fælles tid"), DEFAULT_WEIGHTS["availability"])
    distance = _weight(_("afstand"), DEFAULT_WEIGHTS["distance"])
    capacity_left = _weight(_("ledige pladser"), DEFAULT_WEIGHTS["capacity_left"])
    load_balance = _weight(_("jævn fordeling"), DEFAULT_WEIGHTS["load_balance"])
    caseworker = _weight(_("sagsbehandlerens præference"), DEFAULT_WEIGHTS["caseworker"])
    max_distance_km = models.PositiveSmallIntegerField(
        _("største afstand (km)"),
        default=DEFAULT_MAX_DISTANCE_KM,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    offer_valid_days = models.PositiveSmallIntegerField(
        _("dage mentoren har til at svare"),
        default=DEFAULT_OFFER_VALID_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vægte for matchning")
        verbose_name_plural = _("vægte for matchning")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{key}__lte": MUST_HAVE for key, _label in CRITERIA}),
                name="matching_weights_at_most_10",
                violation_error_message=_("En vægt skal være mellem 0 og 10."),
            ),
            models.CheckConstraint(condition=Q(max_distance_km__gte=1), name="matching_weights_distance_positive"),
            models.CheckConstraint(condition=Q(offer_valid_days__gte=1), name="matching_weights_valid_days_positive"),
        ]

    def __str__(self) -> str:
        return str(_("Vægte for %(jobcenter)s") % {"jobcenter": self.jobcenter})


class MatchingPreferences(models.Model):
    """What matching needs to know about a citizen beyond the citizen record: when they can meet, the
    caseworker's preferred mentors, and whether their needs are severe (a severe psychiatric diagnosis or
    heavy substance abuse: only the full-time corps). Never shown in the portal, mails or exports."""

    jobcenter = models.ForeignKey("accounts.Jobcenter", on_delete=models.CASCADE, related_name="+")
    citizen = models.OneToOneField(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="matching_preferences", verbose_name=_("borger")
    )
    available_weekdays = models.PositiveSmallIntegerField(_("ugedage"), default=0)
    available_day_parts = models.PositiveSmallIntegerField(_("tidspunkter"), default=0)
    severe_needs = models.BooleanField(
        _("kræver fuldtidskorpset"),
        default=False,
        help_text=_("Svær psykiatrisk diagnose eller tungt misbrug: kun mentorer fra fuldtidskorpset."),
    )
    preferred_mentors = models.ManyToManyField(
        "corps.Mentor", blank=True, related_name="+", verbose_name=_("sagsbehandlerens foretrukne mentorer")
    )
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords(m2m_fields=[preferred_mentors])

    class Meta:
        verbose_name = _("oplysninger til matchning")
        verbose_name_plural = _("oplysninger til matchning")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_weekdays__lte=ALL_WEEKDAYS) & Q(available_day_parts__lte=ALL_DAY_PARTS),
                name="matching_preferences_bits_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.citizen)


class OfferStatus(models.TextChoices):
    OFFERED = "offered", _("Tilbudt")
    ACCEPTED = "accepted", _("Accepteret")
    DECLINED = "declined", _("Afslået")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")
    EXPIRED = "expired", _("Udløbet")


class AnsweredVia(models.TextChoices):
    NONE = "", _("Ikke besvaret")
    LINK = "link", _("Mentoren via linket i e-mailen")
    COORDINATOR = "coordinator", _("Registreret af koordinator")


class Offer(models.Model):
    """A citizen's mentor task offered to a corps mentor, who accepts or declines (with a reason) by the
    link in the e-mail, or the coordinator records the answer. The link's token is stored only as a hash
    and works once (the offer leaves "offered") and until ``expires_at``."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="offers", verbose_name=_("jobcenter")
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="mentor_offers", verbose_name=_("borger")
    )
    mentor = models.ForeignKey(
        "corps.Mentor", on_delete=models.CASCADE, related_name="offers", verbose_name=_("mentor")
    )
    status = models.CharField(_("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OFFERED)
    score = models.FloatField(_("match"), default=0.0)
    explanations = models.JSONField(_("begrundelse"), default=list, blank=True)
    message = models.TextField(_("besked til mentoren"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("tilbudt af")
    )
    offered_at = models.DateTimeField(_("tilbudt"), default=timezone.now)
    expires_at = models.DateTimeField(_("svarfrist"))
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answered_via = models.CharField(_("besvaret via"), max_length=12, choices=AnsweredVia.choices, blank=True)
    decline_reason = models.TextField(_("begrundelse for afslag"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("tilbud til mentor")
        verbose_name_plural = _("tilbud til mentorer")
        ordering = ["-offered_at", "-id"]
        indexes = [
            models.Index(fields=["jobcenter", "status", "-offered_at"], name="offer_jc_status"),
            models.Index(fields=["citizen", "status"], name="offer_citizen_status"),
            models.Index(fields=["mentor", "status"], name="offer_mentor_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"],
                condition=Q(status="accepted"),
                name="offer_one_accepted_per_citizen",
                violation_error_message=_("Borgeren har allerede takket ja til en mentor."),
            ),
            models.UniqueConstraint(
                fields=["citizen", "mentor"],
                condition=Q(status="offered"),
                name="offer_one_open_per_citizen_and_mentor",
                violation_error_message=_("Mentoren har allerede et åbent tilbud om denne borger."),
            ),
            models.CheckConstraint(condition=Q(status__in=OfferStatus.values), name="offer_status_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["accepted", "declined"], answered_at__isnull=False)
                | (~Q(status__in=["accepted", "declined"]) & Q(answered_at__isnull=True)),
                name="offer_answered_at_iff_answered",
            ),
            models.CheckConstraint(
                condition=Q(status="declined") | Q(decline_reason=""), name="offer_reason_only_when_declined"
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=F("offered_at")), name="offer_expires_later"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="offer_score_0_to_1"),
        ]

    def __str__(self) -> str:
        return f"{self.citizen} → {self.mentor} ({self.get_status_display()})"

    # Status rules (services, views and templates ask these, never the status string).
    ANSWERED_STATUSES = frozenset({OfferStatus.ACCEPTED, OfferStatus.DECLINED})
    STATUS_BADGES: ClassVar[dict[str, str]] = {
        OfferStatus.ACCEPTED: "badge-success",
        OfferStatus.DECLINED: "badge-warning",
        OfferStatus.EXPIRED: "badge-warning",
        OfferStatus.OFFERED: "badge-info",
    }
    # Which status may follow which; matching.services.offer checks every move against it under the lock
    # (also the bulk moves: the citizen's other offers withdrawn on an acceptance, and the expiry sweep).
    STATUS_TRANSITIONS = Transitions(
        OfferStatus,
        {
            OfferStatus.OFFERED: {
                OfferStatus.ACCEPTED,
                OfferStatus.DECLINED,
                OfferStatus.WITHDRAWN,
                OfferStatus.EXPIRED,
            },
            OfferStatus.ACCEPTED: set(),
            OfferStatus.DECLINED: set(),
            OfferStatus.WITHDRAWN: set(),
            OfferStatus.EXPIRED: set(),
        },
        message=_("Et tilbud med status “%(current)s” kan ikke få status “%(target)s”."),
    )

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.OFFERED

    @property
    def is_accepted(self) -> bool:
        return self.status == OfferStatus.ACCEPTED

    @property
    def is_answered(self) -> bool:
        """The mentor has said yes or no (an offer withdrawn or expired was never answered)."""
        return self.status in self.ANSWERED_STATUSES

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")


class CohortStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SOLVED = "solved", _("Fordelt")
    COMMITTED = "committed", _("Forløb oprettet")


class Cohort(models.Model):
    """A group of candidates spread over companies at once (the Kalundborg case: 50 candidates over 10
    companies, at least 4 at each), with the placement details every proposal gets on commit."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("jobcenter")
    )
    name = models.CharField(_("navn"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=CohortStatus.choices, default=CohortStatus.DRAFT)
    require_all_assigned = models.BooleanField(
        _("alle kandidater skal placeres"),
        default=False,
        help_text=_("Uden flueben placeres så mange som muligt."),
    )
    placement_type = models.ForeignKey(
        "citizens.PlacementType", on_delete=models.PROTECT, related_name="+", verbose_name=_("forløbstype")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("planlagt slut"))
    hours_per_week = models.DecimalField(
        _("timer om ugen ved start"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    tasks = models.TextField(_("arbejdsopgaver"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig jobkonsulent")
    )
    # The solver's answer: {"status", "objective", "assigned_count", "reason", "method"}.
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    # Hard constraints the current assignment breaks (after moves by hand), in Danish.
    violations = models.JSONField(_("brudte betingelser"), default=list, blank=True)
    solved_at = models.DateTimeField(_("fordelt"), null=True, blank=True)
    committed_at = models.DateTimeField(_("forløb oprettet"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oprettet af")
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("hold")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CohortStatus.values), name="cohort_status_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="cohort_end_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(status="committed", committed_at__isnull=False)
                | (~Q(status="committed") & Q(committed_at__isnull=True)),
                name="cohort_committed_at_iff_committed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # Status rules (services, views and templates ask these, never the status string).
    STATUS_BADGES: ClassVar[dict[str, str]] = {
        CohortStatus.COMMITTED: "badge-success",
        CohortStatus.SOLVED: "badge-info",
    }

    @property
    def is_editable(self) -> bool:
        """Seats and candidates can change, and the cohort be solved again, until it is committed."""
        return self.status != CohortStatus.COMMITTED

    @property
    def is_solved(self) -> bool:
        """Spread over the companies, not committed yet: candidates can be moved by hand, and committed."""
        return self.status == CohortStatus.SOLVED

    @property
    def solve_failed(self) -> bool:
        """The last solve found no assignment that meets the conditions (`result["reason"]` says why)."""
        return self.result.get("status") == STATUS_INFEASIBLE

    @property
    def solve_succeeded(self) -> bool:
        return self.result.get("status") == STATUS_OPTIMAL

    @property
    def status_badge(self) -> str:
        """The status badge's DKFDS class ("" for a plain badge)."""
        return self.STATUS_BADGES.get(self.status, "")


class CohortCompany(models.Model):
    """A company in a cohort with how many it takes: between ``min_group`` and ``capacity``, or with
    ``allow_empty`` none or at least ``min_group``."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="companies", verbose_name=_("hold"))
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="+", verbose_name=_("virksomhed")
    )
    capacity = models.PositiveSmallIntegerField(_("pladser"), validators=[MaxValueValidator(500)])
    min_group = models.PositiveSmallIntegerField(_("mindst"), default=0, validators=[MaxValueValidator(500)])
    allow_empty = models.BooleanField(_("eller ingen"), default=False)

    objects = ScopedManager(jobcenter="cohort__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("virksomhed på hold")
        verbose_name_plural = _("virksomheder på hold")
        ordering = ["company__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "company"], name="cohort_company_once"),
            models.CheckConstraint(
                condition=Q(min_group__lte=F("capacity")),
                name="cohort_company_min_not_above_capacity",
                violation_error_message=_("Mindste gruppe kan ikke være større end antal pladser."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.company)


class CohortCandidate(models.Model):
    """A candidate in a cohort and where the solver (or the coordinator, by hand) put them."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("hold"))
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="+", verbose_name=_("borger")
    )
    assigned = models.ForeignKey(
        CohortCompany,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_candidates",
        verbose_name=_("placeret hos"),
    )
    score = models.FloatField(_("match"), null=True, blank=True)
    explanations = models.JSONField(_("begrundelse"), default=list, blank=True)
    moved_by_hand = models.BooleanField(_("flyttet manuelt"), default=False)
    placement = models.ForeignKey(
        "citizens.Placement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(jobcenter="cohort__jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kandidat på hold")
        verbose_name_plural = _("kandidater på hold")
        ordering = ["citizen__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "citizen"], name="cohort_candidate_once"),
        ]

    def __str__(self) -> str:
        return str(self.citizen)


class PostcodeLocation(models.Model):
    """The centre of a Danish postcode, for the optional distance criterion. Global data, loaded by the
    platform admin with `manage.py import_postcodes` (e.g. from DAWA's list of postcodes); with no row for a
    postcode, the distance criterion leaves that pair out rather than guessing."""

    code = models.CharField(
        _("postnummer"), max_length=4, unique=True, validators=[RegexValidator(r"^\d{4}$", _("Fire cifre."))]
    )
    name = models.CharField(_("by"), max_length=80, blank=True)
    latitude = models.FloatField(_("breddegrad"), validators=[MinValueValidator(54.0), MaxValueValidator(58.0)])
    longitude = models.FloatField(_("længdegrad"), validators=[MinValueValidator(7.0), MaxValueValidator(16.0)])

    class Meta:
        verbose_name = _("postnummer med placering")
        verbose_name_plural = _("postnumre med placering")
        ordering = ["code"]
        constraints = [
            # Denmark incl. Bornholm; Greenland and the Faroe Islands are outside the jobcenters' area.
            models.CheckConstraint(
                condition=Q(latitude__gte=54.0, latitude__lte=58.0, longitude__gte=7.0, longitude__lte=16.0),
                name="postcode_location_in_denmark",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()
