"""Helpers for browser tests: browser-error bookkeeping and the axe-core accessibility check."""

from __future__ import annotations

import os
import weakref
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
# Tests never write into the tracked tree: screenshots go under var/ (ignored by git), and only when asked for
# (MENTORSHIP_SCREENSHOTS=1, as `make screenshots` sets it, which then copies them to docs/screenshots/ for the
# README). A full-page PNG costs Chromium CPU on every checked page, which a test run has no use for.
SCREENSHOT_DIR = Path(os.environ.get("MENTORSHIP_SCREENSHOT_DIR") or REPO_ROOT / "var" / "screenshots")
SCREENSHOTS = os.environ.get("MENTORSHIP_SCREENSHOTS") == "1"
AXE_SOURCE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_page_errors: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def watch_for_errors(page: Page) -> None:
    """Records every console error and uncaught exception on `page`. A script blocked by the
    Content-Security-Policy, a static file that fails to load and a JavaScript error all end up here."""
    errors = browser_errors(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            errors.append(f"console error at {where.get('url') or '?'}:{where.get('lineNumber', '?')}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught page error: {error}"))


def browser_errors(page: Page) -> list[str]:
    """The errors recorded on `page` and not yet reported (the list itself, so a test may inspect it)."""
    return _page_errors.setdefault(page, [])


def assert_no_browser_errors(page: Page) -> None:
    """Fails if the browser reported errors; each error is reported once."""
    errors = browser_errors(page)
    if errors:
        message = f"The browser reported {len(errors)} error(s), last page {page.url}:\n" + "\n".join(errors)
        errors.clear()
        raise AssertionError(message)


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    target: {', '.join(map(str, node['target']))}")
            lines.append(f"      html: {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n            ")
            if summary:
                lines.append(f"      why:  {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, name: str, *, screenshot: bool | None = None) -> None:
    """Fails on any browser error and on any axe-core violation of WCAG 2.0/2.1 level A and AA, listing each rule
    with the elements that break it. With screenshots asked for (SCREENSHOTS, or screenshot=True) it first saves
    a full-page screenshot to var/screenshots/<name>.png.

    axe-core is injected with `page.evaluate`, which runs through the DevTools protocol and is not subject to
    the page's Content-Security-Policy, so the policy stays fully in force (no `bypass_csp`).
    """
    page.wait_for_load_state("load")
    if SCREENSHOTS if screenshot is None else screenshot:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True, animations="disabled")
    assert_no_browser_errors(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{\n{_axe_source()}\n}}")
    violations = page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
            }));
        }""",
        WCAG_TAGS,
    )
    assert_no_browser_errors(page)
    if violations:
        raise AssertionError(
            f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url} ({name}):\n"
            + _format_violations(violations)
        )
