"""Choose the MITI head's settings by leave-one-writer-out cross-validation on the *training*
writers (data/miti/train_<writer>.yml), never on the held-out set:
`python -m bench.miti_cv [--scales 0 1 2 3] [--cs 1 4 16] [--json out.json]`.

Per setting (surface cues on or off, dense_scale, C): pooled macro-F1 over the out-of-writer
predictions, the macro-F1 of each left-out writer, and the expected calibration error before
and after a temperature (the temperature fitted on the other writers' out-of-writer
probabilities, so that the ECE is an honest one too)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Dict, List

import numpy as np

from bot.understanding import miti
from bot.understanding.evaluation import calibration, evaluate
from bot.understanding.miti_codes import CODES
from bot.understanding.text_head import fit_temperature, with_temperature


def plain_text(text: str) -> str:
    from bot.understanding.safety.normalize import canonical

    return canonical(text)


def last_sentence_text(text: str) -> str:
    """The surface cues plus the first word of the last sentence (tried, not kept)."""
    import re

    from bot.understanding.safety.normalize import canonical

    marks = miti.surface_marks(text)
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", " ".join(text.split())) if re.search(r"\w", s)]
    if len(sentences) > 1:
        marks.append("xlaatstbegin" + re.findall(r"[a-zà-ÿ0-9']+", sentences[-1].lower())[0])
    return f"{canonical(text)} {' '.join(marks)}"


PREPARE = {"cues": miti.surface_text, "plain": plain_text, "cues+last": last_sentence_text}


def _calibrated_ece(labels, truth, probs, writers) -> float:
    """Each writer's probabilities scaled by a temperature fitted on the other writers' ones."""
    scaled = np.zeros_like(probs)
    for w in sorted(set(writers)):
        rest = [i for i, x in enumerate(writers) if x != w]
        mine = [i for i, x in enumerate(writers) if x == w]
        t = fit_temperature(probs[rest], [labels.index(truth[i]) for i in rest])
        scaled[mine] = with_temperature(probs[mine], t)
    pred = [labels[i] for i in scaled.argmax(axis=1)]
    return calibration(truth, pred, scaled.max(axis=1).tolist()).ece


def run(scales: List[float], cs: List[float], cues: List[str]) -> Dict[str, Dict]:
    examples = miti.load_examples()
    writers = [e.writer for e in examples]
    print(f"{len(examples)} examples, writers {sorted(set(writers))}", file=sys.stderr)
    out = {}
    for cue in cues:
        prepare = PREPARE[cue]
        for scale in scales:
            for c in cs:
                started = time.perf_counter()
                labels, truth, probs = miti.cross_validate(examples, dense_scale=scale, c=c, prepare=prepare)
                pred = [labels[i] for i in probs.argmax(axis=1)]
                pooled = evaluate(truth, pred, CODES)
                per_writer = {}
                for w in sorted(set(writers)):
                    idx = [i for i, x in enumerate(writers) if x == w]
                    per_writer[w] = round(evaluate([truth[i] for i in idx], [pred[i] for i in idx], CODES).macro_f1, 4)
                raw_ece = calibration(truth, pred, probs.max(axis=1).tolist()).ece
                name = f"{cue} dense_scale={scale:g} C={c:g}"
                out[name] = {
                    "macro_f1": round(pooled.macro_f1, 4),
                    "per_writer": per_writer,
                    "f1": pooled.f1,
                    "ece_raw": round(raw_ece, 4),
                    "ece_calibrated": round(_calibrated_ece(labels, truth, probs, writers), 4),
                    "temperature_all": fit_temperature(probs, [labels.index(t) for t in truth]),
                    "seconds": round(time.perf_counter() - started, 1),
                }
                r = out[name]
                print(
                    f"{name:<34} macro-F1 {r['macro_f1']:.3f}  per writer "
                    + " ".join(f"{w}={f:.3f}" for w, f in per_writer.items())
                    + f"  ECE {r['ece_raw']:.3f} -> {r['ece_calibrated']:.3f} (T={r['temperature_all']})"
                    + f"  {r['seconds']:.0f}s",
                    flush=True,
                )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.0, 1.0, 2.0, 3.0, 4.0])
    parser.add_argument("--cs", type=float, nargs="+", default=[1.0, 4.0, 16.0])
    parser.add_argument("--cues", nargs="+", default=["cues", "plain"], choices=sorted(PREPARE))
    parser.add_argument("--json")
    args = parser.parse_args()
    result = run(args.scales, args.cs, args.cues)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
