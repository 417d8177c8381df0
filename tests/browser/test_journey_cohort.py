"""Journey 5: Kalundborg's way of starting candidates: a cohort of 50 candidates over 10 companies, at least 4 at
each, is solved, adjusted by hand and committed as placement proposals to the companies.

Every page is checked with axe. Screenshots: docs/screenshots/journey-hold-*.png.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizens.models import Placement, PlacementStatus, PlacementType
from citizens.tests.factories import CitizenFactory
from companies.models import Company
from companies.tests.factories import CompanyFactory
from matching.models import Cohort, CohortCandidate, CohortStatus
from tests.browser.journeys import jobcenter_ready, log_in
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

SOLVE_WAIT_MS = 60_000  # the solver has a 20-second limit; on a busy machine the page takes a while


@pytest.fixture
def candidates(world):
    jobcenter_ready(world.jobcenter)
    for number in range(1, 9):
        CompanyFactory(jobcenter=world.jobcenter, name=f"Kalundborg Virksomhed {number:02d} A/S")
    # Companies that can take what the cohort gives them: 6 free seats each, offering every placement type.
    kinds = list(PlacementType.objects.filter(jobcenter=world.jobcenter))
    for company in Company.objects.filter(jobcenter=world.jobcenter):
        company.capacity = 6
        company.save(update_fields=["capacity"])
        company.placement_types.add(*kinds)
    for number in range(1, 51):
        CitizenFactory(jobcenter=world.jobcenter, name=f"Kandidat {number:02d} Jensen")


def test_cohort_is_solved_adjusted_and_committed(page: Page, live_server, world, candidates):
    log_in(page, world.coordinator, live_server.url)
    page.goto("/matchning/hold/")
    assert_accessible(page, "journey-hold-liste")
    page.get_by_role("link", name="Opret hold").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret hold")

    page.get_by_label("Navn", exact=True).fill("Forårsholdet")
    page.get_by_label("Alle kandidater skal placeres").check()
    page.get_by_label("Forløbstype").select_option(index=1)
    page.get_by_label("Start", exact=True).fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_label("Planlagt slut").fill((timezone.localdate() + timedelta(days=104)).isoformat())
    page.get_by_label("Timer om ugen ved start").fill("15")
    page.get_by_label("Arbejdsopgaver").fill("Praktik i produktion, lager og service.")
    page.get_by_label("Ansvarlig jobkonsulent").select_option(label=world.coordinator.full_name)
    candidate_boxes = page.get_by_role("group", name="Kandidater").get_by_role("checkbox")
    expect(candidate_boxes).to_have_count(50)
    for box in candidate_boxes.all():
        box.check()
    company_boxes = page.get_by_role("group", name="Virksomheder").get_by_role("checkbox")
    expect(company_boxes).to_have_count(10)
    for box in company_boxes.all():
        box.check()
    page.get_by_label("Pladser pr. virksomhed").fill("6")
    page.get_by_label("Mindst pr. virksomhed").fill("4")
    assert_accessible(page, "journey-hold-opret")
    page.get_by_role("button", name="Opret hold").click()
    expect(page.get_by_text("Holdet er oprettet.")).to_be_visible()
    assert_accessible(page, "journey-hold-oprettet")
    cohort = Cohort.objects.get(name="Forårsholdet")

    # --- Solved.
    page.get_by_role("button", name="Fordel kandidaterne").click()
    expect(page.get_by_text("Holdet er fordelt bedst muligt.")).to_be_visible(timeout=SOLVE_WAIT_MS)
    assert_accessible(page, "journey-hold-fordelt")
    sizes = _group_sizes(cohort)
    assert sum(sizes.values()) == 50 and len(sizes) == 10
    assert all(4 <= size <= 6 for size in sizes.values())

    # --- Adjusted by hand: a candidate from a larger group moves to a smaller one, within the rules.
    source = max(sizes, key=lambda pk: (sizes[pk], -pk))
    target = min(sizes, key=lambda pk: (sizes[pk], pk))
    assert sizes[source] > 4 and sizes[target] < 6
    moved = CohortCandidate.objects.filter(cohort=cohort, assigned_id=source).select_related("citizen").first()
    target_name = CohortCandidate.objects.filter(assigned_id=target).first().assigned.company.name
    name = moved.citizen.name
    move_form = page.locator("form", has=page.get_by_label(f"Flyt {name} til"))
    move_form.get_by_label(f"Flyt {name} til").select_option(label=target_name)
    move_form.get_by_role("button", name="Flyt").click()
    expect(page.get_by_text("Kandidaten er flyttet. Betingelserne er overholdt.")).to_be_visible()
    expect(page.locator("li", has_text=name).get_by_text("flyttet manuelt")).to_be_visible()
    assert_accessible(page, "journey-hold-flyttet")
    moved.refresh_from_db()
    assert moved.assigned_id == target and moved.moved_by_hand

    # --- Committed: a placement proposal per candidate, to the company each was given.
    page.get_by_role("button", name="Opret forslag til forløb for alle").click()
    expect(page.get_by_text("50 forløb er foreslået virksomhederne. Lederne svarer i portalen.")).to_be_visible()
    assert_accessible(page, "journey-hold-oprettet-forloeb")
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.COMMITTED
    proposals = Placement.objects.filter(citizen__in=cohort.candidates.values("citizen"))
    assert proposals.count() == 50
    assert set(proposals.values_list("status", flat=True)) == {PlacementStatus.PROPOSED}
    assert proposals.get(citizen=moved.citizen).company == moved.assigned.company
    assert all(4 <= n <= 6 for n in Counter(proposals.values_list("company_id", flat=True)).values())


def _group_sizes(cohort) -> dict[int, int]:
    assigned = CohortCandidate.objects.filter(cohort=cohort, assigned__isnull=False)
    return dict(Counter(assigned.values_list("assigned_id", flat=True)))
