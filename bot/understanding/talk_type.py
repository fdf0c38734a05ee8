"""The talk-type head (change / sustain / neutral, docs/labelling.md section 3), trained
with the shared trainer (bot.understanding.text_head).

Training data: data/classifiers/talk_type.yml (the first writer, by label), and the
talk_type labels of every stage writer's file (data/understanding/stage/train_*.yml).
Held out: data/heldout/talk_type_heldout*.yml, never used for training or tuning.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

from bot.core.wording import ContentError, read_yaml
from bot.understanding import stage
from bot.understanding.text_head import TextHead, fit_head
from bot.understanding.training_data import ROOT

TALK_TYPES: Tuple[str, ...] = ("change", "sustain", "neutral")
FIRST_WRITER_FILE = ROOT / "data" / "classifiers" / "talk_type.yml"


def first_writer(path: Path = FIRST_WRITER_FILE) -> List[stage.Labelled]:
    data = read_yaml(path)
    missing = [t for t in TALK_TYPES if not data.get(t)]
    if missing:
        raise ContentError(f"{path}: no examples for {missing}")
    return [stage.Labelled(str(text), "none", label, "talk_type_yml") for label in TALK_TYPES for text in data[label]]


def training_set(path: Path = FIRST_WRITER_FILE) -> List[stage.Labelled]:
    examples = first_writer(path)
    for file in stage.writer_files():
        examples += [e for e in stage.load_file(file) if e.talk_type]
    return examples


def files(path: Path = FIRST_WRITER_FILE) -> List[Path]:
    """Everything the head is trained from (for the model's fingerprint)."""
    return [path, *stage.writer_files()]


def fit(
    examples: Optional[List[stage.Labelled]] = None, path: Path = FIRST_WRITER_FILE, calibrate: bool = True, **kwargs
) -> TextHead:
    """The head; `calibrate`: its temperature fitted out of writer (one extra fit per writer)."""
    examples = training_set(path) if examples is None else examples
    groups = [e.writer for e in examples] if calibrate and len({e.writer for e in examples}) > 1 else None
    return fit_head([e.text for e in examples], [e.talk_type for e in examples], calibrate_groups=groups, **kwargs)


def predict(head: TextHead, text: str) -> Tuple[str, float]:
    return head.predict(text)
