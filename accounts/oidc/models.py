"""Which MitID Erhverv identity a company person's membership is bound to."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from mentorship.tenancy import UnscopedManager


class ProfessionalBinding(models.Model):
    """A leader membership bound, at the first MitID Erhverv sign-in through the leader's invitation, to the
    person's persistent professional ID (NemLog-in's `.../professional/uuid/persistent`) and the CVR number the
    sign-in reported, which was the company's. Later sign-ins find the person by that ID alone.

    One binding per membership; one user per persistent ID (accounts.oidc.services keeps all bindings of an ID
    on one user, as the ID is one person in one organisation)."""

    membership = models.OneToOneField(
        "accounts.Membership",
        on_delete=models.CASCADE,
        related_name="mitid_erhverv_binding",
        verbose_name=_("medlemskab"),
    )
    persistent_id = models.CharField(_("MitID Erhverv-id (persistent)"), max_length=200, db_index=True)
    cvr = models.CharField(_("CVR-nummer ved tilknytning"), max_length=8)
    claimed_name = models.CharField(_("navn fra MitID Erhverv"), max_length=200, blank=True)
    claimed_email = models.EmailField(_("e-mail fra MitID Erhverv"), blank=True)
    bound_at = models.DateTimeField(_("tilknyttet"), default=timezone.now)
    last_sign_in_at = models.DateTimeField(_("seneste login"), default=timezone.now)

    objects = ScopedManager(jobcenter="membership__jobcenter")
    # Only for the sign-in itself: a person signing in has no jobcenter yet, and the persistent ID is what
    # narrows the read (accounts.oidc.services); never for a page or a list.
    unscoped = UnscopedManager()

    class Meta:
        verbose_name = _("MitID Erhverv-tilknytning")
        verbose_name_plural = _("MitID Erhverv-tilknytninger")
        constraints = [
            models.CheckConstraint(condition=Q(cvr__regex=r"^[0-9]{8}$"), name="mitid_binding_cvr_eight_digits"),
            models.CheckConstraint(condition=~Q(persistent_id=""), name="mitid_binding_persistent_id_set"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} – {self.persistent_id}"

    @property
    def jobcenter(self):
        return self.membership.jobcenter
