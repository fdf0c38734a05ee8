"""Tests for the client chat web app (bot.web.app) against a fake Rasa server.

The fake Rasa is a real uvicorn server on a free 127.0.0.1 port, running in a thread.
Its behaviour is chosen by the message text: a text starting with one of the markers
below triggers that behaviour, anything else is echoed back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from bot.web import app as web_app
from bot.web.app import create_app

WEB_DIR = Path(web_app.__file__).resolve().parent

CONV_ID = "conv_ABC-12345678"
CLIENT_ID = "client-0123456789"
MESSAGE_ID = "msg_0123456789-abcdef"

SLOW_SECONDS = 2.0
SHORT_TIMEOUT = 0.5

DUTCH_BACKEND_ERROR = web_app.ERR_BACKEND
DUTCH_TOO_LONG = web_app.ERR_TOO_LONG
DUTCH_FALLBACK = web_app.FALLBACK_REPLY


# --- Fake Rasa --------------------------------------------------------------------------
class FakeRasa:
    """Minimal ASGI app serving POST /webhooks/rest/webhook like Rasa's REST channel."""

    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []

    async def __call__(self, scope: Dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)

        if scope["path"] != "/webhooks/rest/webhook" or scope["method"] != "POST":
            await self._send(send, 404, {"detail": "not found"})
            return

        payload = json.loads(body)
        self.requests.append(payload)
        text = payload.get("message", "")
        sender = payload.get("sender")

        if text.startswith("__500__"):
            await self._send(send, 500, {"error": "boom"})
        elif text.startswith("__refused__"):  # Overstap's channel: the tracker store refused
            await self._send(send, 503, {"error": "store_unavailable"})
        elif text.startswith("__502__"):
            await self._send(send, 502, b"<html>bad gateway</html>")
        elif text.startswith("__400__"):
            await self._send(send, 400, {"error": "bad request"})
        elif text.startswith("__slow__"):
            await asyncio.sleep(SLOW_SECONDS)
            await self._send(send, 200, [{"recipient_id": sender, "text": "te laat"}])
        elif text.startswith("__empty__"):
            await self._send(send, 200, [])
        elif text.startswith("__nontext__"):
            await self._send(
                send,
                200,
                [
                    {"recipient_id": sender, "image": "https://example.org/x.png"},
                    {"recipient_id": sender, "custom": {"kind": "widget"}},
                    {"recipient_id": sender, "text": ""},
                ],
            )
        elif text.startswith("__mixed__"):
            await self._send(
                send,
                200,
                [
                    {"recipient_id": sender, "text": "Eerste zin.", "buttons": [{"title": "Ja"}]},
                    {"recipient_id": sender, "image": "https://example.org/x.png"},
                    {"recipient_id": sender, "text": "Tweede zin."},
                    "not a dict",
                    {"recipient_id": sender, "text": 42},
                ],
            )
        elif text.startswith("__buttons__"):
            buttons = [
                {"title": "Ja, dat is goed", "payload": "ja, dat is goed"},
                {"title": "Sla over", "payload": "/affirm"},
                {"title": 3, "payload": "x"},
                "knop",
            ]
            await self._send(send, 200, [{"recipient_id": sender, "text": "Mag dat?", "buttons": buttons}])
        elif text.startswith("__notjson__"):
            await self._send(send, 200, b"this is not json")
        elif text.startswith("__object__"):
            await self._send(send, 200, {"text": "an object, not a list"})
        else:
            await self._send(send, 200, [{"recipient_id": sender, "text": text}])

    @staticmethod
    async def _send(send: Any, status: int, content: Any) -> None:
        if isinstance(content, bytes):
            body, ctype = content, b"text/html"
        else:
            body, ctype = json.dumps(content).encode("utf-8"), b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _unused_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def fake_rasa() -> Iterator[Dict[str, Any]]:
    rasa = FakeRasa()
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        rasa,
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("fake Rasa server did not start")
        time.sleep(0.02)
    try:
        yield {"url": f"http://127.0.0.1:{port}", "rasa": rasa}
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture()
def rasa(fake_rasa: Dict[str, Any]) -> FakeRasa:
    fake_rasa["rasa"].requests.clear()
    return fake_rasa["rasa"]


@pytest.fixture()
def client(fake_rasa: Dict[str, Any], rasa: FakeRasa) -> Iterator[TestClient]:
    app = create_app(fake_rasa["url"] + "/", request_timeout=SHORT_TIMEOUT)
    with TestClient(app) as test_client:
        yield test_client


