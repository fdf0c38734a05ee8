"""The safety data sets: training data by several writers, held-out sets by others.

data/understanding/safety/train_<writer>.yml  training data, one file per writer, each with
                                              its own brief (the file's `brief`)
data/heldout/safety_heldout*.yml              held-out sets, written by writers who never saw
                                              the training data; never used for training or tuning

Format and labels: docs/labelling.md, section 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from bot.core.wording import ContentError, read_yaml
from bot.understanding.safety.answers import ANSWERS
from bot.understanding.safety.lexicon import CATEGORIES

ROOT = Path(__file__).resolve().parents[3]
TRAIN_DIR = ROOT / "data" / "understanding" / "safety"
HELDOUT_FILES = tuple(sorted((ROOT / "data" / "heldout").glob("safety_heldout*.yml")))
LABELS = ("crisis", "weak", "ok")


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # crisis / weak / ok
    category: Optional[str]  # for crisis: one of CATEGORIES
    kind: Optional[str]  # for ok in held-out sets: near_miss / ordinary / plan / yes_no / angry_sarcastic
    writer: str


@dataclass(frozen=True)
class Answer:
    text: str
    label: str  # one of ANSWERS
    writer: str


@dataclass(frozen=True)
class SafetySet:
    examples: List[Example]
    answers: List[Answer]


def _answer_label(value) -> str:
    # YAML 1.1 reads an unquoted yes / no as a boolean
    return {True: "yes", False: "no"}.get(value, value)


def load_file(path: Path) -> SafetySet:
    data = read_yaml(path)
    writer = str(data.get("writer") or path.stem)
    examples, answers = [], []
    for i, item in enumerate(data.get("examples") or [], 1):
        label, category = item.get("label"), item.get("category")
        if label not in LABELS or not str(item.get("text") or "").strip():
            raise ContentError(f"{path}: example {i}: label must be one of {LABELS} and text non-empty")
        if (label == "crisis") != (category in CATEGORIES):
            raise ContentError(f"{path}: example {i}: a crisis example needs one of {CATEGORIES}, others none")
        examples.append(Example(item["text"], label, category, item.get("kind"), writer))
    for i, item in enumerate(data.get("answers") or [], 1):
        label = _answer_label(item.get("label"))
        if label not in ANSWERS:
            raise ContentError(f"{path}: answer {i}: label must be one of {ANSWERS}")
        answers.append(Answer(item["text"], label, writer))
    return SafetySet(examples, answers)


def load(paths) -> SafetySet:
    examples: List[Example] = []
    answers: List[Answer] = []
    for path in paths:
        one = load_file(Path(path))
        examples += one.examples
        answers += one.answers
    return SafetySet(examples, answers)


def training_files(directory: Path = TRAIN_DIR) -> List[Path]:
    files = sorted(directory.glob("train_*.yml"))
    if not files:
        raise ContentError(f"no safety training data in {directory}")
    return files


def nlu_examples(crisis_intent: str = "crisis") -> Tuple[List[str], List[str]]:
    """(crisis texts, other texts) from the Rasa NLU files."""
    from bot.understanding.training_data import nlu_examples_by_intent

    crisis, other = [], []
    for intent, texts in nlu_examples_by_intent().items():
        (crisis if intent == crisis_intent else other).extend(texts)
    return crisis, other
