"""The submission token's rules, one request at a time (tests/test_double_submit.py sends them at once),
and the mapping of a constraint that fires onto the form's Danish error."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from citizens.models import Placement
from citizens.tests.factories import AgreementFactory, CitizenFactory, PlacementTypeFactory, today
from companies.models import Company, CompanyMentor
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from conftest import login_verified
from corps.tests.factories import MentorFactory
from matching.models import Offer
from mentorship.constraints import integrity_as_validation
from mentorship.idempotency import SUBMISSION_TOKEN_FIELD, SUBMISSION_TOKEN_TTL, submission_tokens_expire
from submissions.models import SubmissionToken
from submissions.tasks import expire_submission_tokens
from tests.double_submit import FormParser, create_form

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="submission_token" value="([0-9a-f]{32})"')


def placement_form(world, client):
    """The new-placement page's token and a valid answer for it."""
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    url = reverse("citizens:placement_create", args=[citizen.pk])
    form = create_form(client.get(url).content.decode(), action=url)
    data = {
        **form.data(),
        "company": world.company_a.pk,
        "company_mentor": CompanyMentorFactory(company=world.company_a).pk,
        "placement_type": PlacementTypeFactory(jobcenter=world.jobcenter).pk,
        "responsible": world.coordinator.pk,
        "starts_on": today().isoformat(),
        "ends_on": (today() + datetime.timedelta(days=60)).isoformat(),
        "tasks": "Lager",
        "hours_per_week": "10",
    }
    return citizen, url, data


def test_each_rendering_gets_its_own_token(world, login):
    client = login(world.coordinator)
    pages = [client.get(reverse("companies:create")).content.decode() for _ in range(2)]
    first, second = (TOKEN.findall(page) for page in pages)
    assert len(first) == len(second) == 1
    assert first != second
    # A page that creates nothing carries no token.
    assert not TOKEN.search(client.get(reverse("companies:update", args=[world.company_a.pk])).content.decode())


def test_a_form_sent_again_later_leads_to_the_first_result_with_a_message(world, login):
    client = login(world.coordinator)
    citizen, url, data = placement_form(world, client)
    first = client.post(url, data)
    placement = Placement.objects.get(citizen=citizen)
    assert first["Location"] == reverse("citizens:placement_detail", args=[placement.pk])
    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Placement.objects.filter(citizen=citizen).count() == 1
    assert "Formularen var allerede sendt" in " ".join(str(m) for m in get_messages(again.wsgi_request))
    assert SubmissionToken.objects.get().result_url == first["Location"]


def test_a_form_with_errors_frees_its_token_for_the_corrected_form(world, login):
    client = login(world.coordinator)
    citizen, url, data = placement_form(world, client)
    wrong = client.post(url, {**data, "tasks": "", "hours_per_week": ""})
    assert wrong.status_code == 200
    assert not SubmissionToken.objects.exists()
    # The page shown again has a new token; the old one still works once the form is right.
    assert TOKEN.search(wrong.content.decode()).group(1) != data[SUBMISSION_TOKEN_FIELD]
    assert client.post(url, data).status_code == 302
    assert Placement.objects.filter(citizen=citizen).count() == 1


def test_another_users_token_is_refused(world, login, client):
    coordinator = login(world.coordinator)
    _citizen, url, data = placement_form(world, coordinator)
    assert coordinator.post(url, data).status_code == 302
    colleague = UserFactory()
    MembershipFactory(user=colleague, jobcenter=world.jobcenter, role=Role.COORDINATOR)
    login_verified(client, colleague)
    assert client.post(url, data).status_code == 403


def test_tokens_expire_after_their_lifetime(world):
    now = timezone.now()
    old = SubmissionToken.objects.create(token="0" * 32, path="/a/", created_at=now - SUBMISSION_TOKEN_TTL * 2)
    fresh = SubmissionToken.objects.create(token="1" * 32, path="/b/", created_at=now)
    assert submission_tokens_expire(now=now) == 1
    assert list(SubmissionToken.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert old.pk != fresh.pk
    assert expire_submission_tokens() == 0


# --- Constraints that fire become the form's Danish error ------------------------------------------


def raised(create) -> ValidationError:
    with pytest.raises(ValidationError) as caught, integrity_as_validation(), transaction.atomic():
        create()
    return caught.value


@pytest.mark.postgres
def test_a_unique_constraint_becomes_its_message_at_the_field(world):
    company = CompanyFactory(jobcenter=world.jobcenter)
    error = raised(lambda: Company.objects.create(jobcenter=world.jobcenter, name="Kopi", cvr=company.cvr))
    assert error.message_dict == {"cvr": ["Virksomhed med dette CVR-nummer eksisterer allerede."]}

    mentor = MentorFactory(jobcenter=world.jobcenter, email="a@example.dk")
    error = raised(lambda: MentorFactory(jobcenter=world.jobcenter, email="A@example.dk"))
    assert error.message_dict == {"email": ["Der findes allerede en mentor med den e-mail."]}
    assert mentor.pk

    CompanyMentorFactory(company=world.company_a, email="kim@hammel.dk")
    error = raised(lambda: CompanyMentor.objects.create(company=world.company_a, full_name="K", email="kim@hammel.dk"))
    assert error.message_dict == {"email": ["Virksomhedsmentor med dette E-mail eksisterer allerede."]}


@pytest.mark.postgres
def test_a_constraint_on_a_relation_only_is_an_error_on_top_of_the_form(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    AgreementFactory(citizen=citizen, status="active", mentor=MentorFactory(jobcenter=world.jobcenter))
    error = raised(
        lambda: AgreementFactory(citizen=citizen, status="active", mentor=MentorFactory(jobcenter=world.jobcenter))
    )
    assert error.message_dict == {NON_FIELD_ERRORS: ["Borgeren har allerede en aktiv mentoraftale."]}


@pytest.mark.postgres
def test_other_integrity_errors_are_not_hidden(world):
    # A missing value is a bug, not something the person filling in the form can fix.
    with pytest.raises(IntegrityError), integrity_as_validation(), transaction.atomic():
        Company.objects.create(jobcenter=world.jobcenter, name=None, cvr="12345678")


def test_several_create_forms_on_one_page_are_each_their_own_submission(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentors = [MentorFactory(jobcenter=world.jobcenter) for _ in range(2)]
    client = login(world.coordinator)
    url = reverse("matching:offer_create", args=[citizen.pk])
    parser = FormParser()
    parser.feed(client.get(reverse("matching:citizen", args=[citizen.pk])).content.decode())
    forms = {form.data()["mentor"]: form.data() for form in parser.forms if form.action == url}
    assert set(forms) >= {str(mentor.pk) for mentor in mentors}
    # One page, one token, a part per form: the second mentor's offer is not taken for a repeat of the first.
    assert len({data[SUBMISSION_TOKEN_FIELD] for data in forms.values()}) == 1
    for mentor in mentors:
        assert client.post(url, forms[str(mentor.pk)]).status_code == 302
    assert client.post(url, forms[str(mentors[0].pk)]).status_code == 302
    assert sorted(Offer.objects.filter(citizen=citizen).values_list("mentor_id", flat=True)) == sorted(
        mentor.pk for mentor in mentors
    )
