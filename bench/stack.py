"""The coach's three processes (action server, Rasa, chat page) on free loopback ports.

The same processes as `make run`, with a throw-away SQLite database, for benchmarks and the
dialogue evaluation that must talk to the real stack.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List

from bot.rasa_adapter.message_ids import new_message_id
from bot.run import processes


@dataclass
class Stack:
    rasa_url: str
    web_url: str
    token: str
    procs: Dict[str, object] = field(default_factory=dict)
    started_at: float = 0.0

    def say(self, conversation_id: str, text: str, client_id: str = "bench-client-01") -> List[str]:
        """One client message through the chat page's API; the coach's messages back."""
        payload = {
            "conversation_id": conversation_id,
            "client_id": client_id,
            "message_id": new_message_id(),
            "text": text,
        }
        return [m["text"] for m in post(f"{self.web_url}/api/message", payload)["messages"]]


def post(url: str, payload: dict):
    req = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


@contextlib.contextmanager
def running_stack() -> Iterator[Stack]:
    from bot.rasa_adapter.rasa_model import ensure_trained

    model = ensure_trained(quiet=True)
    db = Path(tempfile.mkdtemp(prefix="overstap-bench-")) / "bench.db"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    token = secrets.token_urlsafe(16)
    ports = {k: processes.free_port() for k in ("actions", "rasa", "web")}
    stack = Stack(f"http://127.0.0.1:{ports['rasa']}", f"http://127.0.0.1:{ports['web']}", token)
    try:
        stack.started_at = time.monotonic()
        stack.procs["actions"] = processes.action_server(ports["actions"])
        stack.procs["rasa"] = processes.rasa_server(model, ports["rasa"], ports["actions"], token)
        stack.procs["web"] = processes.web_server(ports["web"], stack.rasa_url)
        processes.wait_http(f"http://127.0.0.1:{ports['actions']}/health", stack.procs["actions"], 60, "actions")
        processes.wait_http(f"{stack.web_url}/healthz", stack.procs["web"], 60, "web")
        processes.wait_http(f"{stack.rasa_url}/status?token={token}", stack.procs["rasa"], 300, "rasa")
        yield stack
    finally:
        processes.stop(*stack.procs.values())