def post(client: TestClient, text: Any = "Hallo", **overrides: Any) -> httpx.Response:
    payload = {"conversation_id": CONV_ID, "client_id": CLIENT_ID, "text": text}
    payload.update(overrides)
    return client.post("/api/message", json=payload)


def assert_dutch_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    data = response.json()
    if status == 503:  # not handled: the page sends the same message again
        assert data.pop("retry") is True and data.pop("code") in ("store_unavailable", "unavailable", "timeout")
        assert response.headers["retry-after"] == "1"
    assert set(data) == {"error"}, data
    message = data["error"]
    assert isinstance(message, str) and message
    # Never FastAPI's English defaults.
    for english in ("field required", "detail", "value is not", "Unprocessable", "Internal Server"):
        assert english.lower() not in message.lower()
    return message


# --- Page and static files --------------------------------------------------------------
def test_page_renders(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="nl">' in html
    assert "<main" in html and "</main>" in html
    assert "Overstap – gesprekscoach" in html
    assert "U praat met een computerprogramma, niet met een mens." in html
    # Labelled textarea.
    assert re.search(r'<label[^>]*for="message"[^>]*>Uw bericht</label>', html)
    assert re.search(r'<textarea[^>]*id="message"', html)
    # Visible send button and new-conversation button.
    assert re.search(r"<button[^>]*>Verstuur</button>", html)
    assert re.search(r"<button[^>]*>Nieuw gesprek</button>", html)
    # Live conversation log and an alert region for errors.
    assert re.search(r'id="log"[^>]*aria-live="polite"', html)
    assert 'role="alert"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'href="/static/chat.css"' in html
    assert 'src="/static/chat.js"' in html
    assert 'data-api-url="/api/message"' in html


def test_page_has_no_external_resources(client: TestClient) -> None:
    html = client.get("/").text
    css = client.get("/static/chat.css").text
    js = client.get("/static/chat.js").text
    for name, text in (("html", html), ("css", css), ("js", js)):
        assert "http://" not in text and "https://" not in text, name
        assert not re.search(r"""(?:src|href)\s*=\s*["']//""", text), name
        assert "@import" not in text, name
    # Only our own stylesheet/script are referenced.
    assert re.findall(r'<script[^>]*src="([^"]+)"', html) == ["/static/chat.js"]
    assert re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html) == ["/static/chat.css"]
    # No inline scripts or styles (the CSP forbids them).
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and "style=" not in html


