"""Choose MITI classifier settings on a dev split of the *training* data (never the
held-out set): `python -m bench.miti_devsplit`. Prints dev macro-F1 and train time."""

from __future__ import annotations

import random
import time

from bot.understanding import miti as c
from bot.understanding.evaluation import evaluate
from bot.understanding.miti_codes import CODES


def split(pairs, dev_share=0.2, seed=7):
    rng = random.Random(seed)
    by = {}
    for p in pairs:
        by.setdefault(p[1], []).append(p)
    train, dev = [], []
    for items in by.values():
        rng.shuffle(items)
        k = int(len(items) * dev_share)
        dev += items[:k]
        train += items[k:]
    return train, dev


def run(name, epochs, use_features=True):
    original = c.features
    if not use_features:
        c.features = lambda t: " ".join((t or "").split())
    try:
        train, dev = split(c.load_training())
        t0 = time.perf_counter()
        nlp = c.train(train, epochs=epochs)
        secs = time.perf_counter() - t0
        clf = c.MitiClassifier(nlp)
        pred = [x.code for x in clf.code_many([t for t, _ in dev])]
        rep = evaluate([code for _, code in dev], pred, CODES)
        print(f"{name:<28} epochs={epochs:<3} dev macro-F1={rep.macro_f1:.3f}  train {secs:.0f}s", flush=True)
    finally:
        c.features = original


if __name__ == "__main__":
    run("hybrid features", 12)
    run("hybrid features", 20)
    run("text only", 20, use_features=False)
