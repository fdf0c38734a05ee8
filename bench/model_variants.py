"""Compare dialogue-model configurations honestly: training time, load time (what every
start pays), parse latency and held-out accuracy, on the same data and machine.

Variants: config.yml (LogisticRegression + CRF, rules + memoization, no TED),
bench/configs/diet_ted.yml (Rasa's default DIET + TED), and
bench/configs/diet_eager_ted.yml (DIET with run_eagerly + TED).
Training uses a fresh Rasa cache and no sentence-encoder cache (var/cache/encoder is moved
aside meanwhile, then put back), so every variant pays the heads and the encoding of their
training data as `overstap train` does on a fresh checkout. The command is the one
`overstap train` runs (bot.rasa_adapter.rasa_model.ensure_trained), into a temporary folder.
`--encoder-cache` keeps the cache: what a retrain after a change of data or code pays.

    python -m bench.model_variants [lr_rules diet_ted ...] [--encoder-cache]
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import RESULTS, summary_ms
from bot.core.runtime import child_env
from bot.rasa_adapter.rasa_model import RASA_DATA

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {
    "lr_rules (config.yml)": "config.yml",
    "diet_ted": "bench/configs/diet_ted.yml",
    "diet_eager_ted": "bench/configs/diet_eager_ted.yml",
    "diet_eager_rules": "bench/configs/diet_eager_rules.yml",
}
PARSE_TEXTS = [
    "ik wil wel weer werken maar mijn rug",
    "een 7",
    "ik heb drie sollicitaties verstuurd",
    "hallo",
    "ik weet het niet goed",
] * 20


def measure_in_child(model: Path) -> dict:
    """Load and parse in a fresh process, so each variant pays its own imports."""
    code = f"""
import asyncio, json, time
t0 = time.monotonic()
from bot.rasa_adapter.agent_loader import load_agent
from bot.understanding.heldout import run_all
t1 = time.monotonic()
agent = load_agent({str(model)!r})
t2 = time.monotonic()
loop = asyncio.new_event_loop()
times = []
for text in {PARSE_TEXTS!r}:
    t = time.monotonic(); loop.run_until_complete(agent.parse_message(text)); times.append(time.monotonic() - t)
reports = run_all(agent, loop=loop)
print("RESULT" + json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "parse": times,
      "stage_macro_f1": reports["stage"].macro_f1, "talk_type_macro_f1": reports["talk_type"].macro_f1,
      "crisis_recall": reports["crisis"].recall["true"],
      "stage_fresh_macro_f1": reports["stage_fresh"].macro_f1,
      "talk_type_fresh_macro_f1": reports["talk_type_fresh"].macro_f1}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=1800
    )
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT"))
    import json

    return json.loads(line[len("RESULT") :])


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def no_encoder_cache():
    """Training from scratch: the training data's embeddings are not on disk meanwhile."""
    from bot.understanding.encoder import CACHE_DIR

    aside = None
    if CACHE_DIR.exists():
        aside = Path(tempfile.mkdtemp(prefix="overstap-encoder-cache-")) / "encoder"
        shutil.move(str(CACHE_DIR), str(aside))
    try:
        yield
    finally:
        if aside is not None:
            shutil.rmtree(CACHE_DIR, ignore_errors=True)
            shutil.move(str(aside), str(CACHE_DIR))


def main(variants=None, encoder_cache: bool = False) -> dict:
    """`encoder_cache`: keep var/cache/encoder (a retrain after a data change, not a fresh checkout)."""
    results = {}
    for name, config in (variants or VARIANTS).items():
        if encoder_cache:
            name = f"{name} [encoder cache]"
        out_dir = Path(tempfile.mkdtemp(prefix="overstap-variant-"))
        env = child_env(RASA_CACHE_DIRECTORY=str(out_dir / "cache"))
        with contextlib.nullcontext() if encoder_cache else no_encoder_cache():
            cpu = _children_cpu_s()
            t = time.monotonic()
            subprocess.run(
                [
                    str(Path(sys.executable).with_name("rasa")),
                    "train",
                    "--config",
                    config,
                    "--data",
                    *RASA_DATA,
                    "--out",
                    str(out_dir),
                    "--fixed-model-name",
                    "variant",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            train_s = time.monotonic() - t
            train_cpu_s = _children_cpu_s() - cpu
        m = measure_in_child(out_dir / "variant.tar.gz")
        results[name] = {
            "train_s": round(train_s, 1),
            # CPU seconds of the training process: less dependent on what else runs on the 2 cores
            "train_cpu_s": round(train_cpu_s, 1),
            "load_s": round(m["load_s"], 1),
            "parse": summary_ms(m["parse"]),
            "stage_macro_f1": round(m["stage_macro_f1"], 3),
            "talk_type_macro_f1": round(m["talk_type_macro_f1"], 3),
            "crisis_recall": round(m["crisis_recall"], 3),
            "stage_fresh_macro_f1": round(m["stage_fresh_macro_f1"], 3),
            "talk_type_fresh_macro_f1": round(m["talk_type_fresh_macro_f1"], 3),
        }
        print(name, results[name], file=sys.stderr, flush=True)
        record(name, results[name])  # each variant as soon as it is measured (they take long)
    return results


def record(name: str, result: dict) -> None:
    """Merge one variant's figures, with the machine's load at that moment, into the results file."""
    import json

    path = RESULTS / "model_variants.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = {
        "measured_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        **result,
    }
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    chosen = {k: v for k, v in VARIANTS.items() if not names or any(a == k.split()[0] for a in names)}
    main(chosen, encoder_cache="--encoder-cache" in sys.argv[1:])
