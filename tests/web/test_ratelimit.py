"""Rate limit per personal chat link (bot.web.ratelimit, hooked into POST /c/<token>/message)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
import uuid

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.accounts import accounts
from bot.db.engine import session_scope
from bot.db.models import Professional
from bot.web import app as web_app
from bot.web.app import create_app
from bot.web.ratelimit import RateLimiter
from bot.workspace import clients


def _echo(request: httpx.Request) -> httpx.Response:
    payload = json.loads(request.content)
    return httpx.Response(200, json=[{"recipient_id": payload["sender"], "text": "ok"}])


def _chat_link(url: str) -> str:
    email = f"rate-{uuid.uuid4().hex[:8]}@gemeente.example"
    with session_scope(url) as s:
        accounts.create_professional(s, email, "Rate Test", "een lang wachtwoord 123")
        owner = s.scalar(select(Professional).where(Professional.email == email))
        client = clients.create_client(s, owner, "R.T.", dt.date(2026, 12, 1))
        _, token = clients.create_invitation(s, client)
    return token


def test_a_chat_link_is_limited_per_minute_with_a_kind_dutch_answer(database_url):
    app = create_app("http://rasa.invalid", transport=httpx.MockTransport(_echo), database_url=database_url)
    app.state.chat_rate_limiter = RateLimiter(redis_url="", limit=5)
    token, other = _chat_link(database_url), _chat_link(database_url)
    body = {"conversation_id": "conv-rate-0001", "client_id": "ignored-0001", "text": "hallo"}
    with TestClient(app) as c:
        statuses = [c.post(f"/c/{token}/message", json=body).status_code for _ in range(5)]
        limited = c.post(f"/c/{token}/message", json=body)
        assert c.post(f"/c/{other}/message", json=body).status_code == 200  # per link
    assert statuses == [200] * 5
    assert limited.status_code == 429
    assert limited.json() == {"error": web_app.ERR_RATE_LIMITED}
    assert limited.headers["cache-control"] == "no-store"


def test_windows_are_per_minute():
    limiter = RateLimiter(redis_url="", limit=2)
    assert [limiter.allow("chatlink", "t", now=60.0 * 100 + s) for s in (0, 1, 2)] == [True, True, False]
    assert limiter.allow("chatlink", "t", now=60.0 * 101)


def test_an_unreachable_store_fails_open():
    limiter = RateLimiter(redis_url="redis://127.0.0.1:1/0", limit=1)
    assert limiter.allow("chatlink", "t") and limiter.allow("chatlink", "t")


def test_redis_counts_are_shared_between_processes(system_tool):
    system_tool("redis-server", package="redis-server")
    from bot.run.processes import free_port

    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"redis://127.0.0.1:{port}/0"
        one, two = RateLimiter(redis_url=url, limit=3), RateLimiter(redis_url=url, limit=3)  # two "workers"
        deadline = time.monotonic() + 10
        while True:
            try:
                one.backend.redis.ping()
                break
            except Exception:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        now = time.time()
        assert [
            one.allow("chatlink", "tok", now),
            two.allow("chatlink", "tok", now),
            one.allow("chatlink", "tok", now),
            two.allow("chatlink", "tok", now),
        ] == [True, True, True, False]
        assert not any(b"tok" in key for key in one.backend.redis.keys("*")), "only a hash of the token is kept"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
