"""Chaos on loopback: conversations go on while a Rasa server is killed at random moments,
PostgreSQL is stopped and the action server is killed. The client behaves like the chat
page: one message id per message, sent again (same id) after an error until it is
answered. Afterwards every conversation's stored client turns are exactly the messages
that were answered, in order, none twice, and Rasa handled each message once.

Bounded: CHAOS_CONVERSATIONS x TURNS messages at most one a second per conversation; the
faults come in the first half minute. Figures go to var/results/chaos.json.
"""

from __future__ import annotations

import asyncio
import collections
import json
import random
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
RESULTS = ROOT / "var" / "results"
MARKER = "Kwikstaart" + uuid.uuid4().hex[:8]  # in message texts, must be in no log

CHAOS_CONVERSATIONS = 30
TURNS = [
    "/greet",
    "ja",
    f"ik doe al twee jaar vrijwilligerswerk bij de voedselbank, {MARKER}",
    "ik heb twintig jaar in een distributiecentrum gewerkt tot mijn rug niet meer wilde",
    "misschien zou een paar uurtjes per week toch kunnen, ik twijfel",
    "aan de ene kant is het eng, aan de andere kant zou een eigen inkomen fijn zijn",
    "mijn vrouw staat erachter",
    "een 6",
    "omdat ik het eigenlijk wel wil, ik help nu al mensen als vrijwilliger",
    "volgende week ga ik met mijn jobcoach kijken welke cursus bij mij past",
]
MESSAGE_DEADLINE_S = 150  # one message, all its resends included
RUN_DEADLINE_S = 300
POSTGRES_DOWN_S = 6


class ClientView:
    """What the clients saw: every error, every fallback reply, every answered message."""

    def __init__(self) -> None:
        self.errors: collections.Counter = collections.Counter()
        self.fallbacks = 0
        self.answered: Dict[str, List[Tuple[str, str]]] = {}  # conversation -> [(message id, text)]
        self.unexpected: List[str] = []


async def conversation(client: httpx.AsyncClient, web: str, conv: str, view: ClientView) -> None:
    answered = view.answered.setdefault(conv, [])
    await asyncio.sleep(random.uniform(0, 2))
    for text in TURNS:
        message_id = new_message_id()  # the page's id: the same for every resend
        body = {"conversation_id": conv, "client_id": "client-" + conv[-12:], "message_id": message_id, "text": text}
        first_sent = time.monotonic()
        delay = 0.5
        while True:
            status: Optional[int] = None
            try:
                resp = await client.post(web + "/api/message", json=body)
                status = resp.status_code
            except httpx.TransportError as exc:
                kind = type(exc).__name__
            if status == 200:
                replies = [m["text"] for m in resp.json()["messages"]]
                view.fallbacks += replies == [web_app.FALLBACK_REPLY]
                answered.append((message_id, text))
                break
            if status is not None:
                kind = str(status)
                data = resp.json()
                if status != 503 or data.get("retry") is not True or data.get("error") != web_app.ERR_BACKEND:
                    view.unexpected.append(f"{status} {data}")
                    return
            view.errors[kind] += 1
            if time.monotonic() - first_sent > MESSAGE_DEADLINE_S:
                view.unexpected.append(f"not answered within {MESSAGE_DEADLINE_S} s")
                return
            await asyncio.sleep(delay)  # back-off, like the page
            delay = min(delay * 2, 4)
        await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - first_sent)))  # one message a second


