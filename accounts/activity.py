"""What accounts' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class AccountsAction(models.TextChoices):
    TWO_FACTOR_CONFIRMED = "accounts.two_factor.confirmed", _("Tofaktorlogin sat op")
    TWO_FACTOR_RESET = "accounts.two_factor.reset", _("Tofaktorlogin nulstillet")
    MEMBERSHIP_CREATED = "accounts.membership.created", _("Bruger fik en rolle i jobcentret")
    MEMBERSHIP_SWITCHED = "accounts.membership.switched", _("Bruger skiftede jobcenter")


# Staff sign-in through KOMBIT's Context Handler registers its actions under accounts too.
from accounts.saml import activity as _federation_activity  # noqa: E402, F401
