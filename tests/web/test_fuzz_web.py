"""Property-based tests (hypothesis) of every public endpoint of the web app and of message
text: whatever arrives, the answer is a clear 4xx or a kind Dutch reply, never a 500, and
nothing corrupt is stored.

In-process: FastAPI's TestClient with a fake Rasa (httpx.MockTransport) that echoes the
text, so that a fuzzed message travels the whole proxy path.
"""

from __future__ import annotations

import json
import uuid
from typing import List
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.web import app as web_app
from bot.web.app import create_app

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE turns; --",
    "' OR '1'='1",
    "{{ 7*7 }}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "/restart",
    "/greet",
    '/consent{"consent": "given"}',
    "\\u0000",
    "\x00\x01\x02\x1b[31m",
    "../../../../etc/passwd",
    "%00",
    "\u202etxt.exe",
    "😀" * 500,
    "ｔｅｓｔ",
    "\ufeffbom",
    "a\u0301\u0301\u0301",
    "\r\n\r\nHTTP/1.1 200 OK",
    "null",
    "[]",
    "{}",
    "true",
    "1e309",
    "x" * 10_001,
]
DUTCH_ERRORS = {
    web_app.ERR_INVALID_JSON,
    web_app.ERR_BAD_CONVERSATION_ID,
    web_app.ERR_BAD_CLIENT_ID,
    web_app.ERR_TEXT_NOT_STRING,
    web_app.ERR_TEXT_EMPTY,
    web_app.ERR_TOO_LONG,
    web_app.ERR_NOT_FOUND,
    web_app.ERR_METHOD,
    web_app.ERR_GENERIC,
    web_app.ERR_LINK_UNKNOWN,
    web_app.ERR_LINK_EXPIRED,
    web_app.ERR_RATE_LIMITED,
}
CONTENT_TYPES = [
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/xml",
    "application/json; charset=latin-1",
    "",
    "*/*",
    "application/json\x7f",
]


def _echo(request: httpx.Request) -> httpx.Response:
    payload = json.loads(request.content)
    return httpx.Response(200, json=[{"recipient_id": payload["sender"], "text": "echo:" + payload["message"]}])


@pytest.fixture(scope="module")
def client(database_url):
    app = create_app(
        "http://rasa.invalid", transport=httpx.MockTransport(_echo), database_url=database_url, cookie_secure=False
    )
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def assert_clean(resp: httpx.Response) -> None:
    assert resp.status_code < 500, (resp.status_code, resp.text[:300])
    if resp.headers.get("content-type", "").startswith("application/json"):
        body = resp.json()
        if resp.status_code >= 400:
            assert body.get("error") in DUTCH_ERRORS, body
        else:
            assert isinstance(body.get("messages"), list) or body == {"status": "ok"}


def message(text) -> dict:
    return {"conversation_id": "conv-" + uuid.uuid4().hex[:12], "client_id": "client-fuzz-0001", "text": text}


@FUZZ
@given(body=st.binary(max_size=4096), ctype=st.sampled_from(CONTENT_TYPES))
def test_any_bytes_with_any_content_type(client, body, ctype):
    resp = client.post("/api/message", content=body, headers={"content-type": ctype})
    assert_clean(resp)
    assert resp.status_code in (200, 413, 422)


@FUZZ
@given(text=st.text(max_size=3000) | st.sampled_from(INJECTIONS))
def test_any_message_text_is_forwarded_or_refused_kindly(client, text):
    resp = client.post("/api/message", content=json.dumps(message(text)), headers={"content-type": "application/json"})
    assert_clean(resp)
    if resp.status_code == 200:
        forwarded = resp.json()["messages"][0]["text"]
        assert forwarded.startswith("echo:")
        # a client can never send a Rasa command other than /greet
        assert not forwarded[5:].startswith("/") or forwarded == "echo:/greet"
    else:
        assert resp.status_code in (413, 422)


@FUZZ
@given(
    payload=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=20), kids, max_size=4),
        max_leaves=20,
    ),
    fields=st.dictionaries(
        st.sampled_from(["conversation_id", "client_id", "text"]),
        st.none() | st.integers() | st.text(max_size=80) | st.lists(st.text(max_size=5), max_size=2),
    ),
)
def test_wrong_json_shapes(client, payload, fields):
    for body in (payload, fields):
        resp = client.post("/api/message", content=json.dumps(body), headers={"content-type": "application/json"})
        assert_clean(resp)
        assert resp.status_code in (200, 413, 422)


