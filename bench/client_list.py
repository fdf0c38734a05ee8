"""The professional's client list at municipal scale: 2,000 clients with 20,000
conversations (turns, stage assessments, some safety flags) in a temporary SQLite database,
one professional owning them all (the worst case for one list). Prints the time of the
list page over HTTP (the FastAPI app in-process, log-in cookie, no network) for the
default page, each sort, the filters, a search and a far page, plus the client page.

    python -m bench.client_list [--clients 2000] [--conversations 20000] [--runs 15]

Figures, not a test: nothing here fails. They depend on the machine and its load (printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.common import summary_ms

STAGES = ("precontemplation", "contemplation", "preparation", "action", "maintenance")
TURNS_PER_CONVERSATION = 8  # 4 client messages and 4 coach messages


def seed(url: str, n_clients: int, n_conversations: int, rng: random.Random) -> int:
    """Bulk-insert the data set; returns the owner's id."""
    from sqlalchemy import insert

    from bot.accounts import accounts
    from bot.db import conversation_stats
    from bot.db.engine import get_engine, session_scope
    from bot.db.models import Client, Conversation, SafetyFlag, StageAssessment, Turn

    with session_scope(url) as s:
        owner = accounts.create_professional(s, "bench@gemeente.example", "Bench", "bench-wachtwoord-1")
        owner_id = owner.id
    start = dt.datetime(2024, 1, 1, 8, 0)
    client_rows = [
        {
            "id": f"cl-bench{n:06d}",
            "owner_id": owner_id,
            "pseudonym": f"{chr(65 + n % 26)}.{chr(65 + n // 26 % 26)}. {n}",
            "created_at": start,
            "next_gesprek": (dt.date(2026, 1, 1) + dt.timedelta(days=n % 300)) if n % 4 else None,
        }
        for n in range(n_clients)
    ]
    convs, turns, assessments, flags = [], [], [], []
    for k in range(n_conversations):
        client_id = client_rows[rng.randrange(n_clients)]["id"]
        started = start + dt.timedelta(minutes=rng.randrange(60 * 24 * 600))
        cid = f"bench{k:07d}@{k}"
        convs.append(
            {
                "id": cid,
                "client_id": client_id,
                "sender_id": f"bench{k:07d}",
                "started_at": started,
                "consent": "given",
                "flagged": False,
                "target_behaviour": "stappen richting betaald werk",
            }
        )
        for seq in range(1, TURNS_PER_CONVERSATION + 1):
            speaker = "client" if seq % 2 == 0 else "coach"
            turns.append(
                {
                    "conversation_id": cid,
                    "seq": seq,
                    "speaker": speaker,
                    "text": "tekst",
                    "created_at": started + dt.timedelta(minutes=seq),
                }
            )
        for turn in (2, 4):
            assessments.append(
                {
                    "conversation_id": cid,
                    "client_turn": turn,
                    "stage": rng.choice(STAGES + (None,)),
                    "confidence": rng.random(),
                    "evidence_count": turn,
                    "created_at": started,
                }
            )
        if rng.random() < 0.05:
            kind = rng.choice(("crisis", "possible_crisis", "check_declined"))
            flags.append({"conversation_id": cid, "kind": kind, "created_at": started})
    with get_engine(url).begin() as conn:
        for model, rows in (
            (Client, client_rows),
            (Conversation, convs),
            (Turn, turns),
            (StageAssessment, assessments),
            (SafetyFlag, flags),
        ):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(model), rows[i : i + 5000])
        conversation_stats.refresh(conn)  # bulk inserts bypass the ORM sessions that keep these
    print(
        f"seeded {len(client_rows)} clients, {len(convs)} conversations, {len(turns)} turns, "
        f"{len(assessments)} assessments, {len(flags)} safety flags",
        file=sys.stderr,
    )
    return owner_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='overstap-bench-list-')) / 'bench.db'}"
    os.environ["DATABASE_URL"] = url
    from fastapi.testclient import TestClient

    from bot.accounts import accounts
    from bot.db.engine import session_scope
    from bot.db.migrate import upgrade
    from bot.web.app import create_app
    from bot.web.pages import SESSION_COOKIE

    upgrade(url)
    t = time.monotonic()
    seed(url, args.clients, args.conversations, random.Random(2026))
    print(f"seeding took {time.monotonic() - t:.1f} s", file=sys.stderr)
    with session_scope(url) as s:
        token = accounts.log_in(s, "bench@gemeente.example", "bench-wachtwoord-1", "127.0.0.1").session_token
    app = create_app("http://127.0.0.1:9", database_url=url)
    pages = {
        "default (next gesprek), page 1": "/pro/clients",
        "sort: last chat": "/pro/clients?sort=last_chat",
        "sort: stage": "/pro/clients?sort=stage",
        "sort: safety": "/pro/clients?sort=safety",
        "filter: crisis confirmed": "/pro/clients?veiligheid=confirmed",
        "filter: stage action + sort last chat": "/pro/clients?fase=action&sort=last_chat",
        "filter: no chat yet": "/pro/clients?geen_chat=1",
        "search: pseudonym": "/pro/clients?zoek=A.B.",
        "page 40": "/pro/clients?pagina=40",
        "client page (10 conversations)": "/pro/clients/cl-bench000007",
    }
    print(
        f"\n{args.clients} clients, {args.conversations} conversations, {args.runs} runs each; "
        f"{os.cpu_count()} CPUs, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"{'page':42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    with TestClient(app, base_url="https://testserver") as browser:
        browser.cookies.set(SESSION_COOKIE, token)
        for label, path in pages.items():
            times = []
            for _ in range(args.runs + 1):
                t = time.perf_counter()
                response = browser.get(path)
                times.append(time.perf_counter() - t)
                assert response.status_code == 200, (path, response.status_code)
            figures = summary_ms(times[1:])  # the first run warms caches and templates
            print(f"{label:42} {figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f} {figures['max_ms']:8.1f}")


if __name__ == "__main__":
    main()
