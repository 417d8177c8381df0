"""The registry of personal data (audit.registry) must name every model that points at a person or at a
row held about them. A new model with such a relation fails here until its app's personal_data.py lists
it, so the subject-access export and the deletion of a person cannot forget it."""

import pytest
from django.apps import apps

from audit.registry import SUBJECT_MODELS, OnErase, Subject, held_for, history_model, registry

# (model, field) pairs that lead to a person but hold nothing about them, with the reason.
NOT_PERSONAL: dict[tuple[str, str], str] = {}


def _is_history(model) -> bool:
    """simple-history's tables (HistoricalCitizen, HistoricalCitizen_needs): handled with their model."""
    names = {f.name for f in model._meta.fields}
    return model.__name__.startswith("Historical") and bool({"history_type", "history"} & names)


def _forward_relations(model):
    return [f for f in [*model._meta.fields, *model._meta.many_to_many] if f.is_relation and f.related_model]


def _domain_models():
    return [m for m in apps.get_models() if not m._meta.auto_created and not _is_history(m)]


def unregistered(subject, entries) -> list[str]:
    owned = {SUBJECT_MODELS[subject]} | {e.model for e in entries if e.on_erase == OnErase.DELETE}
    registered = {(e.model, name) for e in entries for name in e.via}
    missing = []
    for model in _domain_models():
        for relation in _forward_relations(model):
            key = (model._meta.label, relation.name)
            if relation.related_model._meta.label in owned and key not in registered and key not in NOT_PERSONAL:
                missing.append(f"{key[0]}.{key[1]} → {relation.related_model._meta.label}")
    return missing


@pytest.mark.parametrize("subject", list(Subject))
def test_every_relation_to_a_person_or_their_rows_is_registered(subject):
    missing = unregistered(subject, held_for(subject))
    assert not missing, f"Not in any app's personal_data.py for {subject}: {missing}"


def test_a_forgotten_model_is_found():
    """The walk finds direct and indirect relations: leave out follow-ups, and scores (via assessments)."""
    entries = [e for e in held_for(Subject.CITIZEN) if e.model not in ("citizens.FollowUp", "citizens.ProgressScore")]
    missing = unregistered(Subject.CITIZEN, entries)
    assert "citizens.FollowUp.citizen → citizens.Citizen" in missing
    assert "citizens.ProgressScore.assessment → citizens.ProgressAssessment" in missing
    assert not any("HistoricalFollowUp" in item for item in missing)


def test_registry_entries_point_at_real_relations():
    problems = []
    for entry in registry():
        model = entry.model_class
        owned = {SUBJECT_MODELS[entry.subject]} | {
            e.model for e in held_for(entry.subject) if e.on_erase == OnErase.DELETE
        }
        for name in entry.via:
            field = model._meta.get_field(name)
            if not field.is_relation or field.related_model._meta.label not in owned:
                problems.append(f"{entry.model}.{name} ({entry.subject})")
        if entry.fields is not None:
            names = {f.name for f in model._meta.concrete_fields}
            problems += [f"{entry.model}.{name} (fields)" for name in entry.fields if name not in names]
    assert not problems, problems


def test_each_person_model_is_registered_as_its_own_entry():
    for subject, label in SUBJECT_MODELS.items():
        assert any(e.model == label and not e.via for e in held_for(subject)), subject


# Models whose rows are never corrected in place (so there is no earlier value to keep), with the reason.
NO_HISTORY_NEEDED = {
    "citizens.SensitiveNote": "never edited; a history table would copy the special-category text",
    "corps.MentorStatusEvent": "itself the history of the mentor's status",
    "courses.Invitation": "a record of a sent e-mail; only its status moves",
    "courses.Evaluation": "submitted once by the participant, never edited",
    "citizens.ProgressSummary": "derived from the scores (which keep history) and recomputed from them",
}


def test_corrections_keep_history_for_every_model_with_personal_data():
    """Correction keeps what a field was: every registered model (its own rows) has simple-history."""
    without = sorted(
        {
            e.model
            for e in registry()
            if e.on_erase == OnErase.DELETE
            and history_model(e.model_class) is None
            and e.model not in NO_HISTORY_NEEDED
        }
    )
    assert not without, f"Personal data without change history: {without}"
