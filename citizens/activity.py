"""What citizens' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class CitizensAction(models.TextChoices):
    VOCABULARY_SEED = "citizens.vocabulary.seed", _("Standardmålgrupper, forløbstyper og kompetencekort oprettet")
    CITIZEN_CREATED = "citizens.citizen.created", _("Borger oprettet")
    CITIZEN_UPDATED = "citizens.citizen.updated", _("Borgerens oplysninger ændret")
    CITIZEN_ENDED = "citizens.citizen.ended", _("Borgerens sag afsluttet")
    SENSITIVE_NOTE_CREATED = "citizens.sensitive_note.created", _("Følsom oplysning tilføjet")
    AGREEMENT_CREATED = "citizens.agreement.created", _("Mentoraftale oprettet")
    AGREEMENT_UPDATED = "citizens.agreement.updated", _("Mentoraftale ændret")
    AGREEMENT_ACTIVATED = "citizens.agreement.activated", _("Mentoraftale trådt i kraft")
    AGREEMENT_RENEWED = "citizens.agreement.renewed", _("Mentoraftale afløst af en forlængelse")
    AGREEMENT_ENDED = "citizens.agreement.ended", _("Mentoraftale afsluttet")
    FIRST_MEETING_SAVED = "citizens.first_meeting.saved", _("Opstartsmøde registreret")
    FIRST_MEETING_PLANNED = "citizens.first_meeting.planned", _("Opstartsmøde planlagt")
    FIRST_MEETING_MOVED = "citizens.first_meeting.moved", _("Opstartsmøde flyttet")
    FIRST_MEETING_CANCELLED = "citizens.first_meeting.cancelled", _("Opstartsmøde aflyst")
    PLACEMENT_CREATED = "citizens.placement.created", _("Forløb oprettet")
    PLACEMENT_UPDATED = "citizens.placement.updated", _("Forløbets aftale ændret")
    PLACEMENT_ACCEPTED = "citizens.placement.accepted", _("Virksomheden sagde ja til forløbet")
    PLACEMENT_DECLINED = "citizens.placement.declined", _("Virksomheden sagde nej til forløbet")
    PLACEMENT_ENDED = "citizens.placement.ended", _("Forløb afsluttet")
    HOURS_STEP_ADDED = "citizens.hours_step.added", _("Trin i optrapningsplanen tilføjet")
    GOAL_CREATED = "citizens.goal.created", _("Mål tilføjet")
    GOAL_UPDATED = "citizens.goal.updated", _("Mål ændret")
    ASSESSMENT_RECORDED = "citizens.assessment.recorded", _("Progressionsvurdering registreret")
    FOLLOW_UP_CREATED = "citizens.follow_up.created", _("Opfølgning registreret")
    FOLLOW_UP_HOURS_CONFIRMED = "citizens.follow_up.hours_confirmed", _("Mentortimer bekræftet")


# Shown on the sensitive-notes page to those who may read it, never on the timeline every caseworker sees:
# that a note exists is itself sensitive.
TIMELINE_HIDDEN = frozenset({CitizensAction.SENSITIVE_NOTE_CREATED})
