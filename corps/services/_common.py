"""What the corps services share: the jobcenter's own competences, and validating a mentor."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from corps.models import (
    Competence,
    Mentor,
    MentorStatus,
)

S = MentorStatus


def _check_vocabulary(*, jobcenter, competences: Iterable[Competence]) -> list[Competence]:
    competences = list(competences)
    if any(c.jobcenter_id != jobcenter.pk for c in competences):
        # Forms narrow the choices to the jobcenter; this guards every other caller.
        raise ValidationError({"competences": _("Vælg kompetencer fra jobcentrets egen liste.")})
    return competences


def _full_clean(mentor: Mentor) -> None:
    mentor.full_clean(exclude=["jobcenter"])
