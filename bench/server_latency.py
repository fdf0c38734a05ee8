"""Cold start, REST round-trip latency and memory of the running coach.

Starts the same three processes as `make run` (action server, Rasa with auth token,
chat page) on free loopback ports with a throw-away SQLite database, then:
* cold start: process start -> first answer through the chat page's API;
* latency: >= 200 messages through Rasa's REST channel (and so the action server),
  in conversations of 12 messages, p50/p95/p99, each message a string not seen before
  (`distinct`); plus the same through the chat page;
* where the time goes: the same texts through Rasa's HTTP API `/model/parse` (the NLU
  pipeline alone: featurizers, intent classifier, the heads, the encoder; no actions);
* resident memory of each process afterwards.
"""

from __future__ import annotations

import json
import os
import sys
import time

from bench.common import rss_mb, summary_ms, write
from bench.stack import post, running_stack
from bot.rasa_adapter.message_ids import new_message_id

CONVERSATION = [
    "/greet",
    "ja, dat is goed",
    "ik doe al twee jaar vrijwilligerswerk bij de voedselbank",
    "eigenlijk zou ik wel weer betaald werk willen, maar ik twijfel",
    "mijn rug is niet meer wat het was",
    "mijn dochter zegt dat ik het moet proberen",
    "een 6",
    "omdat ik mijn collega's mis",
    "ik weet niet of ik het volhoud",
    "misschien een paar uur per week",
    "ik ga erover nadenken",
    "dat is het wel zo'n beetje",
]


def distinct(text: str, conversation: int) -> str:
    """The same words, a different string per conversation (trailing spaces, which neither the
    n-grams nor the encoder see): the encoder keeps the last 64 texts in memory, and a client's
    messages are not repeats of another's."""
    return text if text.startswith("/") else text + " " * conversation


def main(messages: int = 216) -> dict:
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    with running_stack() as stack:
        rasa_url, web_url, procs = stack.rasa_url, stack.web_url, stack.procs
        t0 = stack.started_at
        first = post(
            f"{web_url}/api/message",
            {
                "conversation_id": "bench-cold-0001",
                "client_id": "bench-client-01",
                "message_id": new_message_id(),
                "text": "/greet",
            },
        )
        cold_start = time.monotonic() - t0
        assert first["messages"], "no answer"
        print(f"cold start (process start -> first answer via chat page): {cold_start:.1f} s", file=sys.stderr)

        rest, web = [], []
        rounds = messages // len(CONVERSATION)
        for i in range(rounds):
            for text in CONVERSATION:
                t = time.monotonic()
                reply = post(
                    f"{rasa_url}/webhooks/rest/webhook",
                    {
                        "sender": f"bench-rest-{i:04d}",
                        "message": distinct(text, i),
                        "metadata": {"client_id": "bench-client-01", "message_id": new_message_id()},
                    },
                )
                rest.append(time.monotonic() - t)
                assert reply, f"empty reply to message {len(rest)}"
        for i in range(4):
            for text in CONVERSATION:
                t = time.monotonic()
                post(
                    f"{web_url}/api/message",
                    {
                        "conversation_id": f"bench-web-{i:04d}",
                        "client_id": "bench-client-01",
                        "message_id": new_message_id(),
                        "text": distinct(text, rounds + i),
                    },
                )
                web.append(time.monotonic() - t)
        parse = []
        for i in range(100):
            t = time.monotonic()
            text = distinct(CONVERSATION[i % len(CONVERSATION)], rounds + 4 + i // len(CONVERSATION))
            post(f"{rasa_url}/model/parse?token={stack.token}", {"text": text})
            parse.append(time.monotonic() - t)
        result = {
            "load_average_at_start": load_at_start,
            "cold_start_s": round(cold_start, 1),
            "rest_round_trip": summary_ms(rest),
            "nlu_parse_only": summary_ms(parse),
            "chat_page_round_trip": summary_ms(web),
            "rss_mb": {name: rss_mb(p.pid) for name, p in procs.items()},
            "messages_per_conversation": len(CONVERSATION),
        }
        print(json.dumps(result, indent=2), file=sys.stderr)
        return result


if __name__ == "__main__":
    write("server", main())
