"""Every HTML page of the product, checked with axe (WCAG 2.1 A/AA) in Chromium.

The pages come from the permission matrix, so a new URL is swept as soon as it has its matrix row: for each
URL the first role in ROLE_ORDER that may open it (status 200) opens it, with the object the row names.
Downloads (CSV, XLSX, PDF, iCalendar) and plain-text answers are not pages and are skipped. One test per
app keeps the report readable: it lists every page of the app that fails, with the rule and the elements.
The journeys in this package check the same pages filled in by real use; this sweep makes sure no page is
left out. Every page the sweep opens as a coordinator is also opened on a phone (390 px) and must not scroll
sideways: the document is no wider than the screen (a wide table scrolls inside its own box).
"""

from collections import defaultdict

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response

from conftest import login_verified
from tests.browser.support import assert_accessible
from tests.test_permission_matrix import MATRIX

pytestmark = pytest.mark.browser

ROLE_ORDER = ("coordinator", "leader_a", "caseworker", "jobcenter_admin", "anonymous")
PHONE = {"width": 390, "height": 844}


def _role_for(expectation) -> str | None:
    return next((role for role in ROLE_ORDER if expectation.expected(role) == 200), None)


def _pages_by_app() -> dict[str, list[tuple[str, str]]]:
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, expectation in sorted(MATRIX.items()):
        role = _role_for(expectation)
        if role is not None:
            groups[name.split(":")[0] if ":" in name else "project"].append((name, role))
    return dict(groups)


PAGES = _pages_by_app()


def _user(world, role):
    return {
        "coordinator": world.coordinator,
        "caseworker": world.caseworker,
        "jobcenter_admin": world.jobcenter_admin,
        "leader_a": world.leader_a,
    }[role]


def _use_role(page: Page, world, role: str, base_url: str) -> None:
    page.context.clear_cookies()
    if role == "anonymous":
        return
    client = Client()
    login_verified(client, _user(world, role))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


def _open(page: Page, url: str) -> Response | None:
    """Opens `url` in the page, one request: its response, or None when the answer is a download (Chromium
    then stays on the page it was on)."""
    try:
        return page.goto(url)
    except PlaywrightError as error:
        if "Download is starting" in error.message:
            return None
        raise


@pytest.mark.parametrize("app", sorted(PAGES))
def test_every_page_passes_axe(app, page: Page, world, live_server):
    failures, checked = [], 0
    current_role = None
    for name, role in PAGES[app]:
        expectation = MATRIX[name]
        if role != current_role:
            _use_role(page, world, role, live_server.url)
            current_role = role
        kwargs = expectation.kwargs(world) if expectation.kwargs else {}
        url = reverse(name, kwargs=kwargs) + (f"?{expectation.query}" if expectation.query else "")
        answer = _open(page, url)
        if answer is None:
            continue  # a download, not a page
        if answer.status != 200:
            failures.append(f"{name} ({url}) as {role}: status {answer.status}")
            continue
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue  # a plain-text answer, not a page
        try:
            assert_accessible(page, f"sweep-{name}", screenshot=False)
        except AssertionError as error:
            failures.append(f"{name} ({url}) as {role}:\n{error}")
        checked += 1
    assert not failures, f"{len(failures)} page(s) of {app} fail:\n\n" + "\n\n".join(failures)
    assert checked, f"No HTML page of {app} was checked."


@pytest.mark.parametrize(
    "app", sorted(app for app, pages in PAGES.items() if any(r == "coordinator" for _n, r in pages))
)
def test_every_coordinator_page_fits_a_phone(app, page: Page, world, live_server):
    """At 390 px no coordinator page is wider than the screen (document.documentElement.scrollWidth)."""
    page.set_viewport_size(PHONE)
    _use_role(page, world, "coordinator", live_server.url)
    too_wide, checked = [], 0
    for name, role in PAGES[app]:
        if role != "coordinator":
            continue
        expectation = MATRIX[name]
        kwargs = expectation.kwargs(world) if expectation.kwargs else {}
        url = reverse(name, kwargs=kwargs) + (f"?{expectation.query}" if expectation.query else "")
        answer = _open(page, url)
        if answer is None or answer.status != 200 or not answer.headers.get("content-type", "").startswith("text/html"):
            continue  # the axe sweep reports a failing status; a download is not a page
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{name} ({url}): {width} px")
        checked += 1
    assert not too_wide, f"{len(too_wide)} page(s) of {app} scroll sideways at 390 px:\n" + "\n".join(too_wide)
    assert checked, f"No coordinator page of {app} was checked."
