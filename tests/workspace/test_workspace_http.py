"""The professional's workspace over HTTP: every route's access checks (anonymous -> log-in,
someone else's client -> 404, CSRF on every POST), validation, chat links, admin, audit log,
and deletion that leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, Table, func, inspect, select, text

from bot.accounts import accounts
from bot.coach import records as store
from bot.db.engine import get_engine, session_scope
from bot.db.models import AuditEvent, Client, Conversation, LoginAttempt, Professional
from bot.web.app import create_app
from bot.workspace import clients

PASSWORD = "een-lang-wachtwoord-1"
SECRET_TEXT = "<script>alert('x')</script> ik werk bij de kringloop in Deventer"


def uniq(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}@example.nl"


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


def browser(app) -> TestClient:
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(client: TestClient, email: str, password: str = PASSWORD, next_path: str = "/pro/clients"):
    page = client.get("/pro/login")
    return client.post(
        "/pro/login", data={"email": email, "password": password, "csrf_token": csrf_of(page.text), "next": next_path}
    )


def make_account(url, role="professional", name="Test Persoon"):
    email = uniq(role)
    with session_scope(url) as s:
        accounts.create_professional(s, email, name, PASSWORD, role)
    return email


def account(url, email) -> Professional:
    with session_scope(url) as s:
        return s.scalar(select(Professional).where(Professional.email == email))


def client_with_conversation(url, owner_email):
    marker = "kenmerk" + uuid.uuid4().hex[:10]  # makes this client's text findable in every table
    text_ = f"{SECRET_TEXT} ({marker})"
    with session_scope(url) as s:
        owner = s.scalar(select(Professional).where(Professional.email == owner_email))
        c = clients.create_client(s, owner, "J.B.", dt.date(2026, 12, 1))
        _, token = clients.create_invitation(s, c)
        client_id = c.id
    sender = "web" + uuid.uuid4().hex[:16]
    ref = store.ConversationRef(id=f"{sender}@1", client_id=client_id, sender_id=sender, started=1.0)
    store.record_consent(ref, "given", url=url)
    store.store_turns(
        ref,
        [
            store.TurnRecord(seq=1, speaker="coach", text="Hoe gaat het met u?"),
            store.TurnRecord(
                seq=2,
                speaker="client",
                text=text_,
                intent="stage_action",
                confidence=0.8,
                talk_type="change",
                stage="action",
            ),
            store.TurnRecord(seq=3, speaker="coach", text="Wat doet u daar precies?"),
            store.TurnRecord(
                seq=4,
                speaker="client",
                text="ik sorteer kleding, drie dagen per week",
                intent="stage_action",
                confidence=0.7,
                talk_type="neutral",
                stage="action",
            ),
            store.TurnRecord(seq=5, speaker="coach", text="Hoe bevalt dat?"),
            store.TurnRecord(
                seq=6,
                speaker="client",
                text="goed, ik wil daarna graag betaald werk zoeken",
                intent="stage_action",
                confidence=0.6,
                talk_type="change",
                stage="action",
            ),
        ],
        url=url,
    )
    store.add_assessment(ref, 3, "action", 0.7, {"action": 0.7}, 3, url=url)
    store.add_tpb_answer(ref, "attitude", "Wat betekent werk voor u?", "structuur en collega's", url=url)
    with session_scope(url) as s:
        invitation_id = s.scalar(select(Client).where(Client.id == client_id)).invitations[0].id
    return {
        "client_id": client_id,
        "conversation_id": ref.id,
        "sender": sender,
        "token": token,
        "invitation_id": invitation_id,
        "marker": marker,
    }


@pytest.fixture()
def world(database_url):
    alice, bob, admin = make_account(database_url), make_account(database_url), make_account(database_url, "admin")
    data = client_with_conversation(database_url, alice)
    return {"alice": alice, "bob": bob, "admin": admin, **data}


def routes(w):
    c, conv, inv = w["client_id"], quote(w["conversation_id"]), w["invitation_id"]
    return [
        ("GET", "/pro/clients"),
        ("GET", "/pro/clients/new"),
        ("POST", "/pro/clients/new"),
        ("GET", f"/pro/clients/{c}"),
        ("POST", f"/pro/clients/{c}/invitations"),
        ("POST", f"/pro/clients/{c}/invitations/{inv}/revoke"),
        ("GET", f"/pro/clients/{c}/trajectory.svg"),
        ("GET", f"/pro/clients/{c}/delete"),
        ("POST", f"/pro/clients/{c}/delete"),
        ("GET", f"/pro/conversations/{conv}"),
        ("GET", f"/pro/conversations/{conv}/export.json"),
        ("GET", f"/pro/conversations/{conv}/export.json?deidentified=1"),
        ("GET", f"/pro/conversations/{conv}/export.html"),
        ("GET", "/pro/admin/accounts"),
        ("POST", "/pro/admin/accounts"),
        ("POST", "/pro/admin/accounts/1/disable"),
        ("GET", "/pro/admin/audit"),
        ("POST", "/pro/admin/accounts/1/reset"),
        ("GET", "/pro/account/password"),
        ("POST", "/pro/account/password"),
        ("POST", "/pro/logout"),
    ]


OWNED = ("/pro/clients/cl-", "/pro/conversations/")


def test_anonymous_visitors_are_sent_to_the_log_in_page_on_every_route(app, world):
    with browser(app) as b:
        for method, path in routes(world):
            r = b.request(method, path, data={"csrf_token": "x"} if method == "POST" else None)
            assert r.status_code == 303 and r.headers["location"].startswith("/pro/login"), (method, path)
        assert "Inloggen" in b.get("/pro/login").text


def test_someone_elses_client_is_not_found_on_every_route(app, world, database_url):
    with browser(app) as b:
        assert log_in(b, world["bob"]).status_code == 303
        token = csrf_of(b.get("/pro/clients").text)
        for method, path in routes(world):
            if not path.startswith(OWNED):
                continue
            r = b.request(method, path, data={"csrf_token": token} if method == "POST" else None)
            assert r.status_code == 404, (method, path)
            assert SECRET_TEXT not in r.text and "J.B." not in r.text
    with session_scope(database_url) as s:  # nothing was deleted or revoked
        assert s.get(Client, world["client_id"]).invitations[0].revoked_at is None


def test_every_post_needs_the_csrf_token(app, world):
    with browser(app) as b:
        log_in(b, world["alice"])
        for method, path in routes(world):
            if method != "POST":
                continue
            for data in ({}, {"csrf_token": "wrong"}):
                r = b.post(path, data=data)
                assert r.status_code == 403, (path, data)
        assert b.get(f"/pro/clients/{world['client_id']}").status_code == 200  # still there, still logged in


def test_log_in_checks_csrf_password_and_rate_limit(app, database_url):
    email = make_account(database_url)
    with browser(app) as b:
        r = b.post("/pro/login", data={"email": email, "password": PASSWORD, "csrf_token": "forged"})
        assert r.status_code == 403
        r = log_in(b, email, "verkeerd-wachtwoord")
        assert r.status_code == 401 and "klopt niet" in r.text
        r = log_in(b, email, next_path="https://evil.example/")
        assert r.status_code == 303 and r.headers["location"] == "/pro/clients"  # no open redirect
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "Secure" in cookie and "samesite=strict" in cookie.lower()
    with browser(app) as b:
        for _ in range(accounts.MAX_FAILED_ATTEMPTS):
            assert log_in(b, email, "nog-steeds-fout").status_code == 401
        r = log_in(b, email)  # the right password, but too many failures
        assert r.status_code == 429 and "Te veel" in r.text
    with session_scope(database_url) as s:  # the failures are stored without the e-mail itself
        assert s.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.email_hash == email)) == 0


def test_creating_a_client_validates_the_form(app, world):
    with browser(app) as b:
        log_in(b, world["alice"])
        token = csrf_of(b.get("/pro/clients/new").text)
        r = b.post("/pro/clients/new", data={"pseudonym": "  ", "csrf_token": token})
        assert r.status_code == 422 and "Vul een pseudoniem" in r.text
        r = b.post("/pro/clients/new", data={"pseudonym": "K.L.", "next_gesprek": "31-02-2026", "csrf_token": token})
        assert r.status_code == 422 and "geldige datum" in r.text and 'value="K.L."' in r.text
        r = b.post(
            "/pro/clients/new", data={"pseudonym": "<b>K.L.</b>", "next_gesprek": "2026-12-24", "csrf_token": token}
        )
        assert r.status_code == 303
        page = b.get(r.headers["location"]).text
        assert "&lt;b&gt;K.L.&lt;/b&gt;" in page and "24-12-2026" in page
        listing = b.get("/pro/clients").text
        assert "&lt;b&gt;K.L.&lt;/b&gt;" in listing and "J.B." in listing and "actie (70%)" in listing


def test_chat_links_open_the_coach_for_that_client_and_can_be_revoked(app, world, database_url):
    with browser(app) as b:
        page = b.get(f"/c/{world['token']}")
        assert page.status_code == 200 and f'data-api-url="/c/{world["token"]}/message"' in page.text
        assert b.get("/c/not-a-real-token").status_code == 404
        log_in(b, world["alice"])
        token = csrf_of(b.get(f"/pro/clients/{world['client_id']}").text)
        r = b.post(f"/pro/clients/{world['client_id']}/invitations", data={"days": "0", "csrf_token": token})
        assert r.status_code == 422 and "geldigheid" in r.text
        r = b.post(f"/pro/clients/{world['client_id']}/invitations", data={"days": "14", "csrf_token": token})
        assert r.status_code == 303  # Post/Redirect/Get: the page shows the new link
        page = b.get(f"/pro/clients/{world['client_id']}")
        link = re.search(r'value="(https://testserver/c/[^"]+)"', page.text).group(1)
        assert b.get(link.replace("https://testserver", "")).status_code == 200
        r = b.post(
            f"/pro/clients/{world['client_id']}/invitations/{world['invitation_id']}/revoke", data={"csrf_token": token}
        )
        assert r.status_code == 303
        assert b.get(f"/c/{world['token']}").status_code == 404
        r = b.post(
            f"/c/{world['token']}/message", json={"conversation_id": "c" * 20, "client_id": "x" * 20, "text": "hallo"}
        )
        assert r.status_code == 404 and "werkt niet" in r.json()["error"]
    with session_scope(database_url) as s:
        client = s.get(Client, world["client_id"])
        _, expired = clients.create_invitation(s, client, 1, now=dt.datetime(2020, 1, 1))
    with browser(app) as b:
        r = b.get(f"/c/{expired}")
        assert r.status_code == 410 and "verlopen" in r.text


def test_only_admins_manage_accounts_and_read_the_audit_log(app, world, database_url):
    with browser(app) as b:
        log_in(b, world["alice"])
        assert b.get("/pro/admin/accounts").status_code == 404
        assert b.get("/pro/admin/audit").status_code == 404
    with browser(app) as admin:
        log_in(admin, world["admin"])
        token = csrf_of(admin.get("/pro/admin/accounts").text)
        r = admin.post(
            "/pro/admin/accounts",
            data={"email": uniq("x"), "name": "X", "password": "kort", "role": "professional", "csrf_token": token},
        )
        assert r.status_code == 422 and "minstens 12" in r.text
        r = admin.post(
            "/pro/admin/accounts",
            data={
                "email": world["bob"],
                "name": "Bob",
                "password": PASSWORD,
                "role": "professional",
                "csrf_token": token,
            },
        )
        assert r.status_code == 422 and "bestaat al" in r.text
        carol = uniq("carol")
        r = admin.post(
            "/pro/admin/accounts",
            data={"email": carol, "name": "Carol", "password": PASSWORD, "role": "teacher", "csrf_token": token},
        )
        assert r.status_code == 303
        with browser(app) as c:
            assert log_in(c, carol).status_code == 303
            assert c.get("/pro/clients").status_code == 200
            r = admin.post(f"/pro/admin/accounts/{account(database_url, carol).id}/disable", data={"csrf_token": token})
            assert r.status_code == 303
            assert c.get("/pro/clients").status_code == 303  # her session ended
            assert log_in(c, carol).status_code == 401
        own = account(database_url, world["admin"]).id
        assert admin.post(f"/pro/admin/accounts/{own}/disable", data={"csrf_token": token}).status_code == 422
        audit_page = admin.get("/pro/admin/audit").text
        assert "account aangemaakt" in audit_page and "account uitgeschakeld" in audit_page


def test_transcript_views_exports_and_deletion_are_audited_and_escape_html(app, world, database_url):
    with browser(app) as b:
        log_in(b, world["alice"])
        conv = quote(world["conversation_id"])
        page = b.get(f"/pro/conversations/{conv}")
        assert page.status_code == 200
        assert "&lt;script&gt;alert(" in page.text and "<script>alert(" not in page.text
        data = b.get(f"/pro/conversations/{conv}/export.json").json()
        assert SECRET_TEXT in str(data)
        assert "Deventer" not in b.get(f"/pro/conversations/{conv}/export.json?deidentified=1").text
        html = b.get(f"/pro/conversations/{conv}/export.html").text
        assert "<script>alert(" not in html and "&lt;script&gt;" in html
        svg = b.get(f"/pro/clients/{world['client_id']}/trajectory.svg")
        assert svg.headers["content-type"].startswith("image/svg+xml") and "actie" in svg.text
    with session_scope(database_url) as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.client_ref == world["client_id"]))]
        texts = " ".join(str(v) for e in s.scalars(select(AuditEvent)) for v in vars(e).values())
    assert {"transcript_viewed", "export_json", "export_deidentified", "export_html"} <= set(actions)
    assert "kringloop" not in texts


def _rows_mentioning(url, needles):
    """Every row of every table (ours and Rasa's) that mentions one of `needles`."""
    engine = get_engine(url)
    found = []
    with engine.connect() as conn:
        for name in inspect(engine).get_table_names():
            if name in ("audit_log", "alembic_version"):
                continue
            table = Table(name, MetaData(), autoload_with=engine)
            for row in conn.execute(select(table)):
                blob = " ".join(str(v) for v in row)
                if any(n in blob for n in needles):
                    found.append((name, blob[:80]))
    return found


def test_deleting_a_client_leaves_nothing_behind(app, world, database_url):
    with get_engine(database_url).begin() as conn:  # Rasa's tracker store table, as Rasa creates it
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
                "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
                "action_name VARCHAR(255), data TEXT)"
            )
        )
        conn.execute(
            text("INSERT INTO events (sender_id, type_name, data) VALUES (:s, 'user', :d)"),
            {"s": world["sender"], "d": world["marker"]},
        )
    needles = [world["client_id"], world["sender"], world["marker"]]
    assert _rows_mentioning(database_url, needles)
    with browser(app) as b:
        log_in(b, world["alice"])
        token = csrf_of(b.get(f"/pro/clients/{world['client_id']}/delete").text)
        r = b.post(f"/pro/clients/{world['client_id']}/delete", data={"csrf_token": token})
        assert r.status_code == 303
        assert b.get(f"/pro/clients/{world['client_id']}").status_code == 404
    assert _rows_mentioning(database_url, needles) == []
    with session_scope(database_url) as s:
        line = s.scalar(
            select(AuditEvent).where(AuditEvent.client_ref == world["client_id"], AuditEvent.action == "client_deleted")
        )
        assert line is not None and line.actor_email == world["alice"]
        assert s.get(Conversation, world["conversation_id"]) is None


