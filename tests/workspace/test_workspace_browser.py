"""The workspace end to end in a real headless Chromium against the real stack (`overstap
serve`: action server, Rasa with the trained model, web app): a professional invites a
client, the client chats through the personal link until a stage is recognised, the
professional reads transcript, summary and trajectory, then deletes the client."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.db.engine import session_scope
from bot.db.models import Client, Conversation, Professional

pytestmark = pytest.mark.model
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PASSWORD = "werkplek-test-wachtwoord"
CLIENT_MESSAGES = [
    "ja, dat is goed",
    "ik heb vorige week drie sollicitatiebrieven verstuurd naar bedrijven in de logistiek",
    "<script>alert('x')</script> morgen heb ik een sollicitatiegesprek bij een magazijn",
    "sinds een maand werk ik twee ochtenden per week als proefplaatsing bij een groothandel",
    "ik ben gisteren begonnen met een cursus heftruck rijden om mijn kansen te vergroten",
]


@pytest.fixture(scope="module")
def stack(model_path, database_url, serve_stack_class):
    server = serve_stack_class(model_path, "token-" + uuid.uuid4().hex)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def professional(database_url):
    email = f"ad-{uuid.uuid4().hex[:8]}@gemeente.example"
    overstap = str(Path(sys.executable).with_name("overstap"))
    proc = subprocess.run(
        [overstap, "create-account", "--email", email, "--name", "Anne de Boer", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return email


def test_invite_chat_review_and_delete_in_a_real_browser(stack, professional, database_url, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        pro = browser.new_context(viewport={"width": 1100, "height": 900})
        page = axe.watch(pro.new_page())
        page.goto(stack.web + "/pro/clients")
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        axe.check(page)
        page.get_by_label("E-mailadres").fill(professional)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Uw cliënten")).to_be_visible()
        axe.check(page)

        page.get_by_role("link", name="Nieuwe cliënt").click()
        expect(page.get_by_label("Pseudoniem of initialen")).to_be_visible()
        axe.check(page)
        page.get_by_label("Pseudoniem of initialen").fill("M.K.")
        page.get_by_label("Datum volgend gesprek (mag leeg)").fill("2026-12-15")
        page.get_by_role("button", name="Cliënt aanmaken").click()
        expect(page.get_by_role("heading", name="M.K.")).to_be_visible()
        client_id = page.url.rstrip("/").split("/")[-1]
        axe.check(page)
        page.get_by_role("button", name="Nieuwe chatlink maken").click()
        link = page.get_by_role("textbox", name="Link").input_value()
        assert "/c/" in link
        axe.check(page, "new link")

        # The client, in a separate browser context (no cookies of the professional), on a phone.
        chat = axe.watch(browser.new_context(viewport={"width": 360, "height": 740}).new_page())
        chat.goto(link)
        log = chat.get_by_role("log")
        expect(log).to_contain_text("computerprogramma", timeout=60_000)
        axe.check(chat, "consent")
        box = chat.get_by_label("Uw bericht")
        chat.get_by_role("button", name="Ja, dat is goed").click()  # consent by button
        expect(log).to_contain_text("ja, dat is goed")
        expect(chat.get_by_role("button", name="Ja, dat is goed")).to_have_count(0)
        expect(chat.get_by_role("button", name="Verstuur")).to_be_enabled(timeout=60_000)  # the coach answered
        for message in CLIENT_MESSAGES[1:]:
            count = log.locator(":scope > *").count()
            box.fill(message)
            chat.get_by_role("button", name="Verstuur").click()
            # the client's message and at least one answer (no eval: the page's CSP forbids it)
            expect(log.locator(":scope > *").nth(count + 1)).to_be_attached(timeout=60_000)
        expect(log).to_contain_text("<script>alert('x')</script>")  # shown as text
        axe.check(chat, "conversation")
        with session_scope(database_url) as s:
            conv = s.scalars(select(Conversation).where(Conversation.client_id == client_id)).one()
            assert conv.assessments and conv.assessments[-1].stage is not None, "a stage is recognised"
            sender = conv.sender_id
            assert rasa_events(s, sender) > 0  # Rasa's tracker store holds this chat too
            stage_nl = {
                "precontemplation": "voorbeschouwing",
                "contemplation": "overweging",
                "preparation": "voorbereiding",
                "action": "actie",
                "maintenance": "gedragsbehoud",
            }[conv.assessments[-1].stage]

        # The professional reviews.
        page.goto(stack.web + "/pro/clients")
        row = page.get_by_role("row").filter(has_text="M.K.")
        expect(row).to_contain_text(stage_nl)
        axe.check(page, "with the stage")
        row.get_by_role("link", name="M.K.").click()
        chart = page.get_by_role("img", name="Grafiek van de fase")
        expect(chart).to_be_visible()
        axe.check(page, "with the chart")
        assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 0
        page.get_by_role("link", name="Gesprek van").first.click()
        expect(page.get_by_role("heading", name="Fase van verandering")).to_be_visible()
        expect(page.locator("main")).to_contain_text(stage_nl)
        expect(page.locator("main")).to_contain_text("<script>alert('x')</script>")  # as text
        assert page.evaluate("window.__xss === undefined")
        axe.check(page)
        page.screenshot(path=str(ARTIFACTS / "workspace-summary.png"), full_page=True)

        page.goto(stack.web + f"/pro/clients/{client_id}")
        page.get_by_role("link", name="Cliënt en alle gegevens verwijderen").click()
        expect(page.get_by_role("button", name="Ja, definitief verwijderen")).to_be_visible()
        axe.check(page)
        page.get_by_role("button", name="Ja, definitief verwijderen").click()
        expect(page.get_by_role("heading", name="Uw cliënten")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("M.K.")
        axe.check(page, "after deleting")
        chat.goto(link)  # the link died with the client
        expect(chat.locator("main")).to_contain_text("werkt niet")
        axe.check(chat, "dead link")
        browser.close()

    with session_scope(database_url) as s:
        assert s.get(Client, client_id) is None
        assert s.scalars(select(Conversation).where(Conversation.client_id == client_id)).all() == []
        assert rasa_events(s, sender) == 0
        assert s.scalar(select(Professional).where(Professional.email == professional)) is not None


def rasa_events(session, sender_id: str) -> int:
    return session.execute(text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender_id}).scalar()
