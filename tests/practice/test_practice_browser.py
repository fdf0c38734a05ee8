"""One practice session end to end in a real headless Chromium: a student logs in, picks a
persona, practises, finishes and reads the feedback report (with the chart); axe-core
checks every page on the way."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.accounts import accounts
from bot.db.engine import session_scope

pytestmark = pytest.mark.model
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PASSWORD = "student-oefen-wachtwoord"
STUDENT_TURNS = [
    "Fijn dat je er bent. Wat wil je vandaag graag bespreken?",
    "Je vindt het vrijwilligerswerk waardevol en je twijfelt of betaald werk dat kan evenaren.",
    "Mag ik je vertellen wat andere mensen in jouw situatie hielp?",
    "Wat zou er voor jou moeten veranderen om die stap te overwegen?",
]


def test_a_practice_session_in_a_real_browser(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    email = f"student-{uuid.uuid4().hex[:8]}@hbo.example"
    with session_scope(database_url) as s:
        accounts.create_professional(s, email, "Sam Student", PASSWORD, "student")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = axe.new_page(browser, viewport={"width": 390, "height": 844})  # a phone screen
        page.goto(web_app + "/pro/login")
        axe.check(page)
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Oefenen met motiverende gespreksvoering")).to_be_visible()
        axe.check(page)
        page.get_by_role("button", name="Oefen met").first.click()
        log = page.get_by_role("log")
        expect(log.locator("li")).to_have_count(1)  # the persona opens
        axe.check(page)
        for i, text in enumerate(STUDENT_TURNS, start=1):
            page.get_by_role("textbox", name="Wat zeg je tegen").fill(text)
            page.get_by_role("button", name="Zeg het").click()
            expect(log.locator("li")).to_have_count(1 + 2 * i)
            expect(log).to_contain_text(text)
            # the persona's reply is announced: put into the (initially empty) status region after load
            expect(page.locator("#persona-reply")).not_to_have_text("")
            reply = page.locator("#laatste").inner_text().split("\n", 1)[-1].strip()
            assert reply[:40] in page.locator("#persona-reply").text_content()
            axe.check(page, f"after turn {i}")
        page.get_by_role("link", name="Tussentijdse feedback").click()
        expect(page.get_by_text("Tussentijdse feedback")).to_be_visible()
        axe.check(page, "interim")
        page.get_by_role("link", name="Verder oefenen").click()
        axe.check(page)
        page.get_by_role("link", name="Gesprek afronden").click()
        axe.check(page)
        page.get_by_role("link", name="Nee, verder oefenen").click()  # the confirmation lets you go back
        expect(page.get_by_role("textbox", name="Wat zeg je tegen")).to_be_visible()
        page.get_by_role("link", name="Gesprek afronden").click()
        page.get_by_role("button", name="Ja, gesprek afronden").click()
        expect(page.get_by_role("heading", name="MITI-scores")).to_be_visible()
        axe.check(page)
        expect(page.get_by_role("heading", name="Wat goed ging")).to_be_visible()
        expect(page.locator("figure.chart svg")).to_be_visible()
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('table.cards td')]
                .filter(td => getComputedStyle(td).display !== 'none')
                .filter(td => !getComputedStyle(td, '::before').content.replace(/^none$|"/g, '')).length"""
        )
        assert unlabelled == 0  # on a phone every score says what it is (the headers are hidden)
        page.screenshot(path=str(ARTIFACTS / "practice-report-phone.png"), full_page=True)
        no_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        browser.close()
    assert no_scroll, "no horizontal scrolling on a phone screen"
