"""The sentence encoder's cost: load time, latency per utterance (one at a time, as the coach
parses a message, and in batches, as training does), resident memory.

    python -m bench.encoder            -> bench/results/encoder.json
"""

from __future__ import annotations

import os
import time

from bench.common import rss_mb, summary_ms, write

UTTERANCES = [
    "Ik wil graag weer aan het werk, maar mijn rug speelt op.",
    "ja",
    "Volgende week bel ik het uitzendbureau over een baan in het magazijn.",
    "De gemeente wil dat ik solliciteer, maar ik zorg voor mijn moeder en dat kost al mijn energie. "
    "Ik sta drie ochtenden bij de voedselbank en dat vind ik eigenlijk genoeg.",
    "een 7",
]


def main() -> None:
    before = rss_mb(os.getpid())
    t0 = time.perf_counter()
    from bot.understanding.encoder import SentenceEncoder

    encoder = SentenceEncoder(memory_items=0)
    encoder.encode(["warm up"])
    load_s = time.perf_counter() - t0
    single = []
    for i in range(40):
        text = f"{UTTERANCES[i % len(UTTERANCES)]} ({i})"  # distinct, so nothing is cached
        t = time.perf_counter()
        encoder.encode([text])
        single.append(time.perf_counter() - t)
    batch_texts = [f"{u} ({i})" for i in range(40) for u in UTTERANCES]
    t = time.perf_counter()
    encoder.encode(batch_texts)
    batch_ms = (time.perf_counter() - t) * 1000 / len(batch_texts)
    result = {
        "encoder": encoder.fingerprint,
        "load_s": round(load_s, 2),
        "per_utterance_single": summary_ms(single),
        "per_utterance_in_batch_ms": round(batch_ms, 1),
        "rss_added_mb": round(rss_mb(os.getpid()) - before, 1),
    }
    print(result)
    write("encoder", result)


if __name__ == "__main__":
    main()