def rasa_up(profile, i: int) -> bool:
    try:
        url = f"{profile.rasa[i - 1]}/status"
        return httpx.get(url, params={"token": profile.token}, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


async def faults(profile, rng: random.Random, done: asyncio.Event, timeline: List[str]) -> None:
    started = time.monotonic()

    async def sh(*args: str) -> None:
        await asyncio.to_thread(profile.sh, *args, timeout=300)
        timeline.append(f"{time.monotonic() - started:5.1f} s  {' '.join(args)}")

    async def pause(low: float, high: float) -> None:
        await asyncio.sleep(rng.uniform(low, high))

    servers = list(range(1, len(profile.rasa) + 1))
    victim = rng.choice(servers)
    await pause(3, 8)
    await sh("kill", f"rasa{victim}")
    await pause(1, 4)
    await sh("kill", "postgres")  # immediate shutdown, like a crash
    await asyncio.sleep(POSTGRES_DOWN_S)
    await sh("start-one", "postgres")
    await pause(1, 4)
    await sh("kill", "actions")
    await pause(1, 3)
    await sh("start-one", "actions")
    await sh("start-one", f"rasa{victim}")  # loads its model while the others go on
    while not done.is_set() and not rasa_up(profile, victim):
        await asyncio.sleep(1)
    if not done.is_set():  # back in service: kill one again, at a random moment
        await pause(1, 6)
        if not done.is_set():
            second = rng.choice(servers)
            await sh("kill", f"rasa{second}")


def handled(profile, sender: str) -> Tuple[List[Optional[str]], Optional[int]]:
    """The message ids of the user events in Rasa's tracker (database or, before consent,
    Redis), in order, and the position of the consent answer among them (None: no consent)."""
    resp = httpx.get(f"{profile.rasa[0]}/conversations/{sender}/tracker", params={"token": profile.token}, timeout=30)
    assert resp.status_code == 200, resp.status_code
    ids: List[Optional[str]] = []
    consent_answer = None
    for event in resp.json()["events"]:
        if event.get("event") == "user":
            ids.append((event.get("metadata") or {}).get("message_id"))
        elif event.get("event") == "slot" and event.get("name") == "consent" and event.get("value") == "given":
            consent_answer = len(ids) - 1
    return ids, consent_answer


def stored_client_turns(engine, sender: str) -> List[Tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sql(
                "SELECT t.message_id, t.text FROM turns t JOIN conversations c ON c.id = t.conversation_id "
                "WHERE c.sender_id = :s AND t.speaker = 'client' ORDER BY t.seq"
            ),
            {"s": sender},
        ).all()
    return [tuple(r) for r in rows]


def repeated_records(engine, sender: str) -> int:
    """Stage assessments, TPB answers and ruler scores stored twice for one message."""
    total = 0
    with engine.connect() as conn:
        for table in ("stage_assessments", "tpb_answers", "ruler_scores"):
            total += conn.execute(
                sql(
                    f"SELECT COUNT(x.message_id) - COUNT(DISTINCT x.message_id) FROM {table} x "
                    "JOIN conversations c ON c.id = x.conversation_id WHERE c.sender_id = :s"
                ),
                {"s": sender},
            ).scalar()
    return total


def test_chaos_every_answered_message_is_stored_once_in_order(profile):
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    random.seed(seed)
    convs = [f"chaos-{uuid.uuid4().hex[:16]}" for _ in range(CHAOS_CONVERSATIONS)]
    view = ClientView()
    timeline: List[str] = []

    async def run() -> float:
        done = asyncio.Event()
        limits = httpx.Limits(max_connections=CHAOS_CONVERSATIONS, max_keepalive_connections=CHAOS_CONVERSATIONS)
        async with httpx.AsyncClient(timeout=60, limits=limits) as client:
            started = time.monotonic()
            chaos = asyncio.ensure_future(faults(profile, rng, done, timeline))
            try:
                await asyncio.wait_for(
                    asyncio.gather(*(conversation(client, profile.web, c, view) for c in convs)),
                    timeout=RUN_DEADLINE_S,
                )
            finally:
                done.set()
                await chaos  # a fault step still running is finished, not cut off
            return time.monotonic() - started

    try:
        elapsed = asyncio.run(run())
    finally:
        profile.sh("start", timeout=300)  # everything back for the next tests

    engine = create_engine(profile.database_url, future=True)
    try:
        problems = []
        without_consent = 0
        for conv in convs:
            answered = view.answered[conv]
            if len(answered) != len(TURNS):
                problems.append(f"{conv}: {len(answered)} of {len(TURNS)} answered")
            ids, consent_answer = handled(profile, conv)
            if ids != [mid for mid, _ in answered]:
                problems.append(f"{conv}: Rasa handled {ids}, the client was answered {[m for m, _ in answered]}")
            # Stored from the consent answer on; nothing without consent (the consent answer can
            # get the fallback reply while the action server is down: then the coach asks again).
            expected = [] if consent_answer is None else answered[consent_answer:]
            without_consent += consent_answer is None
            stored = stored_client_turns(engine, conv)
            if stored != expected:
                problems.append(f"{conv}: stored {[m for m, _ in stored]} answered {[m for m, _ in expected]}")
            if repeated_records(engine, conv):
                problems.append(f"{conv}: a stage assessment, TPB answer or ruler score stored twice")
    finally:
        engine.dispose()

    result = {
        "seed": seed,
        "conversations": CHAOS_CONVERSATIONS,
        "turns_per_conversation": len(TURNS),
        "messages_answered": sum(len(a) for a in view.answered.values()),
        "errors_seen_by_client": sum(view.errors.values()),
        "errors_by_kind": dict(view.errors),
        "fallback_replies": view.fallbacks,
        "conversations_without_consent": without_consent,
        "elapsed_s": round(elapsed, 1),
        "faults": timeline,
        "problems": problems[:20],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "chaos.json").write_text(json.dumps(result, indent=2) + "\n")
    print("\nchaos:", json.dumps(result))

    assert not view.unexpected, view.unexpected[:10]
    assert not problems, problems[:10]
    assert any("postgres" in t for t in timeline) and any("actions" in t for t in timeline), timeline
    assert view.errors, "the faults were felt: the client saw errors and sent its messages again"

    time.sleep(1)
    for path in (profile.dir / "log").glob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), f"message text in {path}"
