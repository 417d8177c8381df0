"""The mentor's own answer page (the e-mail link) speaks to the mentor and says what the task is."""

import pytest
from django.urls import reverse

from citizens.tests.factories import CitizenFactory
from matching.services.offer import _new_token
from matching.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_the_answer_page_speaks_to_the_mentor_and_says_what_the_task_is(world, client):
    token = _new_token()
    OfferFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Mette Sørensen"),
        token=token,
        message="Mette vil gerne mødes om formiddagen.",
    )
    page = client.get(reverse("matching:respond", kwargs={"token": token})).content.decode()
    assert "Ja, jeg tager opgaven" in page and "Nej tak, jeg kan ikke tage opgaven" in page
    assert "mentoren tager opgaven" not in page and "mentoren siger nej" not in page
    assert "Du bliver mentor for Mette" in page and "Mette vil gerne mødes om formiddagen." in page
    refused = client.post(reverse("matching:respond", kwargs={"token": token}), {"answer": "decline"})
    assert refused.status_code == 400 and "Skriv kort, hvorfor du siger nej" in refused.content.decode()
