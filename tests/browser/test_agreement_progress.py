"""A mentor agreement's goals and competence cards in Chromium, on a phone (390 px): the coordinator adds a
goal and a sub-goal and records the corps mentor's assessment from the agreement's page, which then shows the
goals and draws the chart's lines. The page passes axe at 390 px and scrolls no wider than the screen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizens.models import Goal, ProgressAssessment
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
)
from corps.tests.factories import MentorFactory
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_coordinator_writes_an_agreements_goals_and_cards_on_a_phone(page: Page, live_server, world):
    today = timezone.localdate()
    agreement = AgreementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Sara Jensen"),
        status="active",
        mentor=MentorFactory(jobcenter=world.jobcenter, full_name="Bent Korpsmentor"),
        starts_on=today - datetime.timedelta(days=40),
    )
    dimensions = [
        ProgressDimensionFactory(jobcenter=world.jobcenter, name=name, position=position)
        for position, name in enumerate(["Mødestabilitet", "Samarbejde"])
    ]
    for days_ago, score in [(31, 1), (17, 2)]:
        assessment = ProgressAssessmentFactory(
            placement=None,
            agreement=agreement,
            assessor_kind="mentor",
            assessed_on=today - datetime.timedelta(days=days_ago),
        )
        for dimension in dimensions:
            ProgressScoreFactory(assessment=assessment, dimension=dimension, score=score + dimension.position)
    page.set_viewport_size(PHONE)
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/borgere/mentoraftaler/{agreement.pk}/")

    page.get_by_role("link", name="Nyt mål").click()
    page.get_by_label("Mål", exact=True).fill("Møder stabilt hos mentoren")
    page.get_by_role("button", name="Tilføj mål").click()
    expect(page.get_by_text("Målet er tilføjet.")).to_be_visible()
    page.get_by_role("link", name="Nyt mål").click()
    page.get_by_label("Mål", exact=True).fill("Sætter vækkeuret")
    page.get_by_label("Delmål af").select_option(label="Møder stabilt hos mentoren")
    page.get_by_role("button", name="Tilføj mål").click()

    page.get_by_role("link", name="Ny progressionsvurdering").click()
    page.get_by_label("Vurderet af").select_option(label="Mentoren")
    page.locator(f"#id_score_{dimensions[0].pk}").select_option("4")
    page.locator(f"#id_score_{dimensions[1].pk}").select_option("5")
    page.get_by_role("button", name="Gem vurdering").click()
    expect(page.get_by_text("Vurderingen er gemt.")).to_be_visible()

    assert page.url.endswith(f"/borgere/mentoraftaler/{agreement.pk}/")
    expect(page.locator(".citizens-goals")).to_contain_text("Sætter vækkeuret")
    chart = page.locator("svg.citizens-chart-svg")
    expect(chart).to_be_visible()
    lengths = chart.locator("polyline").evaluate_all("lines => lines.map(line => line.getTotalLength())")
    assert len(lengths) == 2 and all(length > 100 for length in lengths), lengths
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "mentoraftale-maal-kompetencekort-390")

    sub = Goal.objects.get(title="Sætter vækkeuret")
    assert sub.agreement_id == agreement.pk and sub.parent.title == "Møder stabilt hos mentoren"
    latest = ProgressAssessment.objects.filter(agreement=agreement).latest("id")
    assert (latest.assessor_kind, latest.recorded_by_id) == ("mentor", world.coordinator.pk)
    assert sorted(latest.scores.values_list("score", flat=True)) == [4, 5]
