"""Held-out evaluation: the real trained model on sets kept apart from the training data.

data/heldout/stage_heldout.yml, talk_type_heldout.yml, crisis_heldout.yml and
stage_talk_heldout5.yml were written separately from data/ (other writers, other wording, other
situations) and are never used in training.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.core.stages import NO_STAGE, STAGES
from bot.core.wording import read_yaml
from bot.understanding.evaluation import Report, calibration, evaluate
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
