"""The browser harness itself: the site's real CSP reaches the browser, a blocked script fails the test, and
axe-core runs under that CSP and reports violations. Pages are stand-ins served with the live server's own
response headers, so these tests do not depend on any template."""

import pytest
from playwright.sync_api import Page, Route

from . import support
from .support import assert_accessible, assert_no_browser_errors, browser_errors

pytestmark = pytest.mark.browser

PROBE_PATH = "/healthz/"
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def _serve_with_site_headers(page: Page, body: str) -> None:
    """Answers PROBE_PATH with `body` as HTML, keeping every header the site sent (its CSP included)."""

    def handle(route: Route) -> None:
        response = route.fetch()
        headers = {**response.headers, "content-type": "text/html; charset=utf-8"}
        route.fulfill(response=response, headers=headers, body=body)

    page.route(f"**{PROBE_PATH}", handle)


def _html(body: str) -> str:
    # The icon link stops Chromium from asking for /favicon.ico, which the site answers with 404.
    head = '<title>Prøve</title><link rel="icon" href="data:,">'
    return f'<!doctype html><html lang="da"><head>{head}</head><body><main>{body}</main></body></html>'


def test_site_sends_a_csp_that_blocks_inline_scripts_and_the_harness_fails_on_it(page: Page):
    _serve_with_site_headers(page, _html('<h1>Prøve</h1><script>document.title = "kørte";</script>'))

    response = page.goto(PROBE_PATH)

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.title() == "Prøve", "the inline script ran: the CSP did not block it"
    assert any("Content Security Policy" in error for error in browser_errors(page))
    with pytest.raises(AssertionError, match="Content Security Policy"):
        assert_no_browser_errors(page)


def test_uncaught_exception_fails_the_test(page: Page):
    _serve_with_site_headers(page, _html("<h1>Prøve</h1>"))
    page.goto(PROBE_PATH)

    with page.expect_event("pageerror"):
        page.evaluate("() => { setTimeout(() => { throw new Error('bevidst fejl'); }); }")

    with pytest.raises(AssertionError, match="bevidst fejl"):
        assert_no_browser_errors(page)


def test_axe_runs_under_the_csp_and_reports_violations(page: Page, tmp_path, monkeypatch):
    monkeypatch.setattr(support, "SCREENSHOT_DIR", tmp_path)
    _serve_with_site_headers(page, _html(f'<h1>Prøve</h1><img src="{PIXEL}">'))
    page.goto(PROBE_PATH)

    with pytest.raises(AssertionError, match=r"image-alt \(critical\)") as failure:
        assert_accessible(page, "harness-bad", screenshot=True)

    assert "target: img" in str(failure.value)
    assert (tmp_path / "harness-bad.png").is_file()


def test_axe_passes_an_accessible_page(page: Page, tmp_path, monkeypatch):
    monkeypatch.setattr(support, "SCREENSHOT_DIR", tmp_path)
    monkeypatch.setattr(support, "SCREENSHOTS", False)
    _serve_with_site_headers(page, _html(f'<h1>Prøve</h1><img alt="Favrskov Kommunes logo" src="{PIXEL}">'))
    page.goto(PROBE_PATH)

    assert_accessible(page, "harness-good")
    assert not (tmp_path / "harness-good.png").exists()  # a test run takes no screenshots unless asked to

    monkeypatch.setattr(support, "SCREENSHOTS", True)  # as `make screenshots` asks
    assert_accessible(page, "harness-good")
    assert (tmp_path / "harness-good.png").is_file()


def test_each_test_starts_with_the_vocabulary_data_migrations_seed(page: Page):
    from companies.models import Industry

    assert Industry.objects.filter(code="C").exists()
