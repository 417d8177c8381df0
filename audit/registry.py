"""Where personal data lives: every app lists, in `<app>/personal_data.py`, the models that hold data
about a person (a citizen, a corps mentor, a company mentor) and how to find one person's rows.

The subject-access export (audit.export) and the deletion of a person (audit.erasure) read only this
registry, and audit/tests/test_registry.py fails when a model with a relation to a person, or to a row
held about them, is missing from it. A new model holding personal data therefore cannot be forgotten.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from mentorship.tenancy import scoped_objects


class Subject(StrEnum):
    CITIZEN = "citizen"
    MENTOR = "mentor"
    COMPANY_MENTOR = "company_mentor"


SUBJECT_MODELS = {
    Subject.CITIZEN: "citizens.Citizen",
    Subject.MENTOR: "corps.Mentor",
    Subject.COMPANY_MENTOR: "companies.CompanyMentor",
}
SUBJECT_LABELS = {
    Subject.CITIZEN: _("Borger"),
    Subject.MENTOR: _("Mentor i mentorkorpset"),
    Subject.COMPANY_MENTOR: _("Virksomhedsmentor"),
}
# The URL segment of each kind of person (/privatliv/borger/12/indsigt/).
SUBJECT_SLUGS = {Subject.CITIZEN: "borger", Subject.MENTOR: "mentor", Subject.COMPANY_MENTOR: "virksomhedsmentor"}
SLUG_SUBJECTS = {slug: subject for subject, slug in SUBJECT_SLUGS.items()}


class OnErase(StrEnum):
    """What happens to the rows when the person is deleted."""

    # The rows are the person's own (their case, their notes): deleted, history included.
    DELETE = "delete"
    # The rows belong to someone else and only point at the person: the link (and copied data) is
    # removed, in the history too; the rows stay.
    DETACH = "detach"
    # The rows belong to someone else's case and the law needs them with the person named (e.g. the
    # mentor of a citizen's agreement): while one exists, the person cannot be deleted.
    BLOCK = "block"


@dataclass(frozen=True)
class Held:
    """One model holding data about one kind of person.

    `via` names the model's relation fields (FK, one-to-one or many-to-many) that lead to the person or
    to a row held about them with OnErase.DELETE (e.g. a goal via its placement). `fields` limits what
    the person's export shows (None: every field); `export=False` leaves the rows out of the export,
    because they are about someone else. `detach` (OnErase.DETACH) returns extra values to write when the
    link is removed, e.g. a placeholder for a required reference.
    """

    model: str
    subject: Subject
    via: tuple[str, ...]
    on_erase: OnErase = OnErase.DELETE
    fields: tuple[str, ...] | None = None
    export: bool = True
    purpose: str = ""
    detach: Callable[[models.Model], dict] | None = field(default=None, compare=False)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def title(self) -> str:
        return str(self.model_class._meta.verbose_name_plural).capitalize()


def local_app_labels() -> list[str]:
    return [config.label for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR]


@cache
def registry() -> tuple[Held, ...]:
    entries: list[Held] = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != settings.BASE_DIR:
            continue
        try:
            module = importlib.import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.personal_data":
                raise
            continue
        entries.extend(module.HELD)
    return tuple(entries)


def held_for(subject: Subject) -> list[Held]:
    return [entry for entry in registry() if entry.subject == subject]


def subject_model(subject: Subject) -> type[models.Model]:
    return apps.get_model(SUBJECT_MODELS[subject])


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The simple-history model of `model`, or None when it keeps no history."""
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None) if manager is not None else None


class PersonRows:
    """The ids of every row held about one person, entry by entry, live rows and history rows alike
    (a row deleted earlier still has history rows that name the person)."""

    def __init__(self, subject: Subject, person: models.Model):
        self.subject = subject
        self.person = person
        self.subject_label = SUBJECT_MODELS[subject]
        self.entries = held_for(subject)
        self.owned = {entry.model: entry for entry in self.entries if entry.on_erase == OnErase.DELETE}
        self._ids: dict[Held, set[int]] = {}

    def is_subject(self, entry: Held) -> bool:
        return entry.model == self.subject_label and not entry.via

    def ids(self, entry: Held) -> set[int]:
        if entry not in self._ids:
            self._ids[entry] = set()  # guards self-references while computing
            self._ids[entry] = self._compute(entry)
        return self._ids[entry]

    def ids_of_model(self, label: str) -> set[int]:
        """Ids of the rows of `label` held as the person's own (OnErase.DELETE)."""
        if label == self.subject_label:
            return {self.person.pk}
        return self.ids(self.owned[label])

    def q(self, entry: Held, *, history: bool = False) -> Q:
        model = entry.model_class
        if self.is_subject(entry):
            return Q(**{"id" if history else "pk": self.person.pk})
        query = Q(pk__in=[])
        for name in entry.via:
            relation = model._meta.get_field(name)
            target = relation.related_model._meta.label
            if relation.many_to_many:
                if not history and target == self.subject_label:
                    query |= Q(**{name: self.person.pk})
                continue  # m2m history sits in its own table, see history_m2m_models
            if target == entry.model:
                continue  # a self-reference (renewal, sub-goal) reaches no new person
            query |= Q(**{f"{relation.attname}__in": self.ids_of_model(target)})
        return query

    def _compute(self, entry: Held) -> set[int]:
        model = entry.model_class
        history = history_model(model)
        # Found by their link to the person, not by jobcenter: the caller reached the person inside its
        # tenant scope already, and an export or an erasure must find every row that names them.
        with scopes_disabled():
            found = set(scoped_objects(model).filter(self.q(entry)).values_list("pk", flat=True))
            if history is not None:
                found |= set(scoped_objects(history).filter(self.q(entry, history=True)).values_list("id", flat=True))
        return found

    def all(self) -> dict[Held, set[int]]:
        return {entry: self.ids(entry) for entry in self.entries}


def history_m2m_models(model: type[models.Model]) -> list[type[models.Model]]:
    """simple-history's tables for the many-to-many fields of `model` (e.g. HistoricalCitizen_needs)."""
    history = history_model(model)
    if history is None:
        return []
    found = []
    for candidate in apps.get_models():
        field_ = next((f for f in candidate._meta.fields if f.name == "history"), None)
        if field_ is not None and field_.is_relation and field_.related_model is history and candidate is not history:
            found.append(candidate)
    return found