@FUZZ
@given(raw=st.binary(min_size=1, max_size=200))
def test_invalid_utf8_inside_a_json_body(client, raw):
    body = b'{"conversation_id": "conv-0123456789", "client_id": "client-0123456789", "text": "' + raw + b'"}'
    assert_clean(client.post("/api/message", content=body, headers={"content-type": "application/json"}))


def test_oversized_bodies_are_refused_before_reading_them(client):
    big = b"x" * (web_app.MAX_BODY_BYTES + 1)
    resp = client.post("/api/message", content=big, headers={"content-type": "application/json"})
    assert resp.status_code == 413 and resp.json()["error"] == web_app.ERR_TOO_LONG
    resp = client.post(
        "/api/message", content=b"{}", headers={"content-type": "application/json", "content-length": "999999999999"}
    )
    assert resp.status_code in (400, 413, 422)


@FUZZ
@given(token=st.text(min_size=1, max_size=120), body=st.binary(max_size=512))
def test_chat_links_with_any_token(client, token, body):
    quoted = "/c/" + quote(token.encode("utf-8", "surrogatepass"), safe="")
    for resp in (
        client.get(quoted),
        client.post(quoted + "/message", content=body, headers={"content-type": "application/json"}),
    ):
        assert resp.status_code < 500, (quoted, resp.status_code)
        assert resp.status_code in (404, 405, 410, 422), (quoted, resp.status_code)


@FUZZ
@given(path=st.text(max_size=80), method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]))
def test_any_path_and_method(client, path, method):
    url = "/" + quote(path.encode("utf-8", "surrogatepass"), safe="/")
    resp = client.request(method, url)
    assert resp.status_code < 500, (method, url, resp.status_code)
    assert resp.headers["x-frame-options"] == "DENY"


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(["email", "password", "csrf_token", "next", "x"]), st.text(max_size=300), max_size=5
    ),
    ctype=st.sampled_from(["application/x-www-form-urlencoded", "application/json", "text/plain"]),
)
def test_login_form_with_any_input(client, form, ctype):
    if ctype == "application/x-www-form-urlencoded":
        resp = client.post("/pro/login", data=form, follow_redirects=False)
    else:
        resp = client.post(
            "/pro/login", content=json.dumps(form), headers={"content-type": ctype}, follow_redirects=False
        )
    assert resp.status_code < 500, resp.status_code
    assert resp.status_code in (200, 303, 400, 403, 422, 429), resp.status_code


@FUZZ
@given(
    path=st.sampled_from(
        ["/pro/", "/pro/clients", "/pro/practice", "/pro/practice/new", "/pro/admin", "/pro/logout", "/pro/audit"]
    ),
    method=st.sampled_from(["GET", "POST"]),
    body=st.binary(max_size=256),
)
def test_workspace_routes_without_a_session(client, path, method, body):
    resp = client.request(method, path, content=body, follow_redirects=False)
    assert resp.status_code < 500, (method, path, resp.status_code)
    assert resp.status_code in (303, 401, 403, 404, 405, 422), (method, path, resp.status_code)


# --- what reaches the database -----------------------------------------------------------
@FUZZ
@given(texts=st.lists(st.text(max_size=200) | st.sampled_from(INJECTIONS), min_size=1, max_size=5))
def test_any_text_is_stored_exactly_or_with_a_replacement_character(database_url, texts):
    from bot.coach import records as store
    from bot.coach.records import ConversationRef, TurnRecord
    from bot.rasa_adapter.tracker_store import storable

    sender = "fuzz-" + uuid.uuid4().hex[:12]
    ref = ConversationRef(id=sender + "-1", client_id="client-fuzz-0001", sender_id=sender, started=1_700_000_000.0)
    cleaned = [storable(t) for t in texts]
    records = [
        TurnRecord(seq=i, speaker="client", text=t, timestamp=1_700_000_000.0 + i) for i, t in enumerate(cleaned)
    ]
    assert store.store_turns(ref, records) == len(records)
    assert store.store_turns(ref, records) == 0  # once
    stored: List[str] = [t.text for t in store.conversations_of_sender(sender)[0].turns]
    assert stored == cleaned
    for original, kept in zip(texts, stored):
        assert kept == original or "\ufffd" in kept
