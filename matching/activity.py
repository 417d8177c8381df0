"""What matching's services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class MatchingAction(models.TextChoices):
    WEIGHTS_SEED = "matching.weights.seed", _("Standardvægte for matchning oprettet")
    PREFERENCES_SAVED = "matching.preferences.saved", _("Borgerens ønsker til mentor gemt")
    OFFER_CREATED = "matching.offer.created", _("Mentoropgaven tilbudt en mentor")
    OFFER_ACCEPTED = "matching.offer.accepted", _("Mentor sagde ja til opgaven")
    OFFER_DECLINED = "matching.offer.declined", _("Mentor sagde nej til opgaven")
    OFFER_WITHDRAWN = "matching.offer.withdrawn", _("Tilbud til mentor trukket tilbage")
    OFFER_EXPIRED = "matching.offer.expired", _("Tilbud til mentorer udløbet")
    COHORT_CREATED = "matching.cohort.created", _("Hold oprettet")
    COHORT_SOLVED = "matching.cohort.solved", _("Hold fordelt på virksomheder")
    COHORT_MOVED = "matching.cohort.moved", _("Kandidat flyttet på holdet")
    COHORT_COMMITTED = "matching.cohort.committed", _("Forløb foreslået for holdet")
    COHORT_COMPANY_UPDATED = "matching.cohort.company_updated", _("Virksomhedens pladser på holdet ændret")
