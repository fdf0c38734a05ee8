"""What rests on the heads' probabilities, before and after calibration: on the *training*
data, out of writer (never the held-out sets): `python -m bench.calibration_effects`.

For the stage and talk-type heads: each example scored by a head trained without its writer,
the temperature fitted the same way (on the other writers' out-of-writer probabilities), then
* per confidence threshold the coach uses (stage: 0.35 evidence, 0.5 content over a dialogue
  act; talk type: 0.6 a reflection with a direction) the share of messages at or above it and
  how often those readings are right, before and after;
* simulated conversations: N messages of one writer and one true stage in random order, fed
  to `bot.coach.assessment` turn by turn (stage and talk-type evidence): at which turn a stage
  is first named, whether it is the true stage, and the share of conversations whose final
  assessment reaches MIN_NAMED_CONFIDENCE (the summary's "unclear" rule), before and after."""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Dict, List

import numpy as np

from bot.coach import assessment
from bot.core.stages import STAGES
from bot.understanding import stage, talk_type
from bot.understanding.text_head import fit_temperature, out_of_group_probabilities, with_temperature


def out_of_writer(texts, labels, writers):
    names, probs = out_of_group_probabilities(texts, labels, writers)
    truth = [names.index(label) for label in labels]
    scaled = np.zeros_like(probs)
    for w in sorted(set(writers)):
        rest = [i for i, x in enumerate(writers) if x != w]
        mine = [i for i, x in enumerate(writers) if x == w]
        scaled[mine] = with_temperature(probs[mine], fit_temperature(probs[rest], [truth[i] for i in rest]))
    return names, probs, scaled, fit_temperature(probs, truth)


def thresholds(names, labels, probs, cuts) -> Dict[str, Dict]:
    top, conf = probs.argmax(axis=1), probs.max(axis=1)
    right = np.array([names[t] == label for t, label in zip(top, labels)])
    out = {}
    for cut in cuts:
        above = conf >= cut
        out[f">={cut}"] = {
            "share": round(float(above.mean()), 3),
            "accuracy": round(float(right[above].mean()) if above.any() else 0.0, 3),
        }
    out["mean_conf_squared"] = round(float((conf**2).mean()), 3)
    return out


def simulate(stage_names, stage_probs, talk_of, examples, turns: int, runs: int, seed: int = 7) -> Dict:
    """`talk_of[i]` = (talk type, confidence) of example i or None."""
    rng = random.Random(seed)
    groups: Dict[tuple, List[int]] = {}
    for i, e in enumerate(examples):
        if e.stage in STAGES and e.writer != "nlu":
            groups.setdefault((e.writer, e.stage), []).append(i)
    named_at, correct, confident, named = [], 0, 0, 0
    for _ in range(runs):
        key = rng.choice(sorted(groups))
        picks = rng.sample(groups[key], min(turns, len(groups[key])))
        evidence, previous = [], None
        first = None
        for t, i in enumerate(picks, 1):
            row = stage_probs[i]
            best = int(row.argmax())
            talk = talk_of[i]
            evidence += assessment.turn_evidence(
                t, stage_names[best], float(row[best]), talk[0] if talk else None, talk[1] if talk else 0.0
            )
            a = assessment.assess(evidence, previous)
            previous = a.stage
            if a.stage and first is None:
                first = t
        if first is not None:
            named += 1
            named_at.append(first)
            correct += previous == key[1]
            confident += a.confidence >= assessment.MIN_NAMED_CONFIDENCE
    return {
        "named": round(named / runs, 3),
        "mean_turn_first_named": round(float(np.mean(named_at)), 2) if named_at else None,
        "named_correctly": round(correct / max(named, 1), 3),
        "final_confidence_at_least_min_named": round(confident / runs, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--json")
    args = parser.parse_args()
    examples = stage.training_set()
    texts, writers = [e.text for e in examples], [e.writer for e in examples]
    print(f"stage: {len(examples)} examples ...", file=sys.stderr)
    s_names, s_raw, s_cal, s_t = out_of_writer(texts, [e.stage for e in examples], writers)
    talk_examples = talk_type.training_set()
    print(f"talk type: {len(talk_examples)} examples ...", file=sys.stderr)
    t_names, t_raw, t_cal, t_t = out_of_writer(
        [e.text for e in talk_examples], [e.talk_type for e in talk_examples], [e.writer for e in talk_examples]
    )
    # the stage writers' examples carry a talk type too: their out-of-writer talk reading
    index = {(e.writer, e.text): i for i, e in enumerate(talk_examples)}
    result = {"temperature": {"stage": s_t, "talk_type": t_t}}
    for name, sp, tp in (("before", s_raw, t_raw), ("after", s_cal, t_cal)):
        talk_of = []
        for e in examples:
            j = index.get((e.writer, e.text))
            talk_of.append((t_names[int(tp[j].argmax())], float(tp[j].max())) if j is not None else None)
        result[name] = {
            "stage_thresholds": thresholds(s_names, [e.stage for e in examples], sp, (0.35, 0.5)),
            "talk_thresholds": thresholds(t_names, [e.talk_type for e in talk_examples], tp, (0.6,)),
            "conversations": simulate(s_names, sp, talk_of, examples, args.turns, args.runs),
        }
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
