"""A jobcenter admin edits the portal's page about the mentor scheme on a phone (390 px): writes the text,
previews it, saves it, and a company leader reads it in the portal. The edit page and its preview pass axe
at 390 px and scroll no wider than the screen."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import assert_accessible
from tests.browser.test_corps_pages import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WELCOME = "Velkommen til **Favrskov**.\n\n- Ring til os\n- Skriv til [jobcentret](mailto:job@favrskov.dk)"


def scrolls_no_wider_than_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_admin_edits_the_portal_text_with_a_preview_on_a_phone(page: Page, world, live_server):
    page.set_viewport_size(PHONE)
    log_in(page, world.jobcenter_admin, live_server.url)
    page.goto("/tekster/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tekster")
    page.get_by_role("link", name="Om mentorordningen (portalen)").click()
    text = page.get_by_label("Tekst", exact=True)
    expect(text).to_have_value(re.compile(r"^Mentorordningen er en af de muligheder"))
    assert_accessible(page, "tekster-rediger-390")
    assert scrolls_no_wider_than_the_screen(page)

    text.fill(f"{WELCOME}\n\n<script>alert(1)</script>")
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator("#id_body_error")).to_contain_text("HTML kan ikke bruges.")
    text.fill(WELCOME)
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    preview = page.locator(".text-preview")
    expect(preview.locator("strong")).to_have_text("Favrskov")
    expect(preview.get_by_role("link", name="jobcentret")).to_have_attribute("href", "mailto:job@favrskov.dk")
    assert_accessible(page, "tekster-forhaandsvisning-390")
    assert scrolls_no_wider_than_the_screen(page)

    page.get_by_role("button", name="Gem tekst").click()
    expect(page.get_by_text("Teksten er gemt.")).to_be_visible()
    expect(page.get_by_role("row", name="Om mentorordningen (portalen)")).to_contain_text("ændret")

    log_in(page, world.leader_a, live_server.url)
    page.goto("/portal/mentorordningen/")
    expect(page.locator("main strong", has_text="Favrskov")).to_be_visible()
    expect(page.get_by_role("link", name="Søg om frikøb")).to_be_visible()


def test_an_admin_writes_an_e_mail_opening_with_placeholders_on_a_phone(page: Page, world, live_server):
    page.set_viewport_size(PHONE)
    log_in(page, world.jobcenter_admin, live_server.url)
    page.goto("/tekster/")
    page.get_by_role("link", name="Kvittering for ansøgning til mentorkorpset").click()
    text = page.get_by_label("Tekst", exact=True)
    expect(text).to_have_value("Tak for din ansøgning om at blive mentor i {jobcenter}. Vi har modtaget den.")
    placeholders = page.locator("#placeholders")
    expect(placeholders.get_by_role("row", name=re.compile(r"\{fornavn\}"))).to_contain_text("modtagerens fornavn")
    expect(page.locator(".text-preview")).to_have_text(
        "Tak for din ansøgning om at blive mentor i Jobcenter Favrskov. Vi har modtaget den."
    )
    assert_accessible(page, "tekster-email-390")
    assert scrolls_no_wider_than_the_screen(page)

    text.fill("Hej {fornavn} fra {kommune}")
    page.get_by_role("button", name="Gem tekst").click()
    expect(page.locator("#id_body_error")).to_contain_text("Ukendt pladsholder: {kommune}.")
    text.fill("Hej **{fornavn}**, tak fra {jobcenter}.")
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator(".text-preview strong")).to_have_text("Lars")
    expect(page.locator(".text-preview")).to_have_text("Hej Lars, tak fra Jobcenter Favrskov.")
    assert_accessible(page, "tekster-email-forhaandsvisning-390")
    assert scrolls_no_wider_than_the_screen(page)
    page.get_by_role("button", name="Gem tekst").click()
    expect(page.get_by_role("row", name="Kvittering for ansøgning til mentorkorpset")).to_contain_text("ændret")
