import io

import pytest

from accounts.demo import seed_accounts
from corps import demo
from corps.models import Mentor, MentorStatus

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_varied():
    seed_accounts()
    demo.seed(stdout=io.StringIO())
    first = Mentor.objects.count()
    demo.seed(stdout=io.StringIO())
    assert Mentor.objects.count() == first
    favrskov = Mentor.objects.filter(jobcenter__slug="favrskov")
    assert favrskov.filter(status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED, MentorStatus.RESIGNED]).count() == 40
    assert favrskov.filter(status=MentorStatus.APPLICANT).count() >= 2
    assert favrskov.filter(employment="full_time", offers_section_85=True).exists()
    assert {"female", "male"} <= set(favrskov.values_list("gender", flat=True))
    assert len(set(favrskov.values_list("attachment", flat=True))) == 3
