"""Journey: a company leader invited by the jobcenter signs in with MitID Erhverv instead of choosing a password,
against a local OpenID Connect provider (accounts.oidc.testprovider) that shows a page to pick who signs in,
as MitID Erhverv would. A later sign-in for another company is refused with a Danish page; the right one lets
the leader in again, by the persistent professional ID bound at the first sign-in.

Every page of the product is checked with axe. Screenshots: docs/screenshots/journey-mitid-erhverv-*.png.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.oidc.config import MitIDErhvervSettings
from accounts.oidc.models import ProfessionalBinding
from accounts.oidc.testprovider import Person, TestProvider
from companies.tests.factories import CompanyFactory
from tests.browser.journeys import jobcenter_ready, link_in_mail, log_in, mails_to, second_browser
from tests.browser.support import assert_accessible, browser_errors

pytestmark = pytest.mark.browser


def test_leader_signs_in_with_mitid_erhverv(page: Page, live_server, world, settings):
    jobcenter_ready(world.jobcenter)
    company = CompanyFactory(jobcenter=world.jobcenter, name="Favrskov Tømrer ApS")
    lise = Person(
        persistent_id="urn:uuid:0b8f8d4e-7c55-4c1e-a7f3-5d0e6c2b9a41",
        cvr=company.cvr,
        name="Lise Tømrer",
        email="lise@toemrer.dk",
        org_name=company.name,
    )
    elsewhere = Person(
        persistent_id="urn:uuid:0b8f8d4e-7c55-4c1e-a7f3-5d0e6c2b9a41",
        cvr="12345674",
        name="Lise Tømrer",
        email="lise@andet-firma.dk",
        org_name="Andet Firma ApS",
    )
    with TestProvider(people=[lise, elsewhere]) as provider:
        settings.MITID_ERHVERV = MitIDErhvervSettings(
            discovery_url=provider.discovery_url, client_id=provider.client_id, client_secret=provider.client_secret
        )
        # --- The coordinator invites the leader, as always.
        log_in(page, world.coordinator, live_server.url)
        page.goto(f"/virksomheder/{company.pk}/")
        page.get_by_role("link", name="Invitér leder").click()
        page.get_by_label("Lederens navn").fill("Lise Tømrer")
        page.get_by_label("Lederens e-mail").fill("lise@toemrer.dk")
        page.get_by_role("button", name="Send invitation").click()
        expect(page.get_by_text("Invitationen er sendt til lise@toemrer.dk.")).to_be_visible()

        (invitation,) = mails_to("lise@toemrer.dk")
        with second_browser(page, live_server) as leader:
            # --- The leader opens the link and signs in with MitID Erhverv: no password, no authenticator app.
            leader.goto(link_in_mail(invitation, r"^/virksomheder/invitation/"))
            assert_accessible(leader, "journey-mitid-erhverv-invitation")
            leader.get_by_role("link", name="Log ind med MitID Erhverv").click()
            expect(leader.get_by_role("heading", name="Test-MitID Erhverv")).to_be_visible()
            leader.get_by_role("button", name=re.compile(r"^Lise Tømrer – Favrskov Tømrer ApS")).click()
            expect(leader.get_by_text("Velkommen til portalen for Favrskov Tømrer ApS.")).to_be_visible()
            expect(leader.get_by_role("banner")).to_contain_text("Favrskov Tømrer ApS")
            assert_accessible(leader, "journey-mitid-erhverv-portal")
            binding = ProfessionalBinding.unscoped.get(persistent_id=lise.persistent_id)
            assert binding.membership.company == company
            # The company's people and how each signs in.
            leader.get_by_role("link", name="Virksomhedens oplysninger").first.click()
            leader.get_by_role("link", name="Hvem har adgang til portalen").click()
            expect(leader.get_by_role("row", name=re.compile("Lise Tømrer"))).to_contain_text("MitID Erhverv (siden")
            assert_accessible(leader, "journey-mitid-erhverv-personer")

            # --- Later: signed in for another organisation, the portal says so and lets nobody in.
            leader.get_by_role("button", name="Log ud").first.click()
            leader.goto("/konto/login/")
            assert_accessible(leader, "journey-mitid-erhverv-log-ind")
            leader.get_by_role("link", name="Log ind med MitID Erhverv").click()
            leader.get_by_role("button", name=re.compile(r"Andet Firma ApS")).click()
            expect(leader.get_by_role("heading", level=1)).to_have_text("Du er logget ind for en anden virksomhed")
            # The refusal page is answered with 403 on purpose, which Chromium reports in its console: that one
            # error is expected, and any other still fails the test.
            errors = browser_errors(leader)
            assert len(errors) == 1 and "status of 403" in errors[0] and "/konto/mitid-erhverv/retur/" in errors[0]
            errors.clear()
            assert_accessible(leader, "journey-mitid-erhverv-forkert-virksomhed")

            # --- The right company: in again, found by the persistent professional ID.
            leader.get_by_role("link", name="Gå til log ind").click()
            leader.get_by_role("link", name="Log ind med MitID Erhverv").click()
            leader.get_by_role("button", name=re.compile(r"^Lise Tømrer – Favrskov Tømrer ApS")).click()
            expect(leader.get_by_text("Du er logget ind med MitID Erhverv for Favrskov Tømrer ApS.")).to_be_visible()
            leader.goto("/portal/")
            expect(leader.get_by_role("heading", level=1)).to_be_visible()
