"""A personal chat link in a real headless Chromium (the coach faked at the page's API):
opened again in a new tab it continues the open conversation, with the same conversation id
and the messages so far; "Nieuw gesprek" starts a fresh one. The professional's copy button
puts the link on the clipboard."""

from __future__ import annotations

import json
import uuid

from bot.accounts import accounts
from bot.db.engine import session_scope
from bot.web.app import SESSION_IDLE_MINUTES
from bot.workspace import clients

PASSWORD = "chatlink-test-wachtwoord"


def test_the_idle_time_is_the_coach_session_time():
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
    assert domain["session_config"]["session_expiration_time"] == SESSION_IDLE_MINUTES


def test_a_chat_link_in_a_new_tab_continues_the_conversation(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    email = f"ad-{uuid.uuid4().hex[:8]}@gemeente.example"
    with session_scope(database_url) as s:
        pro = accounts.create_professional(s, email, "Anne de Boer", PASSWORD)
        client = clients.create_client(s, pro, "T.L.")
        _, token = clients.create_invitation(s, client)
    seen = []

    def fake_coach(route):
        body = json.loads(route.request.post_data)
        seen.append(body["conversation_id"])
        reply = "Welkom bij de coach." if body["text"] == "/greet" else f"U zei: {body['text']}"
        route.fulfill(status=200, content_type="application/json", body=json.dumps({"messages": [{"text": reply}]}))

    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.route(f"**/c/{token}/message", fake_coach)
        first = axe.watch(context.new_page())
        first.goto(f"{web_app}/c/{token}")
        expect(first.get_by_role("log")).to_contain_text("Welkom bij de coach.")
        axe.check(first)
        first.get_by_label("Uw bericht").fill("ik doe vrijwilligerswerk")
        first.get_by_role("button", name="Verstuur").click()
        expect(first.get_by_role("log")).to_contain_text("U zei: ik doe vrijwilligerswerk")
        axe.check(first, "after a message")

        second = axe.watch(context.new_page())  # the link opened again, in a new tab
        second.goto(f"{web_app}/c/{token}")
        expect(second.get_by_role("log")).to_contain_text("U zei: ik doe vrijwilligerswerk")
        axe.check(second, "continued")
        second.get_by_label("Uw bericht").fill("nog een bericht")
        second.get_by_role("button", name="Verstuur").click()
        expect(second.get_by_role("log")).to_contain_text("U zei: nog een bericht")
        assert len(set(seen)) == 1 and len(seen) == 3  # one greeting, one conversation id

        # an idle conversation (older than the coach's session) is not continued
        second.evaluate(
            "([scope, ms]) => localStorage.setItem('overstap.' + scope + 'lastActive', String(Date.now() - ms))",
            [second.locator("#chat").get_attribute("data-storage-scope"), (SESSION_IDLE_MINUTES + 1) * 60000],
        )
        third = axe.watch(context.new_page())
        third.goto(f"{web_app}/c/{token}")
        expect(third.get_by_role("log")).to_contain_text("Welkom bij de coach.")
        axe.check(third, "fresh")
        expect(third.get_by_role("log")).not_to_contain_text("vrijwilligerswerk")
        assert len(set(seen)) == 2
        browser.close()


def test_the_copy_button_copies_the_new_link(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import expect, sync_playwright

    email = f"ad-{uuid.uuid4().hex[:8]}@gemeente.example"
    with session_scope(database_url) as s:
        pro = accounts.create_professional(s, email, "Anne de Boer", PASSWORD)
        client_id = clients.create_client(s, pro, "K.C.").id
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web_app)
        page = axe.watch(context.new_page())
        page.goto(web_app + f"/pro/clients/{client_id}")
        axe.check(page)
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("button", name="Nieuwe chatlink maken")).to_be_visible()
        axe.check(page)
        page.get_by_role("button", name="Nieuwe chatlink maken").click()
        link = page.get_by_role("textbox", name="Link").input_value()
        assert "/c/" in link and "#nieuwe-link" in page.url
        axe.check(page, "new link")
        page.reload()  # Post/Redirect/Get: the same link again, no new one
        assert page.get_by_role("textbox", name="Link").input_value() == link
        axe.check(page, "reloaded")
        page.get_by_role("button", name="Kopieer link").click()
        expect(page.locator(".copy-status")).to_have_text("Gekopieerd.")
        assert page.evaluate("navigator.clipboard.readText()") == link
        page.get_by_role("button", name="Kopieer tekst").click()
        assert link in page.evaluate("navigator.clipboard.readText()")
        browser.close()


def test_the_chat_page_on_a_phone_keeps_focus_offers_consent_buttons_and_one_limit(web_app, chromium_launch, axe):
    """The open chat with the coach faked at the page's API, on a touch phone."""
    from playwright.sync_api import expect, sync_playwright

    from bot.understanding.input_guard import MAX_CHARS

    sent = []

    def fake_coach(route):
        body = json.loads(route.request.post_data)
        sent.append(body["text"])
        if body["text"] == "/greet":
            buttons = [
                {"title": "Ja, dat is goed", "payload": "ja, dat is goed"},
                {"title": "Nee, liever niet", "payload": "nee, liever niet"},
            ]
            messages = [{"text": "Welkom."}, {"text": "Mag ik dit gesprek bewaren?", "buttons": buttons}]
        else:
            messages = [{"text": f"U zei: {body['text']}"}]
        route.fulfill(status=200, content_type="application/json", body=json.dumps({"messages": messages}))

    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
        context.route("**/api/message", fake_coach)
        page = axe.watch(context.new_page())
        page.goto(web_app + "/")
        log = page.get_by_role("log")
        expect(log).to_contain_text("Mag ik dit gesprek bewaren?")
        axe.check(page, "consent buttons")
        expect(page.get_by_text("Shift+Enter")).to_be_hidden()  # no keyboard on a touch phone
        header = page.evaluate("document.querySelector('.chat__header').getBoundingClientRect().height")
        assert header < 0.16 * 740, header  # a compact header: the conversation keeps the screen
        page.get_by_role("button", name="Ja, dat is goed").click()
        expect(log).to_contain_text("U zei: ja, dat is goed")
        expect(page.get_by_role("button", name="Ja, dat is goed")).to_have_count(0)
        assert sent == ["/greet", "ja, dat is goed"]

        box = page.get_by_label("Uw bericht")
        box.fill("ik werk twee dagen bij de kringloop")
        page.get_by_role("button", name="Verstuur").click()
        expect(log).to_contain_text("U zei: ik werk twee dagen")
        assert page.evaluate("document.activeElement.id") == "message"  # focus stays in the box

        assert page.locator("#chat").get_attribute("data-max-chars") == str(MAX_CHARS)
        box.fill("a" * (MAX_CHARS + 1))
        page.get_by_role("button", name="Verstuur").click()
        expect(page.get_by_role("alert")).to_contain_text("te lang")
        axe.check(page, "error shown")
        assert len(sent) == 3  # refused by the page, as the coach would
        box.press("Backspace")
        expect(page.locator("#error")).to_have_text("")  # fixed: the error clears
        browser.close()