def test_page_security_headers(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_page_respects_root_path(fake_rasa: Dict[str, Any]) -> None:
    app = create_app(fake_rasa["url"])
    with TestClient(app, root_path="/coach") as test_client:
        html = test_client.get("/").text
    assert 'href="/coach/static/chat.css"' in html
    assert 'data-api-url="/coach/api/message"' in html


def test_static_files(client: TestClient) -> None:
    css = client.get("/static/chat.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "prefers-reduced-motion" in css.text
    assert ":focus-visible" in css.text
    js = client.get("/static/chat.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    missing = client.get("/static/nope.js")
    assert missing.status_code == 404
    assert missing.json() == {"error": web_app.ERR_NOT_FOUND}


def test_template_autoescapes(fake_rasa: Dict[str, Any]) -> None:
    # The only template variable that comes from the request is root_path.
    app = create_app(fake_rasa["url"])
    evil = '/x"><script>alert(1)</script>'
    with TestClient(app, root_path=evil) as test_client:
        response = test_client.get("/")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text or "%3Cscript%3E" in response.text


def test_javascript_uses_text_content_only() -> None:
    js = (WEB_DIR / "static" / "chat.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js
    assert ".textContent = text" in js
    assert "crypto.getRandomValues" in js
    assert "sessionStorage" in js and "localStorage" in js
    assert '"/greet"' in js
    assert "Coach typt…" in js


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_route_and_method_are_dutch(client: TestClient) -> None:
    assert client.get("/bestaat-niet").json() == {"error": web_app.ERR_NOT_FOUND}
    response = client.get("/api/message")
    assert response.status_code == 405
    assert response.json() == {"error": web_app.ERR_METHOD}


def test_an_unknown_url_in_a_browser_gets_a_dutch_html_page(client: TestClient) -> None:
    browser_accept = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    response = client.get("/bestaat-niet", headers=browser_accept)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text and "Deze pagina bestaat niet" in response.text
    assert '<a href="/">Naar de gesprekscoach</a>' in response.text and "{" not in response.text.split("<body>")[1]
    assert "<script" not in response.text
    api = client.get("/api/message", headers={"Accept": "application/json"})  # scripts keep their JSON
    assert api.status_code == 405 and api.json() == {"error": web_app.ERR_METHOD}


def test_no_api_docs(client: TestClient) -> None:
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


# --- Forwarding --------------------------------------------------------------------------
def test_forwards_payload_with_metadata(client: TestClient, rasa: FakeRasa) -> None:
    response = post(client, "Ik twijfel over een betaalde baan.", message_id=MESSAGE_ID)
    assert response.status_code == 200
    assert response.json() == {"messages": [{"text": "Ik twijfel over een betaalde baan."}]}
    assert rasa.requests == [
        {
            "sender": CONV_ID,
            "message": "Ik twijfel over een betaalde baan.",
            "metadata": {"client_id": CLIENT_ID, "message_id": MESSAGE_ID},
        }
    ]
    assert response.headers["cache-control"] == "no-store"


def test_a_request_without_message_id_gets_a_fresh_one(client: TestClient, rasa: FakeRasa) -> None:
    post(client, "eerste")
    post(client, "eerste")
    ids = [r["metadata"]["message_id"] for r in rasa.requests]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{8,64}", i) for i in ids) and ids[0] != ids[1]


@pytest.mark.parametrize("bad", ["kort", "x" * 65, "met spatie 123", 12345678, ["abcdefgh"], "ab/cdefgh", "abcdefgh\n"])
def test_a_malformed_message_id_is_refused(client: TestClient, rasa: FakeRasa, bad: Any) -> None:
    assert assert_dutch_error(post(client, "Hallo", message_id=bad), 422) == web_app.ERR_BAD_MESSAGE_ID
    assert rasa.requests == []


def test_a_refusing_tracker_store_is_a_503_the_page_can_act_on(client: TestClient) -> None:
    response = post(client, "__refused__ mijn tekst", message_id=MESSAGE_ID)
    assert_dutch_error(response, 503)
    assert response.json()["code"] == "store_unavailable"
    assert response.json()["error"] == DUTCH_BACKEND_ERROR
    assert post(client, "__500__ x").json()["code"] == "unavailable"
    assert post(client, "__slow__ x").json()["code"] == "timeout"


def test_the_timeout_toward_rasa_is_longer_than_rasas_handling() -> None:
    from bot.rasa_adapter import message_ids

    assert web_app.RASA_TIMEOUT > message_ids.HANDLING_TIMEOUT + message_ids.BALANCER_QUEUE
    haproxy = (WEB_DIR.parents[1] / "deploy" / "haproxy.cfg").read_text()
    assert f"timeout queue {message_ids.BALANCER_QUEUE:.0f}s" in haproxy
    assert message_ids.LOCK_LIFETIME > message_ids.HANDLING_TIMEOUT
    app = create_app("http://127.0.0.1:1")
    with TestClient(app):
        assert app.state.rasa_client.timeout.read == web_app.RASA_TIMEOUT
    js = (WEB_DIR / "static" / "chat.js").read_text()
    client_ms = int(re.search(r"CLIENT_TIMEOUT_MS = (\d+);", js).group(1))
    assert client_ms / 1000 > web_app.RASA_TIMEOUT


def test_greet_is_forwarded_as_is(client: TestClient, rasa: FakeRasa) -> None:
    response = post(client, "/greet")
    assert response.status_code == 200
    assert rasa.requests[-1]["message"] == "/greet"


def test_extracts_only_text(client: TestClient) -> None:
    response = post(client, "__mixed__")
    assert response.status_code == 200
    assert response.json() == {"messages": [{"text": "Eerste zin."}, {"text": "Tweede zin."}]}


def test_answer_buttons_pass_with_plain_text_payloads_only(client: TestClient) -> None:
    response = post(client, "__buttons__")
    assert response.json() == {
        "messages": [{"text": "Mag dat?", "buttons": [{"title": "Ja, dat is goed", "payload": "ja, dat is goed"}]}]
    }


def test_unicode_round_trip(client: TestClient) -> None:
    text = "Ik wil graag überhaupt iets doen 🙂 — écht waar\nTweede regel"
    response = post(client, text)
    assert response.status_code == 200
    assert response.json() == {"messages": [{"text": text}]}


def test_html_in_text_is_passed_through_as_data(client: TestClient, rasa: FakeRasa) -> None:
    text = '<script>alert("x")</script><b>vet</b> & "quotes"'
    response = post(client, text)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"messages": [{"text": text}]}
    assert rasa.requests[-1]["message"] == text


def test_empty_reply_gives_dutch_fallback(client: TestClient) -> None:
    for marker in ("__empty__", "__nontext__"):
        response = post(client, marker)
        assert response.status_code == 200
        assert response.json() == {"messages": [{"text": DUTCH_FALLBACK}]}
    assert "sorry" in DUTCH_FALLBACK.lower()


def test_long_text_up_to_limit_is_forwarded(client: TestClient, rasa: FakeRasa) -> None:
    for length in (2_001, 10_000):
        text = "a" * length
        response = post(client, text)
        assert response.status_code == 200, length
        assert rasa.requests[-1]["message"] == text


# --- Validation ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{not json",
        b"[1, 2, 3]",
        b'"just a string"',
        b"null",
        b"\xff\xfe\x00garbage",
        b"[" * 100_000,
    ],
    ids=["empty", "broken", "array", "string", "null", "bad-encoding", "deep-nesting"],
)
def test_invalid_json_is_422_dutch(client: TestClient, rasa: FakeRasa, body: bytes) -> None:
    response = client.post("/api/message", content=body, headers={"content-type": "application/json"})
    assert_dutch_error(response, 422)
    assert rasa.requests == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"conversation_id": "short7c"},  # 7 chars
        {"conversation_id": "x" * 65},  # 65 chars
        {"conversation_id": "has space1"},
        {"conversation_id": "abcdefgh\n"},  # trailing newline
        {"conversation_id": "ééééééééé"},
        {"conversation_id": "../../etc/x"},
        {"conversation_id": 12345678},
        {"conversation_id": None},
        {"client_id": "bad id!!"},
        {"client_id": ["abcdefgh"]},
        {"client_id": ""},
    ],
)
def test_bad_ids_are_422_dutch(client: TestClient, rasa: FakeRasa, overrides: Dict[str, Any]) -> None:
    assert_dutch_error(post(client, "Hallo", **overrides), 422)
    assert rasa.requests == []


