"""Users, the jobcenter (the tenant) and memberships that give a user a role in a jobcenter."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords


class Jobcenter(models.Model):
    """One municipality's jobcenter. Every row of domain data belongs to exactly one."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    municipality_code = models.CharField(
        _("kommunekode"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("Kommunekoden skal være tre cifre, fx 710."))],
    )
    slug = models.SlugField(_("kort navn i adresser"), max_length=60, unique=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    email = models.EmailField(_("kontakt-e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    # The municipality's CVR number: KOMBIT's Context Handler scopes a staff member's privileges to it
    # (accounts.saml.privileges), which is how a federated sign-in finds its jobcenter.
    cvr = models.CharField(
        _("kommunens CVR-nummer"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("CVR-nummeret skal være otte cifre."))],
        help_text=_("Bruges til log ind via Fælleskommunal adgangsstyring (KOMBIT)."),
    )
    # With federation configured, the jobcenter admin may switch local passwords off for its staff
    # (accounts.saml.services.local_passwords_set): they then sign in through the Context Handler only.
    local_passwords_disabled = models.BooleanField(_("lokale adgangskoder slået fra"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jobcenter")
        verbose_name_plural = _("jobcentre")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. E-mail is the login; roles come from memberships, not from flags."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("fulde navn"), max_length=200)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("adgang til administration"), default=False)
    date_joined = models.DateTimeField(_("oprettet"), default=timezone.now)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["full_name", "email"]
        constraints = [
            # Login and password reset find a user by e-mail in any case (get_by_natural_key): two users
            # whose addresses differ only in case made every login of that address answer 500, and let a
            # jobcenter admin create that twin for any user of another jobcenter, the platform operator too.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_any_case",
                violation_error_message=_("Der findes allerede en bruger med denne e-mail."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordinator")
    CASEWORKER = "caseworker", _("Sagsbehandler")
    JOBCENTER_ADMIN = "jobcenter_admin", _("Jobcenteradministrator")
    COMPANY_LEADER = "company_leader", _("Virksomhedsleder")


# Roles whose users must log in with a second factor (TOTP). Every role sees personal data (caseworkers
# CPR numbers and notes, company leaders citizens' names, goals and assessments), so every role needs it.
TWO_FACTOR_ROLES = frozenset({Role.COORDINATOR, Role.CASEWORKER, Role.JOBCENTER_ADMIN, Role.COMPANY_LEADER})
# Jobcenter staff who work in the coordinator app.
STAFF_ROLES = frozenset({Role.COORDINATOR, Role.CASEWORKER, Role.JOBCENTER_ADMIN})


class Membership(models.Model):
    """A user's role in one jobcenter. A company leader's membership also names the company."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("bruger"))
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("jobcenter")
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="leader_memberships",
        verbose_name=_("virksomhed"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = ScopedManager(jobcenter="jobcenter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(fields=["user", "jobcenter"], name="membership_one_per_user_and_jobcenter"),
            models.CheckConstraint(
                condition=Q(role=Role.COMPANY_LEADER, company__isnull=False)
                | (~Q(role=Role.COMPANY_LEADER) & Q(company__isnull=True)),
                name="membership_company_iff_leader",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.jobcenter}"

    @property
    def is_coordinator(self) -> bool:
        """Coordinators and jobcenter admins run the programme; admins can also edit vocabulary."""
        return self.role in (Role.COORDINATOR, Role.JOBCENTER_ADMIN)

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def requires_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES


# Staff sign-in through KOMBIT's Context Handler keeps its models in accounts/saml/models.py.
from accounts.saml.models import FederatedIdentity, FederatedSession, SeenAssertion  # noqa: E402, F401
