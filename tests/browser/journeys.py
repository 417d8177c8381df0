"""Helpers shared by the journey tests (test_journey_*.py): following e-mailed links and staff logins.

E-mails are sent by the outbox's Celery task, which the browser conftest runs eagerly in the live server's
request thread, so they land in django.core.mail.outbox like in any other Django test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.core import mail

from accounts.services import jobcenter_defaults_ensure
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.support import assert_no_browser_errors, watch_for_errors
from tests.browser.test_corps_pages import log_in

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["jobcenter_ready", "link_in_mail", "log_in", "mails_to", "second_browser"]


def jobcenter_ready(jobcenter) -> None:
    """The vocabulary a real jobcenter gets when it is created (competences, target groups, weights, ...)."""
    jobcenter_defaults_ensure(actor=None, jobcenter=jobcenter)


@contextmanager
def second_browser(page: Page, live_server) -> Iterator[Page]:
    """Another person's browser (own cookies) beside `page`, set up like the `page` fixture's, with its
    console and page errors watched the same way (assert_accessible reports them)."""
    context = page.context.browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        other = context.new_page()
        watch_for_errors(other)
        yield other
        other.wait_for_load_state("networkidle")
        assert_no_browser_errors(other)
    finally:
        context.close()


def mails_to(address: str) -> list:
    """The e-mails sent to `address` (recipients may be written "Name <address>")."""
    return [message for message in mail.outbox if any(address in recipient for recipient in message.to)]


def link_in_mail(message, pattern: str) -> str:
    """The path of the first link in the e-mail's text whose path matches `pattern`; e-mails carry the
    public site address (MENTORSHIP_SITE_URL), so the test opens the same path on the live server."""
    for url in re.findall(r"https?://\S+", message.body):
        parts = urlsplit(url)
        if re.search(pattern, parts.path):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    raise AssertionError(f"No link matching {pattern!r} in the e-mail {message.subject!r}:\n{message.body}")