def test_missing_fields_are_422_dutch(client: TestClient, rasa: FakeRasa) -> None:
    for payload in (
        {},
        {"client_id": CLIENT_ID, "text": "Hallo"},
        {"conversation_id": CONV_ID, "text": "Hallo"},
        {"conversation_id": CONV_ID, "client_id": CLIENT_ID},
    ):
        assert_dutch_error(client.post("/api/message", json=payload), 422)
    assert rasa.requests == []


@pytest.mark.parametrize("text", [None, 42, 1.5, True, ["Hallo"], {"t": "Hallo"}])
def test_text_not_a_string_is_422_dutch(client: TestClient, rasa: FakeRasa, text: Any) -> None:
    assert_dutch_error(post(client, text), 422)
    assert rasa.requests == []


def test_empty_text_is_422_dutch(client: TestClient, rasa: FakeRasa) -> None:
    for text in ("", "   \n\t "):
        assert_dutch_error(post(client, text), 422)
    assert rasa.requests == []


def test_valid_id_edges(client: TestClient) -> None:
    assert post(client, conversation_id="a" * 8, client_id="B" * 64).status_code == 200
    assert post(client, conversation_id="_-_-_-_-", client_id="0123456789abcdef").status_code == 200


def test_error_messages_are_distinct_and_dutch(client: TestClient) -> None:
    conv = assert_dutch_error(post(client, conversation_id="bad"), 422)
    cli = assert_dutch_error(post(client, client_id="bad"), 422)
    txt = assert_dutch_error(post(client, 5), 422)
    assert "gesprek" in conv.lower()
    assert len({conv, cli, txt}) == 3


def test_too_long_text_is_413(client: TestClient, rasa: FakeRasa) -> None:
    message = assert_dutch_error(post(client, "a" * 10_001), 413)
    assert message == DUTCH_TOO_LONG
    assert "te lang" in message and "korter" in message
    assert rasa.requests == []


def test_length_counts_characters_not_bytes(client: TestClient) -> None:
    # 10,000 emoji are 40,000 UTF-8 bytes (120,000 bytes as JSON escapes) but 10,000 characters.
    assert post(client, "🙂" * 10_000).status_code == 200
    assert_dutch_error(post(client, "🙂" * 10_001), 413)


def test_huge_body_is_413(client: TestClient, rasa: FakeRasa) -> None:
    body = json.dumps({"conversation_id": CONV_ID, "client_id": CLIENT_ID, "text": "a" * 500_000})
    response = client.post("/api/message", content=body, headers={"content-type": "application/json"})
    assert_dutch_error(response, 413)
    assert rasa.requests == []


