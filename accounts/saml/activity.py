"""What staff sign-in through KOMBIT's Context Handler writes to the activity log (registry: audit.actions).
Imported by accounts/activity.py, so audit's autodiscovery registers it with the accounts app's actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class FederationAction(models.TextChoices):
    SIGNED_IN = "accounts.federation.signed_in", _("Logget ind via Fælleskommunal adgangsstyring")
    REFUSED = "accounts.federation.refused", _("Log ind via Fælleskommunal adgangsstyring afvist")
    USER_CREATED = "accounts.federation.user_created", _("Bruger oprettet ved log ind via adgangsstyring")
    USER_LINKED = "accounts.federation.user_linked", _("Bruger knyttet til sin identitet i adgangsstyring")
    ROLE_GRANTED = "accounts.federation.role_granted", _("Rolle givet via adgangsstyring")
    ROLE_CHANGED = "accounts.federation.role_changed", _("Rolle ændret via adgangsstyring")
    ROLE_REMOVED = "accounts.federation.role_removed", _("Rolle fjernet, da adgangsstyring ikke længere giver den")
    LOGGED_OUT_BY_IDP = "accounts.federation.logged_out_by_idp", _("Logget ud af identitetsudbyderen")
    LOCAL_PASSWORDS_DISABLED = "accounts.federation.passwords_disabled", _("Lokale adgangskoder slået fra")
    LOCAL_PASSWORDS_ENABLED = "accounts.federation.passwords_enabled", _("Lokale adgangskoder slået til igen")
