"""A federated sign-in counts as the second factor only at NSIS Substantial or higher (accounts.federation)."""

import pytest
from django.urls import reverse

from accounts.federation import SESSION_KEY, level_counts_as_second_factor


@pytest.mark.parametrize(
    ("level", "counts"),
    [
        ("Substantial", True),
        ("High", True),
        ("substantial", True),
        ("https://data.gov.dk/concept/core/nsis/Substantial", True),
        ("Low", False),
        ("https://data.gov.dk/concept/core/nsis/Low", False),
        ("", False),
        (None, False),
    ],
)
def test_only_substantial_or_high_counts(level, counts):
    assert level_counts_as_second_factor(level) is counts


@pytest.mark.django_db
@pytest.mark.parametrize(("level", "status"), [("Substantial", 200), ("Low", 302)])
def test_the_two_factor_rule_accepts_a_federated_session_by_its_level(client, world, level, status):
    client.force_login(world.leader_a)  # no authenticator in this session
    session = client.session
    session[SESSION_KEY] = {"method": "mitid_erhverv", "level": level, "subject": "urn:uuid:x"}
    session.save()

    response = client.get(reverse("portal:home"))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
