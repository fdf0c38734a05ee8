"""The stage-of-change head: a property of what the client says about their situation,
classified on its own (five stages + `none`), not read off the dialogue-act intent.

Training data (labels: docs/labelling.md, section 2):
* the stage intents' examples in the Rasa NLU data (writer "nlu"), and the pure dialogue
  acts' examples as `none` (greetings, questions, numbers ...; see NOT_STAGE_DATA);
* data/understanding/stage/train_<writer>.yml, one file per independent writer.
Held out: data/heldout/stage_heldout*.yml, never used for training or tuning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.core.stages import NO_STAGE, STAGES, stage_from_intent
from bot.core.wording import ContentError, read_yaml
from bot.understanding.text_head import TextHead, fit_head
from bot.understanding.training_data import UNDERSTANDING_DIR, nlu_examples_by_intent

__all__ = ["NO_STAGE", "STAGE_LABELS", "fit", "reading", "training_set", "writer_files"]

STAGE_LABELS: Tuple[str, ...] = (*STAGES, NO_STAGE)
TALK_TYPES: Tuple[str, ...] = ("change", "sustain", "neutral")
STAGE_DIR = UNDERSTANDING_DIR / "stage"
# Intents whose examples are no stage data: crisis messages are the safety layer's, and
# explain_situation holds statements about the client's situation whose stage nobody labelled
# (as `none` they taught the head that "Ik doe vrijwilligerswerk bij de bibliotheek" says nothing).
NOT_STAGE_DATA = {"crisis", "explain_situation"}


@dataclass(frozen=True)
class Labelled:
    text: str
    stage: str
    talk_type: Optional[str]
    writer: str


def load_file(path: Path) -> List[Labelled]:
    data = read_yaml(path)
    writer = str(data.get("writer") or path.stem)
    out = []
    for i, item in enumerate(data.get("examples") or [], 1):
        text, stage, talk = str(item.get("text") or "").strip(), item.get("stage"), item.get("talk_type")
        if not text or stage not in STAGE_LABELS or (talk is not None and talk not in TALK_TYPES):
            raise ContentError(
                f"{path}: example {i}: needs text, a stage in {STAGE_LABELS}, a talk type in {TALK_TYPES}"
            )
        out.append(Labelled(text, stage, talk, writer))
    return out


def writer_files(directory: Path = STAGE_DIR) -> List[Path]:
    return sorted(directory.glob("train_*.yml"))


def training_set() -> List[Labelled]:
    examples: List[Labelled] = []
    for intent, texts in nlu_examples_by_intent().items():
        if intent in NOT_STAGE_DATA:
            continue
        stage = stage_from_intent(intent) or NO_STAGE
        examples += [Labelled(t, stage, None, "nlu") for t in texts]
    for path in writer_files():
        examples += load_file(path)
    return examples


def fit(examples: Optional[List[Labelled]] = None, calibrate: bool = True, **kwargs) -> TextHead:
    """The head; `calibrate`: its temperature fitted out of writer (one extra fit per writer)."""
    examples = training_set() if examples is None else examples
    groups = [e.writer for e in examples] if calibrate and len({e.writer for e in examples}) > 1 else None
    return fit_head([e.text for e in examples], [e.stage for e in examples], calibrate_groups=groups, **kwargs)


def reading(head: TextHead, text: str) -> Dict[str, object]:
    """What the Rasa component adds to the parse: {"name", "confidence", "ranking"}."""
    ranking = head.ranking(text)
    return {
        "name": ranking[0][0],
        "confidence": round(ranking[0][1], 4),
        "ranking": [{"name": n, "confidence": round(c, 4)} for n, c in ranking],
    }
