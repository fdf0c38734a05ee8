"""Held-out evaluation: the real trained model on sets kept apart from the training data.

data/heldout/stage_heldout.yml, talk_type_heldout.yml, crisis_heldout.yml,
stage_talk_heldout5.yml, miti_heldout.yml and safety_heldout*.yml were written separately from
data/ (other writers, other wording, other situations) and are never used in training or tuning.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.core.stages import NO_STAGE, STAGES
from bot.core.wording import read_yaml
from bot.understanding.evaluation import Calibration, Report, calibration, evaluate
from bot.understanding.nlu_result import classification
from bot.understanding.safety import data as safety_data
from bot.understanding.safety.evaluation import AnswerReport, SafetyReport, answer_report, report

HELDOUT_DIR = Path(__file__).resolve().parents[2] / "data" / "heldout"
SETS = {
    "stage": ("stage_heldout.yml", "stage"),
    "talk_type": ("talk_type_heldout.yml", "talk_type"),
    "crisis": ("crisis_heldout.yml", "crisis"),
    # written by a fifth writer in the style of real client speech (forum posts, newspaper quotes,
    # messages to a jobcoach; a third long), who never saw any training data: measured, never tuned on
    "stage_fresh": ("stage_talk_heldout5.yml", "stage"),
    "talk_type_fresh": ("stage_talk_heldout5.yml", "talk_type"),
}


def load_set(name: str, directory: Path = HELDOUT_DIR) -> List[Tuple[str, str]]:
    filename, field = SETS[name]
    data = read_yaml(directory / filename)
    return [(e["text"], str(e[field]).lower()) for e in data["examples"]]


def classify_texts(
    agent: Any,
    texts: List[str],
    progress: Optional[Callable[[int, int], None]] = None,
    loop: Optional[asyncio.AbstractEventLoop] = None,
) -> List[Dict[str, Any]]:
    loop = loop or asyncio.new_event_loop()
    out = []
    for i, text in enumerate(texts, 1):
        out.append(classification(loop.run_until_complete(agent.parse_message(text))))
        if progress:
            progress(i, len(texts))
    return out


def run_all(
    agent: Any, directory: Path = HELDOUT_DIR, loop: Optional[asyncio.AbstractEventLoop] = None, progress: bool = False
) -> Dict[str, Report]:
    reports: Dict[str, Report] = {}
    for name in SETS:
        examples = load_set(name, directory)
        texts = [t for t, _ in examples]
        truth = [label for _, label in examples]

        def show(done: int, total: int, name: str = name) -> None:
            if progress and (done % 20 == 0 or done == total):
                print(f"\r{name}: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

        results = classify_texts(agent, texts, show, loop)
        field = SETS[name][1]
        if field == "stage":
            predicted = [r["stage"] for r in results]
            reports[name] = evaluate(truth, predicted, STAGES, [NO_STAGE])
            reports[name].calibration = calibration(truth, predicted, [r["confidence"] for r in results])
        elif field == "talk_type":
            predicted = [r["talk_type"] for r in results]
            reports[name] = evaluate(truth, predicted, ("change", "sustain", "neutral"))
            reports[name].calibration = calibration(truth, predicted, [r["talk_type_confidence"] for r in results])
        else:
            reports[name] = evaluate(truth, [str(r["crisis"]).lower() for r in results], ("true",), ["false"])
    return reports


def safety_report(
    agent: Any, files=None, loop: Optional[asyncio.AbstractEventLoop] = None, progress: bool = False
) -> Tuple[SafetyReport, AnswerReport]:
    """The safety held-out set(s) through the real trained model: recall per crisis category,
    false alarms per kind of ordinary message; and the replies to the safety question."""
    loaded = safety_data.load(files or safety_data.HELDOUT_FILES)
    texts = [e.text for e in loaded.examples]

    def show(done: int, total: int) -> None:
        if progress and (done % 50 == 0 or done == total):
            print(f"\rsafety: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    results = classify_texts(agent, texts, show, loop)
    return report(loaded.examples, [r["crisis_level"] for r in results]), answer_report(loaded.answers)


# -- calibration per head ---------------------------------------------------------------
def head_sets(directory: Path = HELDOUT_DIR) -> Dict[str, Tuple[List[str], List[str]]]:
    """(texts, true labels) per head, every held-out set of that head together. The crisis
    head's labels are "1" (crisis) and "0" (ok or weak), as it is trained."""
    from bot.understanding import miti

    out: Dict[str, Tuple[List[str], List[str]]] = {}
    for head, names in (("stage", ("stage", "stage_fresh")), ("talk_type", ("talk_type", "talk_type_fresh"))):
        pairs = [p for name in names for p in load_set(name, directory)]
        out[head] = ([t for t, _ in pairs], [label for _, label in pairs])
    pairs = miti.load_heldout(directory / "miti_heldout.yml")
    out["miti"] = ([t for t, _ in pairs], [c for _, c in pairs])
    crisis = [(e["text"], "1" if e["crisis"] else "0") for e in read_yaml(directory / "crisis_heldout.yml")["examples"]]
    files = sorted(directory.glob("safety_heldout*.yml"))
    crisis += [(e.text, "1" if e.label == "crisis" else "0") for e in safety_data.load(files).examples]
    out["crisis"] = ([t for t, _ in crisis], [label for _, label in crisis])
    return out


@dataclass
class HeadCalibration:
    temperature: float
    before: Calibration  # the head's own probabilities (temperature 1)
    after: Calibration  # with the temperature fitted out of writer on the training data
    examples: int

    def format(self, title: str) -> str:
        before, after = self.before.format("x").splitlines()[4:], self.after.format("x").splitlines()[4:]
        lines = [
            f"== {title}: calibration, {self.examples} held-out examples ==",
            f"temperature {self.temperature:.3f}   ECE before {self.before.ece:.3f}   after {self.after.ece:.3f}",
            "",
            f"{'before (temperature 1)':<40}after",
            f"{'confidence   n   mean conf  accuracy':<40}confidence   n   mean conf  accuracy",
        ]
        for i in range(max(len(before), len(after))):
            left = before[i] if i < len(before) else ""
            right = after[i] if i < len(after) else ""
            lines.append(f"{left:<40}{right}")
        return "\n".join(lines)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "temperature": self.temperature,
            "examples": self.examples,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
        }


def head_calibration(heads: Dict[str, Any], directory: Path = HELDOUT_DIR) -> Dict[str, HeadCalibration]:
    """Reliability of each head's confidence (its top class) on its held-out sets, before
    and after its temperature. `heads`: {"stage", "talk_type", "miti", "crisis": TextHead}."""
    from bot.understanding.text_head import with_temperature

    sets = head_sets(directory)
    out: Dict[str, HeadCalibration] = {}
    for name, head in heads.items():
        texts, truth = sets[name]
        raw = head.raw_probabilities(texts)
        results = []
        for probs in (raw, with_temperature(raw, head.temperature)):
            predicted = [head.labels[i] for i in probs.argmax(axis=1)]
            results.append(calibration(truth, predicted, probs.max(axis=1).tolist()))
        out[name] = HeadCalibration(head.temperature, results[0], results[1], len(texts))
    return out
