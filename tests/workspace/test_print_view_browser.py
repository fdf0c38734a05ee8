"""The print view in a real headless Chromium: its own styles apply (the page's CSP allows
them), the print button appears and prints, and the link leads back to the conversation."""

from __future__ import annotations

from urllib.parse import quote

from tests.workspace.test_workspace_http import PASSWORD, client_with_conversation, make_account


def test_the_print_view_prints_and_leads_back(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    conv = quote(data["conversation_id"], safe="")
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = axe.new_page(browser)
        page.add_init_script("window.print = function () { window.__printed = true; };")
        page.goto(f"{web_app}/pro/conversations/{conv}/export.html")
        axe.check(page)
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Gespreksverslag Overstap")).to_be_visible()
        axe.check(page)
        assert page.evaluate("getComputedStyle(document.body).maxWidth") == "832px"  # 52rem: the styles apply
        page.get_by_role("button", name="Afdrukken of opslaan als PDF").click()
        assert page.evaluate("window.__printed === true")
        page.emulate_media(media="print")
        expect(page.get_by_role("button", name="Afdrukken of opslaan als PDF")).to_be_hidden()
        page.emulate_media(media="screen")
        page.get_by_role("link", name="Terug naar het gesprek").click()
        expect(page.get_by_role("heading", name="Gesprek van")).to_be_visible()
        axe.check(page)
        browser.close()