# --- Rasa failures ------------------------------------------------------------------------
@pytest.mark.parametrize("marker", ["__500__", "__502__", "__400__", "__notjson__", "__object__"])
def test_rasa_errors_are_503(client: TestClient, marker: str) -> None:
    message = assert_dutch_error(post(client, marker + " mijn tekst"), 503)
    assert message == DUTCH_BACKEND_ERROR
    assert "niet verloren" in message


def test_rasa_timeout_is_503(client: TestClient) -> None:
    started = time.monotonic()
    response = post(client, "__slow__")
    elapsed = time.monotonic() - started
    assert_dutch_error(response, 503)
    assert elapsed < SLOW_SECONDS


def test_rasa_unreachable_is_503() -> None:
    app = create_app(f"http://127.0.0.1:{_unused_port()}", request_timeout=2.0)
    with TestClient(app) as test_client:
        message = assert_dutch_error(post(test_client, "Hallo"), 503)
    assert message == DUTCH_BACKEND_ERROR


def test_transport_errors_and_total_timeout_via_mock_transport() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        text = json.loads(request.content)["message"]
        if text == "connect":
            raise httpx.ConnectError("refused", request=request)
        if text == "read-timeout":
            raise httpx.ReadTimeout("slow", request=request)
        if text == "hang":
            await asyncio.sleep(5)
        return httpx.Response(200, json=[{"text": "ok"}])

    app = create_app("http://rasa.invalid", request_timeout=0.3, transport=httpx.MockTransport(handler))
    with TestClient(app) as test_client:
        assert post(test_client, "ok").json() == {"messages": [{"text": "ok"}]}
        for text in ("connect", "read-timeout", "hang"):
            assert_dutch_error(post(test_client, text), 503)


def test_client_is_created_and_closed_by_lifespan(fake_rasa: Dict[str, Any]) -> None:
    app = create_app(fake_rasa["url"])
    assert app.state.rasa_client is None
    with TestClient(app):
        http_client = app.state.rasa_client
        assert isinstance(http_client, httpx.AsyncClient)
        assert not http_client.is_closed
    assert http_client.is_closed


def test_create_app_has_no_side_effects(fake_rasa: Dict[str, Any]) -> None:
    # Two independent apps; building one opens no connections.
    first = create_app(fake_rasa["url"])
    second = create_app("http://127.0.0.1:1")
    assert first is not second
    assert not hasattr(web_app, "app")


# --- Logging ------------------------------------------------------------------------------
def test_message_text_is_never_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = "GEHEIM-Ik-heb-schulden-en-ben-bang"
    caplog.set_level(logging.DEBUG)
    post(client, secret)
    post(client, "__500__ " + secret)
    post(client, "__slow__ " + secret)
    post(client, "__empty__ " + secret)
    post(client, secret, conversation_id="bad")
    post(client, secret * 1_000)
    assert secret not in caplog.text
    # Ids and statuses are logged.
    assert CONV_ID in caplog.text
    assert "status=" in caplog.text


# --- Front-end behaviour (Node with a tiny fake DOM; `make test` installs node) ------------
def test_chat_js_behaviour_in_node(system_tool) -> None:
    node = system_tool("node", package="nodejs")
    script = _NODE_HARNESS.replace("__CHAT_JS__", json.dumps(str(WEB_DIR / "static" / "chat.js")))
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ALL OK" in result.stdout


