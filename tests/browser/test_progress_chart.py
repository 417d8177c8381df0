"""The competence-card chart in Chromium with scores that put its points at fractional coordinates: the
lines are drawn (a polyline with length) and the page logs no console error, on the coordinator's
placement page and on the company leader's in the portal. With the Danish decimal comma in the SVG
(cx="123,4"), Chromium drew no line and logged an error per attribute."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizens.tests.factories import (
    CitizenFactory,
    PlacementFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
)
from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser


def _placement_with_scores(world):
    placement = PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a, status="active"
    )
    today = timezone.localdate()
    for position, name in enumerate(["Mødestabilitet", "Samarbejde"]):
        dimension = ProgressDimensionFactory(jobcenter=world.jobcenter, name=name, position=position)
        for days_ago, score in [(17, 1 + position), (10, 3), (0, 4 + position % 2)]:
            ProgressScoreFactory(
                assessment__placement=placement,
                assessment__assessed_on=today - datetime.timedelta(days=days_ago),
                assessment__assessor_kind="company",
                dimension=dimension,
                score=score,
            )
    return placement


def _assert_lines_drawn(page: Page) -> None:
    chart = page.locator("svg.citizens-chart-svg")
    expect(chart).to_be_visible()
    lengths = chart.locator("polyline").evaluate_all("lines => lines.map(line => line.getTotalLength())")
    assert len(lengths) == 2 and all(length > 100 for length in lengths), lengths
    assert chart.locator("circle").first.evaluate("c => c.cx.baseVal.value") > 0


def test_the_chart_draws_its_lines_for_the_coordinator_and_the_leader(page: Page, live_server, world):
    placement = _placement_with_scores(world)
    log_in(page, world.coordinator, live_server.url)
    page.goto(f"/borgere/forloeb/{placement.pk}/")
    _assert_lines_drawn(page)
    assert_accessible(page, "forloeb-kompetencekort-graf", screenshot=False)

    page.context.clear_cookies()
    log_in(page, world.leader_a, live_server.url)
    page.goto(f"/portal/forloeb/{placement.pk}/")
    _assert_lines_drawn(page)
    assert_accessible(page, "portal-forloeb-kompetencekort-graf", screenshot=False)
