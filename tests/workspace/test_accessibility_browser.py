"""axe-core (WCAG 2.1 A and AA rules) in a real headless Chromium on every kind of page, on a
desktop and a phone screen: the professional's and the admin's workspace, the student's
practice pages, the teacher's class overview, the chat page and the error pages. No
violation anywhere (the other browser tests check every page they visit too, through the
`axe` fixture in tests/conftest.py)."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

from bot.accounts import accounts
from bot.db.engine import session_scope
from bot.workspace import clients
from tests.workspace.test_workspace_http import PASSWORD, account, client_with_conversation


def practice_sessions(database_url, student_email):
    """A finished and an unfinished practice session of the student (codes given, no classifier)."""
    from bot.db.models import Professional
    from bot.practice import service

    with session_scope(database_url) as s:
        student = s.query(Professional).filter_by(email=student_email).one()
        persona = service.list_personas()[0]["id"]
        done = service.start_session(s, student.practice_id, persona, seed=5)["session_id"]
        for code in ("open_question", "complex_reflection", "simple_reflection", "affirm"):
            service.student_turn(s, done, "Wat betekent dat voor je?", code=code, confidence=0.9)
        service.finish(s, done)
        open_ = service.start_session(s, student.practice_id, persona, seed=6)["session_id"]
        service.student_turn(s, open_, "Hoe gaat het met je?", code="open_question", confidence=0.9)
    return done, open_


def test_no_wcag_violations_on_any_kind_of_page(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import sync_playwright

    tag = uuid.uuid4().hex[:8]
    people = {role: f"{role}-{tag}@gemeente.example" for role in ("professional", "admin", "teacher", "student")}
    with session_scope(database_url) as s:
        teacher = accounts.create_professional(s, people["teacher"], "Teacher", PASSWORD, "teacher")
        for role in ("professional", "admin"):
            accounts.create_professional(s, people[role], role.capitalize(), PASSWORD, role)
        accounts.create_professional(s, people["student"], "Student", PASSWORD, "student", teacher.id)
    done, open_ = practice_sessions(database_url, people["student"])
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
            "/pro/clients/new",
            f"/pro/clients/{data['client_id']}/delete",
            "/pro/account/password",
            f"/pro/conversations/{conv}",
            f"/pro/conversations/{conv}/export.html",
        ],
        "admin": ["/pro/admin/accounts", "/pro/admin/audit", "/pro/admin/audit?wat=login"],
        "teacher": ["/pro/teacher", f"/pro/practice/{done}/report", "/pro/practice"],
        "student": [
            "/pro/practice",
            f"/pro/practice/{open_}",
            f"/pro/practice/{open_}/finish",
            f"/pro/practice/{open_}/report",
            f"/pro/practice/{done}/report",
            "/pro/account/password",
        ],
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        for viewport in ({"width": 1100, "height": 900}, {"width": 360, "height": 740}):
            for role, paths in pages.items():
                page = axe.watch(browser.new_context(viewport=viewport).new_page())
                page.goto(web_app + "/pro/login")
                axe.check(page)
                page.fill("#email", people[role])
                page.fill("#password", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(lambda url: "/login" not in url)
                axe.check(page, "after log-in")
                for path in paths:
                    page.goto(web_app + path)
                    axe.check(page)
                if role == "professional":  # the states after a form: a new link, a duplicate warning
                    page.goto(web_app + f"/pro/clients/{data['client_id']}")
                    axe.check(page)
                    page.get_by_role("button", name="Nieuwe chatlink maken").click()
                    axe.check(page, "new link")
                    page.goto(web_app + "/pro/clients/new")
                    page.get_by_label("Pseudoniem of initialen").fill("J.B.")
                    page.get_by_role("button", name="Cliënt aanmaken").click()
                    axe.check(page, "duplicate warning")
                if role == "admin":
                    page.goto(web_app + "/pro/admin/accounts")
                    page.get_by_role("button", name="Resetlink maken").first.click()
                    axe.check(page, "reset link")
                if role == "student":  # the form's error state
                    page.goto(web_app + f"/pro/practice/{open_}")
                    page.evaluate("document.querySelector('#text').removeAttribute('required')")
                    page.get_by_role("button", name="Zeg het").click()
                    axe.check(page, "empty turn")
            chat = axe.watch(browser.new_context(viewport=viewport).new_page())
            buttons = [{"title": "Ja, dat is goed", "payload": "ja"}, {"title": "Nee, liever niet", "payload": "nee"}]
            body = json.dumps({"messages": [{"text": "Mag dat?", "buttons": buttons}]})
            chat.route("**/api/message", lambda r: r.fulfill(status=200, content_type="application/json", body=body))
            chat.goto(web_app + "/")
            chat.wait_for_selector("#choices button")
            axe.check(chat, "consent buttons")
            chat.goto(web_app + "/bestaat-niet")
            axe.check(chat, "unknown URL")
            chat.goto(web_app + "/c/geen-geldige-link")
            axe.check(chat, "dead chat link")
        browser.close()
    widths = {key.split("px", 1)[0] for key in axe.found}
    assert len(axe.found) >= 60 and widths == {"1100", "360"}
