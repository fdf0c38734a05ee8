"""Practice mode over HTTP: a student practises against a persona with the real MITI
classifier; access checks (anonymous, another student, their teacher, another teacher),
CSRF and validation."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.accounts import accounts
from bot.db.engine import session_scope
from bot.db.models import PracticeSession, Professional
from bot.web.app import create_app

PASSWORD = "een-lang-wachtwoord-2"


def browser(app) -> TestClient:
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(client: TestClient, email: str):
    page = client.get("/pro/login")
    r = client.post("/pro/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf_of(page.text)})
    assert r.status_code == 303, r.text
    return r


def account(url, role, teacher_email=None) -> str:
    email = f"{role}-{uuid.uuid4().hex[:8]}@school.example"
    with session_scope(url) as s:
        teacher_id = None
        if teacher_email:
            teacher_id = s.scalar(select(Professional).where(Professional.email == teacher_email)).id
        accounts.create_professional(s, email, role.capitalize() + " Test", PASSWORD, role, teacher_id)
    return email


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


@pytest.fixture()
def people(database_url):
    teacher = account(database_url, "teacher")
    return {
        "teacher": teacher,
        "student": account(database_url, "student", teacher),
        "other_student": account(database_url, "student"),
        "other_teacher": account(database_url, "teacher"),
    }


def start(b: TestClient, persona_id: str = None) -> str:
    home = b.get("/pro/practice")
    assert home.status_code == 200
    persona_id = persona_id or re.search(r'name="persona_id" value="([^"]+)"', home.text).group(1)
    r = b.post("/pro/practice/start", data={"persona_id": persona_id, "csrf_token": csrf_of(home.text)})
    assert r.status_code == 303
    return r.headers["location"].rsplit("/", 1)[-1]


@pytest.mark.model
def test_a_student_practises_and_the_teacher_reads_the_report(app, people, database_url):
    with browser(app) as b:
        r = log_in(b, people["student"])
        assert r.headers["location"] == "/pro/practice"  # students land on practice mode
        # students never reach real clients (the caseload routes check the role: 403)
        assert b.get("/pro/clients").status_code == 403
        session_id = start(b)
        page = b.get(f"/pro/practice/{session_id}")
        token = csrf_of(page.text)
        for text in [
            "Wat maakt dat u vandaag hier bent?",
            "U merkt dat het vrijwilligerswerk u veel geeft, en tegelijk knaagt er iets.",
            "<script>alert('x')</script> je moet gewoon solliciteren",
        ]:
            r = b.post(f"/pro/practice/{session_id}/turn", data={"text": text, "csrf_token": token})
            assert r.status_code == 303
        page = b.get(f"/pro/practice/{session_id}").text
        assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
        assert page.count('class="client"') == 3 and page.count('class="coach"') == 4  # opening + 3 replies
        # the bubbles (white-space: pre-wrap) start with their label, not a blank line
        assert re.findall(r'<li class="(?:client|coach)"[^>]*>\s', page) == []
        # the live region wraps the list, so every <li> stays inside a list (axe: listitem)
        assert '<div role="log" aria-live="polite" aria-labelledby="h-gesprek">\n  <ol class="transcript"' in page
        assert 'role="log"' not in page.split('<ol class="transcript"')[1].split(">")[0]
        r = b.post(f"/pro/practice/{session_id}/turn", data={"text": "   ", "csrf_token": token})
        assert r.status_code == 422 and "Typ eerst" in r.text
        r = b.post(f"/pro/practice/{session_id}/turn", data={"text": "x" * 1001, "csrf_token": token})
        assert r.status_code == 422 and "te lang" in r.text
        confirm = b.get(f"/pro/practice/{session_id}/finish")  # asks first, ends nothing
        assert (
            confirm.status_code == 200 and "Ja, gesprek afronden" in confirm.text and "verder oefenen" in confirm.text
        )
        with session_scope(database_url) as s:
            assert s.get(PracticeSession, session_id).ended_at is None
        r = b.post(f"/pro/practice/{session_id}/finish", data={"csrf_token": token})
        assert r.status_code == 303
        assert b.get(f"/pro/practice/{session_id}/finish").headers["location"].endswith("/report")  # already ended
        report = b.get(f"/pro/practice/{session_id}/report")
        assert report.status_code == 200
        assert "Reflecties : vragen" in report.text and "<svg" in report.text and "Wat beter kan" in report.text
    with session_scope(database_url) as s:
        row = s.get(PracticeSession, session_id)
        assert row.report["student_turns"] == 3 and row.ended_at is not None
    with browser(app) as t:
        log_in(t, people["teacher"])
        home = t.get("/pro/teacher")
        assert home.status_code == 200 and "Student Test" in home.text and session_id in home.text
        assert t.get(f"/pro/practice/{session_id}/report").status_code == 200
        assert t.get(f"/pro/practice/{session_id}").status_code == 404  # reading, not practising for them
        assert t.get(f"/pro/practice/{session_id}/finish").status_code == 404  # nor ending it
    for outsider in ("other_student", "other_teacher"):
        with browser(app) as o:
            log_in(o, people[outsider])
            assert o.get(f"/pro/practice/{session_id}/report").status_code == 404
            assert o.get(f"/pro/practice/{session_id}").status_code == 404
            assert o.get(f"/pro/practice/{session_id}/finish").status_code == 404
            token = csrf_of(o.get("/pro/practice").text)
            assert (
                o.post(f"/pro/practice/{session_id}/turn", data={"text": "hoi", "csrf_token": token}).status_code == 404
            )
    with browser(app) as o:
        log_in(o, people["other_student"])
        assert o.get("/pro/teacher").status_code == 404


def test_practice_routes_need_a_log_in_and_csrf(app, people):
    with browser(app) as b:
        for method, path in [
            ("GET", "/pro/practice"),
            ("POST", "/pro/practice/start"),
            ("GET", "/pro/practice/x"),
            ("POST", "/pro/practice/x/turn"),
            ("GET", "/pro/practice/x/finish"),
            ("POST", "/pro/practice/x/finish"),
            ("GET", "/pro/practice/x/report"),
            ("GET", "/pro/teacher"),
        ]:
            r = b.request(method, path, data={"csrf_token": "x"} if method == "POST" else None)
            assert r.status_code == 303 and r.headers["location"].startswith("/pro/login"), path
        log_in(b, people["student"])
        session_id = start(b)
        for path in ("/pro/practice/start", f"/pro/practice/{session_id}/turn", f"/pro/practice/{session_id}/finish"):
            assert b.post(path, data={"text": "hoi", "persona_id": "x"}).status_code == 403, path
        token = csrf_of(b.get("/pro/practice").text)
        r = b.post("/pro/practice/start", data={"persona_id": "bestaat-niet", "csrf_token": token})
        assert r.status_code == 422 and "Kies een cliënt" in r.text


def ui_text(html: str) -> str:
    """The page's own wording: without the conversation itself (the persona, a client, may
    say "u" to the student), quoted utterances, scripts and tags."""
    html = re.sub(
        r'<ol class="transcript".*?</ol>|<blockquote>.*?</blockquote>|<p class="muted">[^<]*“.*?</p>',
        " ",
        html,
        flags=re.S,
    )
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<em>.*?</em>", " ", html, flags=re.S)  # the suggested alternatives, said to the client
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("&nbsp;", " ").split())


def test_the_practice_and_teacher_pages_say_je_r_v_decimal_commas_and_dutch_dates(app, people, database_url):
    from bot.practice import service

    with session_scope(database_url) as s:
        student = s.scalar(select(Professional).where(Professional.email == people["student"]))
        persona = service.list_personas()[0]["id"]
        done = service.start_session(s, student.practice_id, persona, seed=2)["session_id"]
        for code in (
            "complex_reflection",
            "open_question",
            "simple_reflection",
            "closed_question",
            "complex_reflection",
        ):
            service.student_turn(s, done, "Wat vindt u daarvan?", code=code, confidence=0.9)
        service.finish(s, done)
        open_ = service.start_session(s, student.practice_id, persona, seed=3)["session_id"]
        service.student_turn(s, open_, "Hoe gaat het?", code="open_question", confidence=0.9)
    pages = {}
    with browser(app) as b:
        log_in(b, people["student"])
        for path in (
            "/pro/practice",
            f"/pro/practice/{open_}",
            f"/pro/practice/{open_}/finish",
            f"/pro/practice/{open_}/report",
            f"/pro/practice/{done}/report",
        ):
            r = b.get(path)
            assert r.status_code == 200, path
            pages[path] = ui_text(r.text)
        token = csrf_of(b.get(f"/pro/practice/{open_}").text)
        r = b.post(f"/pro/practice/{open_}/turn", data={"text": " ", "csrf_token": token})
        pages["empty turn"] = ui_text(r.text)
    with browser(app) as t:
        log_in(t, people["teacher"])
        pages["/pro/teacher"] = ui_text(t.get("/pro/teacher").text)
        pages["csv"] = t.get("/pro/teacher/export.csv").text
    formal = re.compile(r"\b(u|uw|U|Uw|bent u|heeft u|kunt u|wilt u)\b")
    for name, text in pages.items():
        if name != "csv":
            assert not formal.findall(text), (name, formal.findall(text), text[:400])
        assert "R:Q" not in text, name
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), name  # dates as dd-mm-jjjj
        assert not re.search(r"(?<!MITI )(?<![\d.])\d+\.\d+\b(?!\.\d)", text), (name, re.findall(r"\d+\.\d+", text))
    assert "Wat zeg je tegen" in pages[f"/pro/practice/{open_}"] and "Jij" in pages[f"/pro/practice/{open_}"]
    assert "Jouw score" in pages[f"/pro/practice/{done}/report"] and "(R:V)" in pages[f"/pro/practice/{done}/report"]
    assert re.search(r"\d,\d : 1", pages[f"/pro/practice/{done}/report"])  # decimal comma
    assert "1,0 : 1" in pages[f"/pro/practice/{done}/report"] and "2,0 : 1" in pages[f"/pro/practice/{done}/report"]
    assert "Typ eerst wat je" in pages["empty turn"] and "kun je dit gesprek" in pages[f"/pro/practice/{open_}/finish"]
    assert re.search(r"\d{2}-\d{2}-\d{4}", pages["/pro/practice"]) and re.search(
        r"\d{2}-\d{2}-\d{4}", pages["/pro/teacher"]
    )
    assert "Niet afgerond" in pages["/pro/teacher"]
