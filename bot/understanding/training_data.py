"""Reading the project's training data without Rasa: the NLU files (examples per intent,
entity annotations removed) and the per-writer files under data/understanding/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

from bot.core.wording import read_yaml

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
UNDERSTANDING_DIR = ROOT / "data" / "understanding"
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_examples_by_intent(directory: Path = NLU_DIR) -> Dict[str, List[str]]:
    """{intent: [text, ...]} from every Rasa NLU file under `directory`."""
    out: Dict[str, List[str]] = {}
    for path in sorted(directory.rglob("*.yml")):
        for block in read_yaml(path).get("nlu") or []:
            if "intent" not in block:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    out.setdefault(block["intent"], []).append(_ANNOTATION.sub(r"\1", line[2:]).strip())
    return out