_NODE_HARNESS = r"""
"use strict";
const fs = require("fs");
const vm = require("vm");
const assert = require("assert");
const source = fs.readFileSync(__CHAT_JS__, "utf8");

// ---- A very small fake DOM: just what chat.js uses. ----
class El {
  constructor(tag, id) {
    this.tagName = tag; this.id = id || ""; this.children = []; this.parentNode = null;
    this._text = ""; this.attrs = {}; this.listeners = {}; this.hidden = false;
    this.disabled = false; this.value = ""; this.className = ""; this.scrollTop = 0;
    this.scrollHeight = 0; this.type = "";
    const self = this;
    this.classList = {
      remove(c) { self.className = self.className.split(" ").filter(x => x && x !== c).join(" "); },
      toggle(c, on) { this.remove(c); if (on) self.className += " " + c; },
    };
  }
  set innerHTML(v) { throw new Error("innerHTML must not be used"); }
  get textContent() { return this.children.length ? this.children.map(c => c.textContent).join("") : this._text; }
  set textContent(v) { this.children = []; this._text = String(v); }
  appendChild(c) { c.parentNode = this; this.children.push(c); return c; }
  removeChild(c) { this.children = this.children.filter(x => x !== c); c.parentNode = null; return c; }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  setAttribute(n, v) { this.attrs[n] = String(v); }
  addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); }
  dispatch(t, ev) { ev = Object.assign({ defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } }, ev || {}); (this.listeners[t] || []).forEach(f => f(ev)); return ev; }
  focus() { doc.activeElement = this; }
  setSelectionRange() {}
  scrollTo() {}
}

const ids = ["chat", "log", "typing", "error", "composer", "message", "send", "new-conversation", "message-counter", "choices"];
const els = {};
const doc = {
  readyState: "complete", activeElement: null,
  getElementById(id) { return els[id] || null; },
  createElement(tag) { return new El(tag); },
  addEventListener() {},
};
function resetDom() { ids.forEach(id => { els[id] = new El("x", id); }); els.chat.attrs["data-api-url"] = "/api/message"; els.chat.attrs["data-max-chars"] = "2000"; els.chat.attrs["data-retry-ms"] = "5,10,15,20"; }

function storage() { const d = {}; return { getItem: k => (k in d ? d[k] : null), setItem: (k, v) => { d[k] = String(v); }, removeItem: k => { delete d[k]; }, _d: d }; }

let requests = [];
let responder = null;
function fakeFetch(url, opts) {
  const body = JSON.parse(opts.body);
  requests.push({ url, body });
  return new Promise((resolve, reject) => {
    const r = responder(body);
    if (r === "network") return reject(new TypeError("Failed to fetch"));
    resolve({ ok: r.status >= 200 && r.status < 300, status: r.status, text: () => Promise.resolve(JSON.stringify(r.json)) });
  });
}

function boot(session, local) {
  resetDom();
  const window = {
    sessionStorage: session, localStorage: local, document: doc,
    crypto: require("crypto").webcrypto, btoa: s => Buffer.from(s, "binary").toString("base64"),
    matchMedia: () => ({ matches: true }), setTimeout, clearTimeout, confirm: () => true,
  };
  const ctx = { window, document: doc, fetch: fakeFetch, AbortController, JSON, Promise, Uint8Array, Array, String, Object, parseInt, console };
  vm.runInNewContext(source, ctx);
  return window;
}
const flush = () => new Promise(r => setTimeout(r, 10));
const settle = () => new Promise(r => setTimeout(r, 120));  // longer than all retry delays together
const bubbles = () => els.log.children.map(c => ({ cls: c.className, text: c.children[1].textContent }));

(async () => {
  const session = storage(), local = storage();
  // 1. First load sends /greet hidden; ids are valid and stored.
  responder = b => ({ status: 200, json: { messages: [{ text: "Hoi, ik ben de coach. Mag ik iets vragen?" }] } });
  boot(session, local);
  assert.strictEqual(els.send.disabled, true, "send disabled while waiting");
  assert.strictEqual(els.typing.textContent, "Coach typt…");
  await flush();
  assert.strictEqual(requests.length, 1);
  assert.strictEqual(requests[0].body.text, "/greet");
  assert.match(requests[0].body.conversation_id, /^[A-Za-z0-9_-]{24}$/);
  assert.match(requests[0].body.client_id, /^[A-Za-z0-9_-]{24}$/);
  assert.notStrictEqual(requests[0].body.conversation_id, requests[0].body.client_id);
  assert.deepStrictEqual(bubbles(), [{ cls: "message message--coach", text: "Hoi, ik ben de coach. Mag ik iets vragen?" }]);
  assert.strictEqual(els.send.disabled, false);
  assert.strictEqual(els.typing.textContent, "");
  const convId = requests[0].body.conversation_id, clientId = requests[0].body.client_id;

  // 2. Enter sends; HTML shows as text; client bubble on the right.
  responder = b => ({ status: 200, json: { messages: [{ text: "Echo: " + b.text }] } });
  els.message.value = "<script>alert(1)</script>";
  let ev = els.message.dispatch("keydown", { key: "Enter", shiftKey: false });
  assert.ok(ev.defaultPrevented);
  assert.strictEqual(els.message.value, "");
  await flush();
  assert.strictEqual(requests[1].body.text, "<script>alert(1)</script>");
  assert.deepStrictEqual(bubbles().slice(1), [
    { cls: "message message--client", text: "<script>alert(1)</script>" },
    { cls: "message message--coach", text: "Echo: <script>alert(1)</script>" },
  ]);
  assert.strictEqual(doc.activeElement, els.message, "focus stays in the box after sending");

  // 3. Shift+Enter does not send.
  els.message.value = "regel 1";
  ev = els.message.dispatch("keydown", { key: "Enter", shiftKey: true });
  assert.ok(!ev.defaultPrevented);
  await flush();
  assert.strictEqual(requests.length, 2);

  // 4. Error: Dutch text in the alert, the text goes back into the textarea, no bubble left.
  responder = b => ({ status: 503, json: { error: "Er ging iets mis aan onze kant." } });
  els.message.value = "Mijn belangrijke bericht";
  els.composer.dispatch("submit");
  await flush();
  assert.strictEqual(els.error.textContent, "Er ging iets mis aan onze kant.");
  assert.strictEqual(els.message.value, "Mijn belangrijke bericht");
  assert.strictEqual(bubbles().length, 3);
  assert.strictEqual(els.send.disabled, false);

  // 5. Network failure: sent again four times with the same id, then the Dutch text, text restored.
  responder = () => "network";
  let sentBefore = requests.length;
  els.composer.dispatch("submit");
  await settle();
  assert.strictEqual(requests.length - sentBefore, 5, "first attempt plus four resends");
  assert.strictEqual(new Set(requests.slice(sentBefore).map(r => r.body.message_id)).size, 1);
  assert.match(els.error.textContent, /niet verloren/);
  assert.strictEqual(els.message.value, "Mijn belangrijke bericht");
  assert.strictEqual(bubbles().length, 3);

  // 6. Counter near 2000 characters.
  els.message.value = "a".repeat(1900);
  els.message.dispatch("input");
  assert.strictEqual(els["message-counter"].hidden, false);
  assert.match(els["message-counter"].textContent, /1\.900 van 2\.000/);
  els.message.value = "kort";
  els.message.dispatch("input");
  assert.strictEqual(els["message-counter"].hidden, true);

  // 7. Too long (over the coach's limit, data-max-chars) is refused locally, text kept;
  //    the error goes as soon as the text is short enough.
  const tooLong = "b".repeat(2001);
  els.message.value = tooLong;
  sentBefore = requests.length;
  els.composer.dispatch("submit");
  await flush();
  assert.strictEqual(requests.length, sentBefore);
  assert.match(els.error.textContent, /te lang/);
  assert.strictEqual(els.message.value, tooLong);
  els.message.dispatch("input");
  assert.match(els.error.textContent, /te lang/, "still too long: the error stays");
  els.message.value = "b".repeat(2000);
  els.message.dispatch("input");
  assert.strictEqual(els.error.textContent, "", "fixed: the error clears");
  assert.match(els["message-counter"].textContent, /2\.000 van 2\.000/);
  els.message.value = "";

  // 8. Reload: log restored from sessionStorage, no new /greet, same ids.
  const before = requests.length;
  boot(session, local);
  await flush();
  assert.strictEqual(requests.length, before);
  assert.strictEqual(bubbles().length, 3);
  assert.strictEqual(bubbles()[1].text, "<script>alert(1)</script>");

  // 9. Nieuw gesprek: new conversation id, log cleared, /greet again, same client id.
  responder = b => ({ status: 200, json: { messages: [{ text: "Welkom terug." }] } });
  els["new-conversation"].dispatch("click");
  await flush();
  const last = requests[requests.length - 1].body;
  assert.strictEqual(last.text, "/greet");
  assert.notStrictEqual(last.conversation_id, convId);
  assert.strictEqual(last.client_id, clientId);
  assert.deepStrictEqual(bubbles(), [{ cls: "message message--coach", text: "Welkom terug." }]);

  // 10. A new tab (fresh sessionStorage) gets a new conversation but keeps the client id.
  boot(storage(), local);
  await flush();
  const fresh = requests[requests.length - 1].body;
  assert.strictEqual(fresh.text, "/greet");
  assert.strictEqual(fresh.client_id, clientId);

  // 11. Failed /greet shows the error with a retry button; no text is put in the textarea.
  responder = b => ({ status: 503, json: { error: "Even niet bereikbaar." } });
  boot(storage(), local);
  await flush();
  assert.match(els.error.textContent, /Even niet bereikbaar\./);
  assert.strictEqual(els.message.value, "");
  const retry = els.error.children.find(c => c.tagName === "button");
  assert.ok(retry, "retry button");
  responder = b => ({ status: 200, json: { messages: [{ text: "Daar ben ik." }] } });
  retry.dispatch("click");
  await flush();
  assert.strictEqual(els.error.textContent, "");
  assert.deepStrictEqual(bubbles(), [{ cls: "message message--coach", text: "Daar ben ik." }]);
  const greetIds = requests.slice(-2).map(r => r.body.message_id);
  assert.strictEqual(greetIds[0], greetIds[1], "the retry button sends the same /greet again");

  // 12. Every message has its own id; a 503 with "retry" is sent again with the same id,
  //     one bubble, the answer shows, no error.
  let calls = 0;
  responder = b => (++calls <= 2 ? { status: 503, json: { error: "Even niet.", code: "store_unavailable", retry: true } }
                                 : { status: 200, json: { messages: [{ text: "Fijn dat u het vertelt." }] } });
  sentBefore = requests.length;
  els.message.value = "Ik wil weer aan het werk";
  els.composer.dispatch("submit");
  await settle();
  let sent = requests.slice(sentBefore);
  assert.strictEqual(sent.length, 3);
  assert.match(sent[0].body.message_id, /^[A-Za-z0-9_-]{24}$/);
  assert.ok(sent.every(r => r.body.message_id === sent[0].body.message_id && r.body.text === "Ik wil weer aan het werk"));
  assert.notStrictEqual(sent[0].body.message_id, greetIds[0]);
  assert.deepStrictEqual(bubbles().slice(1), [
    { cls: "message message--client", text: "Ik wil weer aan het werk" },
    { cls: "message message--coach", text: "Fijn dat u het vertelt." },
  ]);
  assert.strictEqual(els.error.textContent, "");
  assert.strictEqual(els.send.disabled, false);

  // 13. A next message gets a new id.
  responder = b => ({ status: 200, json: { messages: [{ text: "Ok." }] } });
  els.message.value = "Volgende";
  els.composer.dispatch("submit");
  await flush();
  assert.notStrictEqual(requests[requests.length - 1].body.message_id, sent[0].body.message_id);

  // 14. Still refused after four resends: the error shows, the text is back in the box; sent
  //     again unchanged it keeps its id, changed it gets a new one. A 422 is not sent again.
  responder = b => ({ status: 503, json: { error: "Er ging iets mis aan onze kant.", code: "unavailable", retry: true } });
  sentBefore = requests.length;
  els.message.value = "Mag ik iets vragen?";
  els.composer.dispatch("submit");
  await settle();
  sent = requests.slice(sentBefore);
  assert.strictEqual(sent.length, 5);
  assert.strictEqual(new Set(sent.map(r => r.body.message_id)).size, 1);
  assert.strictEqual(els.error.textContent, "Er ging iets mis aan onze kant.");
  assert.strictEqual(els.message.value, "Mag ik iets vragen?");
  assert.strictEqual(bubbles().length, 5, "no bubble for the message that was not answered");
  responder = b => ({ status: 200, json: { messages: [{ text: "Natuurlijk." }] } });
  els.composer.dispatch("submit");
  await flush();
  assert.strictEqual(requests[requests.length - 1].body.message_id, sent[0].body.message_id);
  assert.strictEqual(bubbles().length, 7);
  responder = b => ({ status: 422, json: { error: "Uw bericht is leeg." } });
  sentBefore = requests.length;
  els.message.value = "x";
  els.composer.dispatch("submit");
  await settle();
  assert.strictEqual(requests.length - sentBefore, 1);
  const refusedId = requests[requests.length - 1].body.message_id;
  els.message.value = "x, anders";
  responder = b => ({ status: 200, json: { messages: [{ text: "Goed." }] } });
  els.composer.dispatch("submit");
  await flush();
  assert.notStrictEqual(requests[requests.length - 1].body.message_id, refusedId);

  // 12. Answer buttons: shown under the question, a click sends the payload as a typed answer.
  responder = b => ({ status: 200, json: { messages: [
    { text: "Welkom." },
    { text: "Mag ik dit bewaren?", buttons: [
      { title: "Ja, dat is goed", payload: "ja, dat is goed" },
      { title: "Overslaan", payload: "/affirm" },
      { title: "Nee, liever niet", payload: "nee, liever niet" }] }] } });
  els["new-conversation"].dispatch("click");
  await flush();
  assert.deepStrictEqual(els.choices.children.map(c => c.textContent), ["Ja, dat is goed", "Nee, liever niet"]);
  assert.strictEqual(els.choices.hidden, false);
  responder = b => ({ status: 200, json: { messages: [{ text: "Fijn." }] } });
  els.choices.children[0].dispatch("click");
  await flush();
  assert.strictEqual(requests[requests.length - 1].body.text, "ja, dat is goed");
  assert.strictEqual(els.choices.children.length, 0);
  assert.strictEqual(els.choices.hidden, true);
  assert.deepStrictEqual(bubbles().slice(-2).map(b => b.text), ["ja, dat is goed", "Fijn."]);

  console.log("ALL OK");
})().catch(e => { console.error(e); process.exit(1); });
"""
