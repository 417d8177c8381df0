"""The access log of the admin: which rows hold personal data, whom a row is about, and the entries
for a read, a list and a search."""

import re

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from audit.models import AccessAction
from audit.registry import SUBJECT_MODELS, registry
from audit.services import access_record

# --- access log --------------------------------------------------------------------------------------

PERSON_MODELS = frozenset(SUBJECT_MODELS.values())


def holds_personal_data(model) -> bool:
    label = model._meta.label
    return label in PERSON_MODELS or any(entry.model == label for entry in registry())


def persons_of(obj: Model, _seen=None) -> list[Model]:
    """The people (citizens, corps mentors, company mentors) a row is about, found through audit's registry
    of personal data: the row itself for a person, else the people its registered relations lead to."""
    label = obj._meta.label
    if label in PERSON_MODELS:
        return [obj]
    seen = _seen if _seen is not None else set()
    if (label, obj.pk) in seen:
        return []
    seen.add((label, obj.pk))
    found: list[Model] = []
    for entry in registry():
        if entry.model != label:
            continue
        for name in entry.via:
            field = obj._meta.get_field(name)
            if field.many_to_many or field.related_model is type(obj):
                continue  # a many-to-many or a self-reference (renewal, sub-goal) names no new person
            related = getattr(obj, name)
            if related is not None:
                found.extend(person for person in persons_of(related, seen) if person not in found)
    return found


def _jobcenter_of(person: Model):
    if getattr(person, "jobcenter_id", None):
        return person.jobcenter
    company = getattr(person, "company", None)
    return company.jobcenter if company is not None else None


def log_admin_read(request, obj: Model, what) -> None:
    """Writes a VIEW entry for every person `obj` is about, in that person's jobcenter (so the superuser's
    reads appear on the person's "who has seen" page too)."""
    purpose = _("Administration: %(what)s (%(model)s)") % {"what": what, "model": obj._meta.verbose_name}
    for person in persons_of(obj):
        access_record(
            request=request, action=AccessAction.VIEW, purpose=purpose, obj=person, jobcenter=_jobcenter_of(person)
        )


# A CPR number in a search term (DDMMYY-XXXX, with or without the dash): as in the app's citizen list, it must
# never sit in a URL, whose path and query the append-only access log would keep.
CPR_IN_TEXT = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")


def log_admin_list(request, model, criterion: str) -> None:
    purpose = _("Administration: liste over %(model)s") % {"model": model._meta.verbose_name_plural}
    action = AccessAction.SEARCH if criterion else AccessAction.VIEW
    access_record(request=request, action=action, purpose=purpose, criterion=criterion)
