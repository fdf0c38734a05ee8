"""The production profile end to end: PostgreSQL, Redis, two Rasa servers and the action
server behind HAProxy, the web app under uvicorn with two workers (deploy/profile.sh).

Order matters (pytest runs a module top to bottom): the fault tests come after the load
test, the log check comes last so that it also covers the logs written during faults.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import httpx
import pytest
from sqlalchemy import create_engine
from sqlalchemy import text as sql

from bot.rasa_adapter.message_ids import new_message_id
from bot.web import app as web_app

pytestmark = [pytest.mark.model, pytest.mark.production]

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "var" / "results"  # a build output: the suite must not rewrite tracked files
MARKER = "Zwaluwstaart" + uuid.uuid4().hex[:8]  # appears in message texts, must appear in no log

CONVERSATION = [
    "/greet",
    "ja",
    f"ik doe al twee jaar vrijwilligerswerk bij de voedselbank, {MARKER}",
    "ik heb twintig jaar in een distributiecentrum gewerkt tot mijn rug niet meer wilde",
    "misschien zou een paar uurtjes per week toch kunnen, ik twijfel",
    "aan de ene kant is het eng, aan de andere kant zou een eigen inkomen fijn zijn",
    f"mijn vrouw staat erachter, {MARKER}",
    "een 6",
    "omdat ik het eigenlijk wel wil, ik help nu al mensen als vrijwilliger",
    "volgende week ga ik met mijn jobcoach kijken welke cursus bij mij past",
    "ik werk graag met mensen",
]

_engines: Dict[str, object] = {}


def new_id(prefix: str = "prod") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def db(profile):
    url = profile.database_url
    if url not in _engines:
        _engines[url] = create_engine(url, future=True, pool_pre_ping=True)
    return _engines[url]


def stored_turns(profile, sender: str) -> List[Tuple[int, str, str]]:
    with db(profile).connect() as conn:
        rows = conn.execute(
            sql(
                "SELECT t.seq, t.speaker, t.text FROM turns t JOIN conversations c ON c.id = t.conversation_id "
                "WHERE c.sender_id = :s ORDER BY t.seq"
            ),
            {"s": sender},
        ).all()
    return [tuple(r) for r in rows]


def client_texts(profile, sender: str) -> List[str]:
    return [t for _, speaker, t in stored_turns(profile, sender) if speaker == "client"]


def web_post(
    profile, conv: str, text: str, client: Optional[httpx.Client] = None, message_id: Optional[str] = None
) -> httpx.Response:
    body = {"conversation_id": conv, "client_id": "client-" + conv[-12:], "text": text}
    body["message_id"] = message_id or new_message_id()
    if client is not None:
        return client.post(profile.web + "/api/message", json=body)
    return httpx.post(profile.web + "/api/message", json=body, timeout=60)


def replies(resp: httpx.Response) -> List[str]:
    assert resp.status_code == 200, (resp.status_code, resp.text)
    return [m["text"] for m in resp.json()["messages"]]


def rasa_post(server: str, sender: str, text: str) -> List[str]:
    resp = httpx.post(
        server + "/webhooks/rest/webhook",
        timeout=60,
        json={
            "sender": sender,
            "message": text,
            "metadata": {"client_id": "client-" + sender[-12:], "message_id": new_message_id()},
        },
    )
    assert resp.status_code == 200, resp.text
    return [m["text"] for m in resp.json() if m.get("text")]


def tracker(profile, server: str, sender: str) -> dict:
    resp = httpx.get(f"{server}/conversations/{sender}/tracker", params={"token": profile.token}, timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()


def assert_stored_once_in_order(profile, sender: str, sent_after_consent: List[str]) -> None:
    turns = stored_turns(profile, sender)
    seqs = [seq for seq, _, _ in turns]
    assert seqs == sorted(set(seqs)), "each position once, in order"
    assert [t for _, s, t in turns if s == "client"] == sent_after_consent


# --- topology and security -------------------------------------------------------------
def test_everything_listens_on_loopback_only_and_rasa_needs_the_token(profile):
    ports = {int(p.rsplit(":", 1)[1]) for p in profile.rasa + [profile.web, profile.balancer, profile.actions]}
    ports |= {int(profile.env["PROD_PG_PORT"]), int(profile.env["PROD_REDIS_PORT"])}
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            host, port = local.split(":")
            if state == "0A" and int(port, 16) in ports:  # LISTEN
                found.add(int(port, 16))
                assert host in ("0100007F", "00000000000000000000000001000000"), (table, line)  # 127.0.0.1, ::1
    assert found == ports, ports - found
    for server in profile.rasa:
        assert httpx.get(server + "/status", timeout=10).status_code == 401
        assert httpx.get(server + "/status", params={"token": profile.token}, timeout=10).status_code == 200


def test_the_public_web_app_exposes_no_rasa_or_action_server_routes(profile):
    for method, path in [
        ("POST", "/webhooks/rest/webhook"),
        ("GET", "/status"),
        ("GET", "/version"),
        ("POST", "/model/parse"),
        ("GET", "/conversations/x/tracker"),
        ("POST", "/webhook"),
        ("GET", "/actions"),
        ("GET", "/health"),
        ("PUT", "/model"),
    ]:
        resp = httpx.request(method, profile.web + path, timeout=10)
        assert resp.status_code in (404, 405), (method, path, resp.status_code)
    headers = httpx.get(profile.web + "/", timeout=10).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"


# --- state across Rasa servers ---------------------------------------------------------
def test_a_conversation_alternating_between_rasa_servers_keeps_its_state_and_stage(profile):
    sender = new_id("alt")
    messages = [
        "/greet",
        "ja",
        "werken zit er voor mij niet meer in, met mijn knieën en op mijn leeftijd",
        "de gemeente kan me niet dwingen, ik doe al genoeg vrijwilligerswerk",
        "niemand neemt iemand van 61 nog aan",
        "ik heb het prima zo, werk is niets voor mij",
    ]
    answers = []
    for i, message in enumerate(messages):  # greet on server 1, consent on server 2 (pre-consent in Redis), ...
        answers.append(rasa_post(profile.rasa[i % 2], sender, message))
    assert all(answers)
    assert "computerprogramma" in answers[0][0]
    assert_stored_once_in_order(profile, sender, messages[1:])
    one, two = (tracker(profile, server, sender) for server in profile.rasa)
    assert one["slots"] == two["slots"]
    assert len(one["events"]) == len(two["events"])
    assert one["slots"]["consent"] not in (None, "declined")
    assert one["slots"]["stage"] == "precontemplation", one["slots"]["stage"]


def test_pre_consent_conversation_is_shared_through_redis_not_the_database(profile):
    sender = new_id("pre")
    rasa_post(profile.rasa[0], sender, "/greet")
    with db(profile).connect() as conn:
        assert conn.execute(sql("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender}).scalar() == 0
    t = tracker(profile, profile.rasa[1], sender)  # the other server sees it
    assert any(e.get("event") == "user" for e in t["events"])


# --- load ------------------------------------------------------------------------------
CONVERSATIONS = 50


async def _one_conversation(
    client: httpx.AsyncClient, profile, conv: str, latencies: List[float], statuses: List[int]
) -> None:
    for message in CONVERSATION:
        started = time.perf_counter()
        resp = await client.post(
            profile.web + "/api/message",
            json={
                "conversation_id": conv,
                "client_id": "client-" + conv[-12:],
                "message_id": new_message_id(),
                "text": message,
            },
        )
        latencies.append(time.perf_counter() - started)
        statuses.append(resp.status_code)


def test_fifty_concurrent_conversations_through_the_balancer(profile):
    convs = [new_id("load") for _ in range(CONVERSATIONS)]
    latencies: List[float] = []
    statuses: List[int] = []

    async def run() -> float:
        limits = httpx.Limits(max_connections=CONVERSATIONS, max_keepalive_connections=CONVERSATIONS)
        async with httpx.AsyncClient(timeout=120, limits=limits) as client:
            started = time.perf_counter()
            await asyncio.wait_for(
                asyncio.gather(*(_one_conversation(client, profile, c, latencies, statuses) for c in convs)),
                timeout=420,
            )
            return time.perf_counter() - started

    elapsed = asyncio.run(run())
    assert not [s for s in statuses if s >= 500], sorted(set(statuses))
    assert statuses.count(200) == len(statuses)
    for conv in convs:
        assert_stored_once_in_order(profile, conv, CONVERSATION[1:])
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100)
    result = {
        "conversations": CONVERSATIONS,
        "turns_per_conversation": len(CONVERSATION),
        "requests": len(lat),
        "elapsed_s": round(elapsed, 1),
        "throughput_msg_per_s": round(len(lat) / elapsed, 2),
        "p50_ms": round(q[49] * 1000),
        "p95_ms": round(q[94] * 1000),
        "p99_ms": round(q[98] * 1000),
        "max_ms": round(lat[-1] * 1000),
        "status_counts": {str(s): statuses.count(s) for s in set(statuses)},
        "profile": "PostgreSQL + Redis + 2 Rasa servers + HAProxy + uvicorn 2 workers",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "production_load.json").write_text(json.dumps(result, indent=2) + "\n")
    print("\nload:", json.dumps(result))


# --- faults ----------------------------------------------------------------------------
KIND_REPLIES = {web_app.FALLBACK_REPLY, web_app.ERR_BACKEND}


def kind_dutch(resp: httpx.Response) -> bool:
    body = resp.json()
    if resp.status_code == 200:
        return [m["text"] for m in body["messages"]] == [web_app.FALLBACK_REPLY]
    return resp.status_code == 503 and body.get("error") == web_app.ERR_BACKEND and body.get("retry") is True


def eventually_answers(profile, conv: str, message: str, within: float = 60) -> List[str]:
    """Send `message` until the coach really answers (the client resends it, same id, as the page does)."""
    deadline = time.monotonic() + within
    message_id = new_message_id()
    while True:
        resp = web_post(profile, conv, message, message_id=message_id)
        if resp.status_code == 200 and replies(resp) != [web_app.FALLBACK_REPLY]:
            return replies(resp)
        assert kind_dutch(resp), (resp.status_code, resp.text)
        assert time.monotonic() < deadline, "service did not resume"
        time.sleep(1)


def test_action_server_killed_mid_conversation(profile):
    conv = new_id("act")
    for message in CONVERSATION[:4]:
        assert replies(web_post(profile, conv, message))
    profile.sh("kill", "actions")
    try:
        down = [web_post(profile, conv, m) for m in CONVERSATION[4:6]]
    finally:
        profile.sh("start", timeout=300)
    assert all(kind_dutch(r) and r.status_code == 200 for r in down), [r.text for r in down]
    back = replies(web_post(profile, conv, CONVERSATION[6]))
    assert back and back != [web_app.FALLBACK_REPLY], "the conversation continues when the action server is back"
    assert_stored_once_in_order(profile, conv, CONVERSATION[1:7])


def test_web_app_restarted_mid_chat(profile):
    conv = new_id("web")
    for message in CONVERSATION[:4]:
        assert replies(web_post(profile, conv, message))
    before = stored_turns(profile, conv)
    profile.sh("kill", "web")
    with pytest.raises(httpx.TransportError):
        httpx.post(profile.web + "/api/message", json={}, timeout=5)
    profile.sh("start", timeout=300)
    answer = replies(web_post(profile, conv, CONVERSATION[4]))
    assert answer and answer != [web_app.FALLBACK_REPLY]
    after = stored_turns(profile, conv)
    assert after[: len(before)] == before, "the client continues where they were"
    assert_stored_once_in_order(profile, conv, CONVERSATION[1:5])


def test_postgres_restarted(profile):
    conv = new_id("pg")
    for message in CONVERSATION[:4]:
        assert replies(web_post(profile, conv, message))
    before = stored_turns(profile, conv)
    with db(profile).connect() as conn:
        events_before = conn.execute(sql("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": conv}).scalar()
    profile.sh("kill", "postgres")  # immediate shutdown, like a crash
    try:
        during = [web_post(profile, conv, "dit bericht valt in de storing") for _ in range(2)]
        fresh = web_post(profile, new_id("pgnew"), "/greet")  # pre-consent: Redis only, may still work
    finally:
        profile.sh("start", timeout=300)
    for resp in during:
        assert kind_dutch(resp), (resp.status_code, resp.text)
    assert fresh.status_code in (200, 503) and (fresh.status_code == 200 or kind_dutch(fresh))
    with db(profile).connect() as conn:
        events_after = conn.execute(sql("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": conv}).scalar()
    assert events_after == events_before, "nothing of the failed turns is half-stored"
    assert stored_turns(profile, conv) == before
    eventually_answers(profile, conv, CONVERSATION[4])
    assert_stored_once_in_order(profile, conv, CONVERSATION[1:5])


def test_one_rasa_server_killed_the_balancer_routes_around_it(profile):
    convs = [new_id("kill") for _ in range(6)]
    with httpx.Client(timeout=60) as client:
        for message in CONVERSATION[:3]:
            for conv in convs:
                assert replies(web_post(profile, conv, message, client))
        profile.sh("kill", "rasa1")
        try:
            for message in CONVERSATION[3:6]:  # right after the kill, before any health check noticed
                for conv in convs:
                    answer = replies(web_post(profile, conv, message, client))
                    assert answer and answer != [web_app.FALLBACK_REPLY]
        finally:
            pass  # rasa1 stays down: the remaining test runs on one server (a restart costs ~40 s)
    for conv in convs:
        assert_stored_once_in_order(profile, conv, CONVERSATION[1:6])


# --- last: what the logs contain -------------------------------------------------------
def test_logs_of_whole_conversations_contain_no_message_text(profile):
    conv = new_id("log")
    for message in CONVERSATION:
        replies(web_post(profile, conv, message))
    assert MARKER in "".join(client_texts(profile, conv)), "the marker was stored, so it passed every process"
    time.sleep(1)
    logs = list((profile.dir / "log").glob("*")) + list((ROOT / "var" / "log").glob("*"))
    assert logs
    for path in logs:
        if path.is_file():
            content = path.read_bytes()
            assert MARKER.encode() not in content, f"message text in {path}"
