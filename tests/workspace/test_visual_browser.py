"""Visual checks in a real headless Chromium: the focus ring has at least 3:1 contrast (on
inputs, textareas, buttons and links), the flagged turn stands out in the transcript, and
the charts' text is at least 14 px and stays inside the picture (the last date too)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from bot.coach import records as store
from bot.db.engine import session_scope
from bot.db.models import Conversation
from bot.practice.chart import timeline_svg
from bot.workspace.chart import dutch_date, trajectory_svg
from tests.workspace.test_workspace_http import PASSWORD, client_with_conversation, make_account


def contrast(a: str, b: str) -> float:
    def luminance(rgb: str) -> float:
        values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_focus_ring_contrast_and_the_flagged_turn(web_app, database_url, chromium_launch, axe):
    from playwright.sync_api import sync_playwright

    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    with session_scope(database_url) as s:
        conv = s.get(Conversation, data["conversation_id"])
        ref = store.ConversationRef(conv.id, conv.client_id, conv.sender_id)
    store.add_safety_flag(ref, ["lexicon"], 0.9, "possible_crisis", database_url, ["hopeless"], client_turn=4)
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = axe.new_page(browser)
        page.goto(web_app + "/pro/login")
        axe.check(page)
        rings = {}
        for selector in ("#email", "#password", "button[type=submit]"):
            page.focus(selector)
            rings[selector] = page.evaluate(
                "s => { const c = getComputedStyle(document.querySelector(s)); return [c.outlineStyle, c.outlineColor]; }",
                selector,
            )
        page.fill("#email", email)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/pro/clients")
        axe.check(page)
        page.goto(f"{web_app}/pro/clients/{data['client_id']}")
        axe.check(page)
        page.focus("#days")
        rings["#days"] = page.evaluate(
            "(() => { const c = getComputedStyle(document.activeElement); return [c.outlineStyle, c.outlineColor]; })()"
        )
        page.goto(f"{web_app}/pro/conversations/{quote(data['conversation_id'], safe='')}")
        axe.check(page)
        flagged = page.locator("#beurt-4")
        plain = page.locator("#beurt-2")
        style = (
            "e => { const c = getComputedStyle(e); return [c.backgroundColor, c.borderLeftWidth, c.borderLeftColor]; }"
        )
        flagged_style, plain_style = flagged.evaluate(style), plain.evaluate(style)
        # the textareas: the chat box (the coach faked at the page's API) and the practice box
        page.route(
            "**/api/message",
            lambda r: r.fulfill(status=200, content_type="application/json", body='{"messages": [{"text": "Hallo."}]}'),
        )
        page.goto(web_app + "/")
        page.wait_for_selector("#message:not([disabled])")
        axe.check(page)
        page.focus("#message")
        rings["chat textarea"] = page.evaluate(
            "(() => { const c = getComputedStyle(document.activeElement); return [c.outlineStyle, c.outlineColor]; })()"
        )
        page.set_content('<link rel="stylesheet" href="' + web_app + '/static/pro.css"><textarea id="t"></textarea>')
        page.wait_for_function("getComputedStyle(document.body).margin === '0px'")  # pro.css applied
        page.focus("#t")
        rings["practice textarea (pro.css)"] = page.evaluate(
            "(() => { const c = getComputedStyle(document.activeElement); return [c.outlineStyle, c.outlineColor]; })()"
        )
        browser.close()
    for selector, (kind, colour) in rings.items():
        assert kind == "solid" and contrast(colour, "rgb(255, 255, 255)") >= 3, (selector, colour)
        assert contrast(colour, "rgb(247, 248, 250)") >= 3, (selector, colour)  # the page background
    assert flagged_style != plain_style and flagged_style[1] == "6px"
    assert contrast(flagged_style[2], flagged_style[0]) >= 3  # the red edge is visible on its background


def test_chart_text_is_14_px_and_inside_the_picture(chromium_launch):
    from playwright.sync_api import sync_playwright

    start = dt.date(2025, 1, 30)
    points = [
        {"date": (start + dt.timedelta(days=40 * i)).isoformat(), "stage": s, "confidence": 0.7}
        for i, s in enumerate(["precontemplation", "contemplation", None, "preparation", "maintenance"])
    ]
    timeline = [
        {"turn": t, "stage": "precontemplation" if t < 4 else "contemplation", "engagement": t / 10, "resistance": 0.3}
        for t in range(0, 9)
    ]
    charts = {"trajectory": trajectory_svg(points), "practice": timeline_svg(timeline, "Marieke van den Berg")}
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = browser.new_page()
        for name, svg in charts.items():
            page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
            found = page.evaluate(
                """() => { const svg = document.querySelector('svg'); const vb = svg.viewBox.baseVal;
                  return [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
                    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
                            x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height,
                            rotated: !!t.getAttribute('transform'), w: vb.width, h: vb.height}; }); }"""
            )
            assert found, name
            for t in found:
                assert t["size"] >= 14, (name, t["text"], t["size"])
                if not t["rotated"]:
                    assert t["x0"] >= 0 and t["x1"] <= t["w"] and t["y0"] >= 0 and t["y1"] <= t["h"], (name, t)
            if name == "trajectory":
                last = [t for t in found if t["text"] == dutch_date(start + dt.timedelta(days=160))]
                assert last, [t["text"] for t in found]  # the last date is drawn, and inside (above)
        browser.close()


def test_no_word_is_broken_inside_a_table_cell(web_app, database_url, chromium_launch, axe):
    """The teacher's tables (the widest of the workspace) on a laptop screen."""
    import uuid

    from playwright.sync_api import sync_playwright

    from bot.accounts import accounts
    from bot.practice import service

    email = f"docent-{uuid.uuid4().hex[:8]}@school.example"
    with session_scope(database_url) as s:
        teacher = accounts.create_professional(s, email, "Docent", PASSWORD, "teacher")
        student = accounts.create_professional(
            s,
            f"st-{uuid.uuid4().hex[:8]}@school.example",
            "Student Met Een Lange Naam",
            PASSWORD,
            "student",
            teacher.id,
        )
        student_id = student.practice_id
    for codes in (["open_question", "simple_reflection"], ["complex_reflection", "open_question", "affirm"]):
        with session_scope(database_url) as s:
            row = service.start_session(s, student_id, service.list_personas()[0]["id"], seed=3)
            for code in codes:
                service.student_turn(s, row["session_id"], "Wat vindt u daarvan?", code=code, confidence=0.9)
            service.finish(s, row["session_id"])
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = axe.new_page(browser, viewport={"width": 1024, "height": 800})
        page.goto(web_app + "/pro/login")
        axe.check(page)
        page.fill("#email", email)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/pro/teacher")
        axe.check(page)
        broken = page.evaluate(
            """() => { const out = [];
              for (const cell of document.querySelectorAll('table.list th, table.list td')) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const re = /\\S+/g; let m;
                  while ((m = re.exec(node.data))) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (lines.size > 1) out.push(m[0]);
                  } } }
              return out; }"""
        )
        cells = page.locator("table.list td").count()
        browser.close()
    assert cells > 10 and broken == []
