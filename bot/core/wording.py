"""Dutch wording kept in YAML files: reading them, validating them, choosing a text.

Shared by the coach (bot/coach/coach.yml) and the workspace summary (bot/workspace/summary.yml).
"""

from __future__ import annotations

import hashlib
import random
import string
from pathlib import Path
from typing import Any, Dict, Iterable, Sequence

import yaml


class ContentError(ValueError):
    """A wording file (coach.yml, summary.yml) is incomplete or uses a placeholder where none is filled in."""


def _placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class YamlTexts:
    """Dutch wording loaded from a YAML file, validated on load, read by dotted path."""

    def __init__(self, data: Dict[str, Any], source: str):
        self.data = data
        self.source = source
        self._validate()

    def _validate(self) -> None:  # subclasses check their required keys and placeholders
        pass

    def get(self, path: str) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"{self.source}: missing '{path}'")
            node = node[part]
        return node


def read_yaml(p: Path) -> Any:
    """A wording file's data; invalid YAML becomes a ContentError naming the file."""
    try:
        return yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(f"{p.name}: not valid YAML: {exc}") from exc


def text_id(text: str) -> str:
    """Short stable id of a text, to remember what was already said."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def pick(options: Sequence[str], used: Iterable[str], rng: random.Random) -> str:
    """Choose a text not said before in this conversation while alternatives remain."""
    used_ids = set(used)
    fresh = [o for o in options if text_id(o) not in used_ids]
    return rng.choice(fresh or list(options))
