"""`overstap chat`: talk with the coach in the terminal, with the real model in-process.

The action server runs as a child process on a free loopback port; transcripts are
stored exactly as in the web chat.
"""

from __future__ import annotations

import asyncio
import secrets
import sys
import time
from pathlib import Path

from bot.rasa_adapter.agent_loader import load_agent
from bot.rasa_adapter.agent_loader import send as send_message
from bot.rasa_adapter.message_ids import new_message_id
from bot.run import processes

PROMPT = "u> "
RETRY_DELAYS_S = (1.0, 2.0, 4.0)  # the database briefly unavailable: the same message again


def run(model: Path) -> int:
    from bot.db.migrate import upgrade
    from bot.rasa_adapter.tracker_store import TranscriptTrackerStore

    upgrade()
    port = processes.free_port()
    actions = processes.action_server(port)
    try:
        print("Coach wordt gestart, een ogenblik …", file=sys.stderr, flush=True)
        agent = load_agent(model, f"http://127.0.0.1:{port}/webhook", TranscriptTrackerStore())
        processes.wait_http(f"http://127.0.0.1:{port}/health", actions, 60, "action server")
        sender = "term-" + secrets.token_hex(8)
        client_id = "term-" + secrets.token_hex(8)
        loop = asyncio.new_event_loop()

        def send(text: str) -> None:
            # One id per message, the same for each attempt: the coach handles it once.
            metadata = {"client_id": client_id, "message_id": new_message_id()}
            replies = None
            for delay in RETRY_DELAYS_S + (None,):
                try:
                    replies = loop.run_until_complete(send_message(agent, text, sender, metadata))
                    break
                except (Exception, asyncio.CancelledError):  # noqa: BLE001 - StoreUnavailable is a CancelledError
                    if delay is None:
                        print(
                            "coach> Er ging iets mis aan onze kant. Uw bericht is niet verwerkt: stuur het zo nog eens."
                        )
                        return
                    time.sleep(delay)
            if not replies:
                print("coach> Sorry, er ging iets mis. Probeer het nog eens.")
            for reply in replies:
                if reply.get("text"):
                    for i, line in enumerate(reply["text"].splitlines()):
                        print(("coach> " if i == 0 else "       ") + line)

        print("(Typ uw bericht en druk op Enter. Stoppen: Ctrl-D of Ctrl-C.)\n")
        send("/greet")
        while True:
            try:
                text = input(PROMPT)
            except EOFError:
                print()
                break
            send(text)
    except KeyboardInterrupt:
        print()
    finally:
        processes.stop(actions)
    return 0
