"""The client list in a real headless Chromium on a phone: one card per client, every
value with its label (the table's column headers are hidden there), nothing wider than the
screen; search and filter through the form."""

from __future__ import annotations

import uuid

from bot.accounts import accounts
from bot.db.engine import session_scope
from bot.workspace import clients

PASSWORD = "lijst-test-wachtwoord"


def test_the_client_list_is_a_card_per_client_on_a_phone(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    email = f"ad-{uuid.uuid4().hex[:8]}@gemeente.example"
    with session_scope(database_url) as s:
        pro = accounts.create_professional(s, email, "Anne de Boer", PASSWORD)
        for name in ("M.K.", "Lange-Pseudoniem-Zonder-Spaties-Om-Af-Te-Breken", "P.Q."):
            clients.create_client(s, pro, name)
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = axe.new_page(browser, viewport={"width": 360, "height": 740})
        page.goto(web_app + "/pro/login")
        axe.check(page)
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Uw cliënten")).to_be_visible()
        axe.check(page)
        assert page.locator("table.cards thead").evaluate("e => getComputedStyle(e).display") == "none"
        cell = page.locator("table.cards tbody tr").first.locator("td").first
        assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Volgend gesprek"'
        assert page.locator("table.cards tbody tr").first.evaluate("e => getComputedStyle(e).display") == "block"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
        page.get_by_label("Zoek op pseudoniem").fill("m.k")
        page.get_by_role("button", name="Toon").click()
        expect(page.get_by_role("status").filter(has_text="gevonden")).to_contain_text("1 van 3 cliënten gevonden")
        expect(page.locator("table.cards tbody tr")).to_have_count(1)
        axe.check(page, "searched")
        page.get_by_role("link", name="Alles wissen").click()
        expect(page.locator("table.cards tbody tr")).to_have_count(3)
        axe.check(page, "cleared")
        browser.close()
