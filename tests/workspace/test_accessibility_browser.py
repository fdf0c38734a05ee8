"""axe-core (WCAG 2.1 A and AA rules) in a real headless Chromium on the workspace pages
this issue changed or added, on a desktop and a phone screen: no violation anywhere."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

from bot.accounts import accounts
from bot.db.engine import session_scope
from bot.workspace import clients
from tests.workspace.test_workspace_http import PASSWORD, account, client_with_conversation

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))}))",
        WCAG,
    )


def test_no_wcag_violations_on_the_new_workspace_pages(web_app, database_url, chromium_launch, axe_source):
    from playwright.sync_api import sync_playwright

    tag = uuid.uuid4().hex[:8]
    people = {role: f"{role}-{tag}@gemeente.example" for role in ("professional", "admin", "teacher")}
    with session_scope(database_url) as s:
        for role, email in people.items():
            accounts.create_professional(s, email, role.capitalize(), PASSWORD, role)
    data = client_with_conversation(database_url, people["professional"])
    with session_scope(database_url) as s:
        pro = account(database_url, people["professional"])
        for n in range(55):  # two pages
            clients.create_client(s, pro, f"Cliënt {n:02d}")
    conv = quote(data["conversation_id"], safe="")
    pages = {
        "professional": [
            "/pro/clients",
            "/pro/clients?zoek=cli&sort=stage&pagina=2",
            "/pro/clients?zoek=niemand",
            f"/pro/clients/{data['client_id']}",
            "/pro/account/password",
            f"/pro/conversations/{conv}",
            f"/pro/conversations/{conv}/export.html",
        ],
        "admin": ["/pro/admin/accounts", "/pro/admin/audit", "/pro/admin/audit?wat=login"],
        "teacher": ["/pro/teacher"],
    }
    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        for viewport in ({"width": 1100, "height": 900}, {"width": 360, "height": 740}):
            for role, paths in pages.items():
                page = browser.new_context(viewport=viewport, bypass_csp=True).new_page()  # axe is injected inline
                page.goto(web_app + "/pro/login")
                found[(viewport["width"], "login")] = violations(page, axe_source)
                page.fill("#email", people[role])
                page.fill("#password", PASSWORD)
                page.click("button[type=submit]")
                for path in paths:
                    page.goto(web_app + path)
                    found[(viewport["width"], path)] = violations(page, axe_source)
                if role == "professional":  # the states after a form: a new link, a duplicate warning
                    page.goto(web_app + f"/pro/clients/{data['client_id']}")
                    page.get_by_role("button", name="Nieuwe chatlink maken").click()
                    found[(viewport["width"], "new link")] = violations(page, axe_source)
                    page.goto(web_app + "/pro/clients/new")
                    page.get_by_label("Pseudoniem of initialen").fill("J.B.")
                    page.get_by_role("button", name="Cliënt aanmaken").click()
                    found[(viewport["width"], "duplicate warning")] = violations(page, axe_source)
                if role == "admin":
                    page.goto(web_app + "/pro/admin/accounts")
                    page.get_by_role("button", name="Resetlink maken").first.click()
                    found[(viewport["width"], "reset link")] = violations(page, axe_source)
            chat = browser.new_context(viewport=viewport, bypass_csp=True).new_page()
            buttons = [{"title": "Ja, dat is goed", "payload": "ja"}, {"title": "Nee, liever niet", "payload": "nee"}]
            body = json.dumps({"messages": [{"text": "Mag dat?", "buttons": buttons}]})
            chat.route("**/api/message", lambda r: r.fulfill(status=200, content_type="application/json", body=body))
            chat.goto(web_app + "/")
            chat.wait_for_selector("#choices button")
            found[(viewport["width"], "chat with consent buttons")] = violations(chat, axe_source)
            chat.goto(web_app + "/bestaat-niet")
            found[(viewport["width"], "unknown URL")] = violations(chat, axe_source)
        browser.close()
    assert len(found) >= 30
    assert {k: v for k, v in found.items() if v} == {}