def test_students_cannot_reach_real_clients_on_any_route(app, world, database_url):
    """Students practise with personas, never with real clients: every caseload route answers
    403 to a student, and a student cannot create a client or a chat link."""
    role = "student"
    email = make_account(database_url, role)
    with browser(app) as b:
        log_in(b, email, next_path="/pro/practice")
        token = csrf_of(b.get("/pro/practice").text)
        for method, path in routes(world):
            if not path.startswith(("/pro/clients", "/pro/conversations")):
                continue
            r = b.request(
                method, path, data={"csrf_token": token, "pseudonym": "X", "days": "7"} if method == "POST" else None
            )
            assert r.status_code == 403, (role, method, path)
            assert SECRET_TEXT not in r.text and "J.B." not in r.text
        r = b.post("/pro/clients/new", data={"csrf_token": token, "pseudonym": "Nep"})
        assert r.status_code == 403 and "rol" in r.text
    with session_scope(database_url) as s:
        assert s.query(Client).filter_by(pseudonym="Nep").count() == 0


def test_a_crisis_alert_is_shown_with_its_level_and_acknowledged_once_audited(app, world, database_url):
    from bot.coach.records import ConversationRef
    from bot.db.models import SafetyFlag

    conv_id = world["conversation_id"]
    with session_scope(database_url) as s:
        conv = s.get(Conversation, conv_id)
        ref = ConversationRef(conv.id, conv.client_id, conv.sender_id)
    flag_id = store.add_safety_flag(ref, ["lexicon"], 0.9, "crisis", database_url, ["plan_means"], client_turn=2)
    with browser(app) as b:
        log_in(b, world["alice"])
        page = b.get(f"/pro/conversations/{quote(conv_id)}").text
        assert "Veiligheid: crisis bevestigd." in page and "Let op: Let op:" not in page
        assert 'id="beurt-2" class="client signal"' in page
        token = csrf_of(page)
        listing = b.get("/pro/clients").text
        assert "crisis bevestigd" in listing
        r = b.post(f"/pro/alerts/{flag_id}/acknowledge", data={"csrf_token": token})
        assert r.status_code == 303
        assert "Gezien: ik neem contact op" not in b.get(f"/pro/conversations/{quote(conv_id)}").text
    with browser(app) as b:  # someone else cannot acknowledge it
        log_in(b, world["bob"])
        token = csrf_of(b.get("/pro/clients").text)
        assert b.post(f"/pro/alerts/{flag_id}/acknowledge", data={"csrf_token": token}).status_code == 404
    with session_scope(database_url) as s:
        flag = s.get(SafetyFlag, flag_id)
        assert flag.acknowledged_at is not None
        assert s.query(AuditEvent).filter_by(action="alert_acknowledged").count() == 1
