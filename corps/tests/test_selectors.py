"""Corps selectors: a mentor's load, counted the same way for one mentor and for thousands."""

import pytest

from citizens.models import AgreementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.models import Mentor
from corps.selectors import mentor_loads, with_load
from corps.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def test_mentor_loads_count_what_the_annotation_counts(world):
    statuses = {
        "two active": [AgreementStatus.ACTIVE, AgreementStatus.ACTIVE, AgreementStatus.ENDED],
        "one active": [AgreementStatus.ACTIVE, AgreementStatus.DRAFT, AgreementStatus.RENEWED],
        "none active": [AgreementStatus.ENDED],
        "no agreements": [],
    }
    mentors = {}
    for name, kinds in statuses.items():
        mentors[name] = MentorFactory(jobcenter=world.jobcenter, full_name=name)
        for status in kinds:
            citizen = CitizenFactory(jobcenter=world.jobcenter)
            AgreementFactory(citizen=citizen, mentor=mentors[name], status=status)
    other = MentorFactory(jobcenter=world.other_jobcenter)
    AgreementFactory(citizen=CitizenFactory(jobcenter=world.other_jobcenter), mentor=other, status="active")
    queryset = Mentor.objects.filter(jobcenter=world.jobcenter)

    loads = mentor_loads(queryset)

    assert loads == {mentors["two active"].pk: 2, mentors["one active"].pk: 1}
    annotated = dict(with_load(queryset).values_list("pk", "load"))
    assert annotated == {mentor.pk: loads.get(mentor.pk, 0) for mentor in mentors.values()}
