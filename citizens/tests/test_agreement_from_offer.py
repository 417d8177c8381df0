"""The next step, offered (issue 21): when a mentor says yes, the citizen's page, the mentor page, the offer list
and the start page offer "Opret mentoraftale" with the mentor, the citizen and what the offer said filled in,
and "Gem og sæt i kraft" makes the agreement in force in the same step."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.models import AgreementStatus, Citizen, CitizenStatus, MentorAgreement
from citizens.periods import latest_agreement_end
from citizens.tests.factories import AgreementFactory, CitizenFactory, TargetGroupFactory
from corps.models import MentorStatus
from corps.tests.factories import MentorFactory
from matching import services as matching_services
from matching.models import AnsweredVia, Offer, OfferStatus
from matching.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.DOTALL)


def _accepted(world, **citizen):
    citizen = CitizenFactory(jobcenter=world.jobcenter, referral_reason="Hjælp til struktur og fremmøde.", **citizen)
    return OfferFactory(
        citizen=citizen,
        status=OfferStatus.ACCEPTED,
        message="Ugentlige samtaler og følgeskab til jobsamtaler.",
        answered_at=timezone.now(),
    )


def _create_url(offer) -> str:
    return reverse("citizens:agreement_create", kwargs={"pk": offer.citizen_id}) + f"?tilbud={offer.pk}"


def test_the_form_is_filled_in_from_the_offer(world, login):
    offer = _accepted(world, caseworker=world.caseworker)
    page = login(world.coordinator).get(_create_url(offer)).content.decode()
    assert f'<option value="{offer.mentor_id}" selected>' in page
    assert f'<option value="{world.caseworker.pk}" selected>' in page
    assert "Ugentlige samtaler og følgeskab til jobsamtaler." in page
    assert "Hjælp til struktur og fremmøde." in page
    assert latest_agreement_end(timezone.localdate()).isoformat() in page
    assert f"Udfyldt fra tilbuddet, som {offer.mentor.full_name} sagde ja til" in page
    assert "Gem og sæt i kraft" in page


def test_another_citizens_offer_fills_in_nothing(world, login):
    offer = _accepted(world)
    other = CitizenFactory(jobcenter=world.jobcenter)
    url = reverse("citizens:agreement_create", kwargs={"pk": other.pk}) + f"?tilbud={offer.pk}"
    page = login(world.coordinator).get(url).content.decode()
    assert f'<option value="{offer.mentor_id}" selected>' not in page
    assert "Udfyldt fra tilbuddet" not in page


def test_save_and_activate_puts_the_agreement_in_force_in_one_step(world, login):
    offer = _accepted(world)
    client = login(world.coordinator)
    data = {
        "mentor": offer.mentor_id,
        "caseworker": world.coordinator.pk,
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": latest_agreement_end(timezone.localdate()).isoformat(),
        "goal": "Struktur",
        "mentor_tasks": "Samtaler",
        "hours_total": "40",
        "hours_per_week": "2",
        "activate": "Gem og sæt i kraft",
    }
    response = client.post(_create_url(offer), data)
    agreement = MentorAgreement.objects.get(citizen=offer.citizen)
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk})
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.hours_per_week == Decimal("2")
    assert Citizen.objects.get(pk=offer.citizen_id).status == CitizenStatus.ACTIVE


def test_an_agreement_that_cannot_come_into_force_is_not_saved_as_a_draft_either(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    AgreementFactory(citizen=citizen, status=AgreementStatus.ACTIVE, mentor=MentorFactory(jobcenter=world.jobcenter))
    mentor = MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.ACTIVE)
    before = MentorAgreement.objects.count()
    response = login(world.coordinator).post(
        reverse("citizens:agreement_create", kwargs={"pk": citizen.pk}),
        {
            "mentor": mentor.pk,
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": latest_agreement_end(timezone.localdate()).isoformat(),
            "goal": "Struktur",
            "mentor_tasks": "Samtaler",
            "hours_total": "40",
            "hours_per_week": "2",
            "activate": "Gem og sæt i kraft",
        },
    )
    assert response.status_code == 200
    assert "Borgeren har allerede en aktiv mentoraftale" in response.content.decode()
    assert MentorAgreement.objects.count() == before


def test_the_pages_offer_the_agreement_until_it_is_made(world, login):
    offer = _accepted(world)
    client = login(world.coordinator)
    link = _create_url(offer)
    for url in (
        reverse("citizens:detail", kwargs={"pk": offer.citizen_id}),
        reverse("matching:citizen", kwargs={"pk": offer.citizen_id}),
        reverse("matching:offer_list") + "?status=accepted",
        "/",
    ):
        assert link in client.get(url).content.decode(), url
    AgreementFactory(citizen=offer.citizen, mentor=offer.mentor)
    for url in (
        reverse("citizens:detail", kwargs={"pk": offer.citizen_id}),
        reverse("matching:citizen", kwargs={"pk": offer.citizen_id}),
        reverse("matching:offer_list"),
    ):
        assert link not in client.get(url).content.decode(), url
    caseworker_page = login(world.caseworker).get(reverse("citizens:detail", kwargs={"pk": offer.citizen_id}))
    assert "Opret mentoraftale" not in caseworker_page.content.decode()


def _follow(client, page: str, text: str) -> str:
    """The href of the link or button labelled `text` on `page` (what a user clicks)."""
    for href, label in LINK.findall(page):
        visible = re.sub(r'<span class="sr-only">.*?</span>', "", label)  # what a sighted user reads
        if re.sub(r"<[^>]+>", "", visible).strip() == text:
            return href.replace("&amp;", "&")
    raise AssertionError(f"No link {text!r} on the page")


def test_referral_to_an_agreement_in_force_takes_seven_clicks(world, login):
    """The coordinator's path, counted click by click (a click opens a link, picks from a list or presses a
    button; typing is not a click); the mentor answers yes by the link in the e-mail."""
    group = TargetGroupFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.ACTIVE, full_name="Jens Mentor")
    client = login(world.coordinator)
    clicks = 0

    home = client.get("/").content.decode()
    citizens_page = client.get(_follow(client, home, "Borgere")).content.decode()
    clicks += 1
    create_url = _follow(client, citizens_page, "Henvis eller opret borger")
    clicks += 1
    clicks += 1  # picks the target group
    response = client.post(
        create_url,
        {"name": "Ny Borger", "postcode": "8450", "target_group": group.pk, "referred_on": timezone.localdate()},
    )
    clicks += 1  # "Gem"
    citizen = Citizen.objects.get(name="Ny Borger")
    assert response["Location"] == reverse("matching:citizen", kwargs={"pk": citizen.pk})  # straight to the mentor
    matching_services.offer_create(actor=world.coordinator, citizen=citizen, mentor=mentor)  # "Send tilbud"
    clicks += 1
    offer = Offer.objects.get(citizen=citizen)
    matching_services.offer_accept(actor=None, offer=offer, via=AnsweredVia.LINK)  # the mentor, from the e-mail

    home = client.get("/").content.decode()
    form_url = _follow(client, home, "Opret mentoraftale")
    clicks += 1
    form = client.get(form_url)
    assert form.status_code == 200
    data = {
        "mentor": mentor.pk,  # filled in
        "caseworker": "",
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": latest_agreement_end(timezone.localdate()).isoformat(),
        "goal": "Hjælp til struktur",
        "mentor_tasks": "Samtaler",
        "hours_total": "40",  # typed
        "hours_per_week": "2",  # typed
        "activate": "Gem og sæt i kraft",
    }
    response = client.post(form_url, data)
    clicks += 1
    assert response.status_code == 302
    assert MentorAgreement.objects.get(citizen=citizen).status == AgreementStatus.ACTIVE
    assert clicks == 7
