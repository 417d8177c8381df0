"""The optional distance criterion: postcode centres loaded by `import_postcodes` put mentors near the
citizen first and explain the distance; without centres the criterion leaves the pair out."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citizens.tests.factories import CitizenFactory
from corps.tests.factories import MentorFactory
from matching import selectors
from matching.models import MatchingWeights, PostcodeLocation

pytestmark = pytest.mark.django_db

CSV = """postnummer;navn;breddegrad;længdegrad
8450;Hammel;56,2567;9,8631
8000;Aarhus C;56,1567;10,2108
6100;Haderslev;55,2498;9,4890
"""


@pytest.fixture
def postcodes(tmp_path):
    path = tmp_path / "postnumre.csv"
    path.write_text(CSV, encoding="utf-8")
    out = StringIO()
    call_command("import_postcodes", path, stdout=out)
    assert out.getvalue().strip() == "3 postnumre indlæst."
    return path


def test_import_reads_our_template_and_dawa_and_updates(postcodes, tmp_path):
    assert PostcodeLocation.objects.get(code="8450").latitude == pytest.approx(56.2567)
    dawa = tmp_path / "dawa.csv"
    dawa.write_text("nr,navn,visueltcenter_x,visueltcenter_y\n8450,Hammel,9.9,56.3\n", encoding="utf-8")
    call_command("import_postcodes", dawa, stdout=StringIO())
    hammel = PostcodeLocation.objects.get(code="8450")
    assert (hammel.latitude, hammel.longitude) == (56.3, 9.9)
    assert PostcodeLocation.objects.count() == 3


def test_a_bad_line_stops_the_import_and_saves_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("postnummer;navn;breddegrad;længdegrad\n8450;Hammel;56,2;9,8\n845;Forkert;56,1;10,2\n")
    with pytest.raises(CommandError, match="Linje 3"):
        call_command("import_postcodes", path, stdout=StringIO())
    assert not PostcodeLocation.objects.exists()


def test_nearby_mentors_come_first_when_distance_weighs(world, postcodes):
    MatchingWeights.objects.update_or_create(
        jobcenter=world.jobcenter,
        defaults={
            "distance": 10,
            "needs": 1,
            "language": 1,
            "wishes": 1,
            "availability": 1,
            "capacity_left": 1,
            "load_balance": 1,
            "max_distance_km": 200,
        },
    )
    citizen = CitizenFactory(jobcenter=world.jobcenter, postcode="8450")
    near = MentorFactory(jobcenter=world.jobcenter, postcode="8450", full_name="Nær Mentor")
    far = MentorFactory(jobcenter=world.jobcenter, postcode="6100", full_name="Fjern Mentor")
    unknown = MentorFactory(jobcenter=world.jobcenter, postcode="9999", full_name="Ukendt Mentor")

    suggestions = selectors.suggestions_for(citizen=citizen, top=None)
    order = [s.mentor_id for s in suggestions]
    assert order.index(near.pk) < order.index(far.pk)
    explained = {s.mentor_id: " ".join(str(e) for e in s.explanations) for s in suggestions}
    assert "0 km væk" in explained[near.pk]
    assert "km væk" in explained[far.pk] and "0 km væk" not in explained[far.pk]
    assert "km væk" not in explained[unknown.pk]


def test_without_distance_weight_no_location_is_looked_up(world, postcodes):
    MatchingWeights.objects.update_or_create(jobcenter=world.jobcenter, defaults={"distance": 0})
    citizen = CitizenFactory(jobcenter=world.jobcenter, postcode="8450")
    MentorFactory(jobcenter=world.jobcenter, postcode="8450")
    for top in (None, 10):
        with CaptureQueriesContext(connection) as queries:
            suggestions = selectors.suggestions_for(citizen=citizen, top=top)
        assert suggestions
        assert all("km væk" not in " ".join(str(e) for e in s.explanations) for s in suggestions)
        assert not any("postcodelocation" in query["sql"] for query in queries.captured_queries)


@pytest.mark.parametrize(("distance", "max_km"), [(6, 30), (10, 80)])
def test_narrowed_suggestions_with_distance_equal_ranking_every_mentor(world, postcodes, distance, max_km):
    """The top suggestions come from contenders scored with numpy's haversine (distance a must-have at 10:
    Haderslev is about 110 km from Hammel and Aarhus); they must be exactly the best of all mentors."""
    MatchingWeights.objects.update_or_create(
        jobcenter=world.jobcenter, defaults={"distance": distance, "max_distance_km": max_km}
    )
    for index, postcode in enumerate(["8450", "8000", "6100", "9999"] * 6):
        MentorFactory(jobcenter=world.jobcenter, postcode=postcode, capacity=1 + index % 3)
    for postcode in ("8450", "6100", "9999"):
        citizen = CitizenFactory(jobcenter=world.jobcenter, postcode=postcode)
        everyone = selectors.suggestions_for(citizen=citizen, top=None)
        assert everyone
        for top in (1, 5, 10):
            assert selectors.suggestions_for(citizen=citizen, top=top) == everyone[:top]
