"""A member of staff signs in through the test identity provider that stands in for KOMBIT's Context Handler
(`manage.py saml_test_idp`'s pages, served here on a port of its own), works without a one-time code, and logs
out of both: the real redirects and POSTs in Chromium, with keys made for the test."""

import os
import re
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD, demo_email
from accounts.management.commands.saml_test_idp import Command, demo_people
from accounts.saml.client import xmlsec_binary
from accounts.saml.testidp import TestIdP

from .support import assert_accessible

pytestmark = pytest.mark.browser


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def kombit(seeded_demo, live_server, settings, tmp_path):
    """Demo data, and the test IdP on localhost (the same site as the live server, as `make run` has it)."""
    if not Path(xmlsec_binary()).is_file():  # pysaml2 signs through Debian's xmlsec1 (.ci/run installs it)
        (pytest.fail if os.environ.get("CI") else pytest.skip)("needs Debian's xmlsec1 (apt-get install xmlsec1)")
    server = make_server("127.0.0.1", 0, lambda environ, start: app(environ, start), handler_class=_Quiet)
    idp = TestIdP(tmp_path, base_url=f"http://localhost:{server.server_port}", sp_base_url=live_server.url)
    settings.SAML_FEDERATION = idp.sp_settings()
    app = Command().app(idp, demo_people())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield idp
    server.shutdown()
    server.server_close()


def test_coordinator_signs_in_through_kombit_and_logs_out_of_both(page: Page, kombit):
    page.goto("/konto/login/")
    assert_accessible(page, "login-med-kombit")
    page.get_by_role("link", name="Log ind som medarbejder i kommunen").click()

    expect(page).to_have_url(re.compile(r"/saml/sso\?SAMLRequest="))
    page.get_by_role("button", name="koordinator@favrskov.demo").click()

    # No one-time code: the federated sign-in is the second factor.
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Jobcenter Favrskov")

    page.get_by_role("button", name="Log ud").first.click()
    expect(page.get_by_role("heading", name="Du er logget ud", level=1)).to_be_visible()
    assert_accessible(page, "kombit-logget-ud")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/konto/login/"))


def test_jobcenter_admin_switches_local_passwords_off_after_signing_in_through_kombit(page: Page, kombit):
    page.goto("/konto/login/")
    page.get_by_role("link", name="Log ind som medarbejder i kommunen").click()
    page.get_by_role("button", name="admin@favrskov.demo").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()

    page.get_by_role("link", name="Log ind med adgangskode").click()
    expect(page.get_by_role("heading", name="Log ind med adgangskode", level=1)).to_be_visible()
    assert_accessible(page, "kombit-lokale-adgangskoder")
    page.get_by_role("button", name="Slå adgangskoder fra").click()
    expect(page.get_by_text("Lokale adgangskoder er slået fra.")).to_be_visible()
    expect(page.get_by_role("button", name="Slå adgangskoder til igen")).to_be_visible()

    page.get_by_role("button", name="Log ud").first.click()
    expect(page.get_by_role("heading", name="Du er logget ud", level=1)).to_be_visible()
    page.goto("/konto/login/")
    page.get_by_label("E-mail").fill(demo_email("sagsbehandler", "favrskov"))
    page.get_by_label("Adgangskode", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page.get_by_text("Dit jobcenter logger ind via Fælleskommunal adgangsstyring")).to_be_visible()
    assert_accessible(page, "kombit-adgangskode-slaaet-fra")
