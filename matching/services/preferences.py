"""The matching weights a jobcenter starts with, and a citizen's matching preferences."""

from __future__ import annotations

from django.db import transaction

from audit.services import activity_record
from citizens.models import Citizen
from matching.models import (
    DEFAULT_WEIGHTS,
    MatchingPreferences,
    MatchingWeights,
)


@transaction.atomic
def weights_defaults_ensure(*, actor, jobcenter) -> bool:
    """Gives a jobcenter the default matching weights if it has none (call when a jobcenter is created;
    seed_demo calls it). Returns True when it created them."""
    _weights, created = MatchingWeights.objects.get_or_create(jobcenter=jobcenter, defaults=DEFAULT_WEIGHTS)
    if created:
        activity_record(actor=actor, action="matching.weights.seed", obj=_weights, jobcenter=jobcenter)
    return created


@transaction.atomic
def preferences_save(
    *, actor, citizen: Citizen, available_weekdays: int, available_day_parts: int, severe_needs: bool, preferred_mentors
) -> MatchingPreferences:
    """Stores what matching needs about the citizen. Preferred mentors must be the jobcenter's own."""
    mentors = list(preferred_mentors)
    if any(mentor.jobcenter_id != citizen.jobcenter_id for mentor in mentors):
        raise ValueError("A preferred mentor belongs to another jobcenter.")
    preferences, _created = MatchingPreferences.objects.select_for_update().get_or_create(
        citizen=citizen, defaults={"jobcenter_id": citizen.jobcenter_id}
    )
    preferences.available_weekdays = available_weekdays
    preferences.available_day_parts = available_day_parts
    preferences.severe_needs = severe_needs
    preferences.full_clean(exclude=["jobcenter", "citizen", "preferred_mentors"])
    preferences.save()
    preferences.preferred_mentors.set(mentors)
    activity_record(
        actor=actor,
        action="matching.preferences.saved",
        obj=citizen,
        data={"preferred_mentors": sorted(m.pk for m in mentors)},
    )
    return preferences
