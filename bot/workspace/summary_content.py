"""The Dutch wording of the stage summary (bot/workspace/summary.yml), validated on load."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

from bot.core.stages import STAGES
from bot.core.wording import ContentError, YamlTexts, _placeholders, read_yaml

SUMMARY_CONTENT_PATH = Path(__file__).resolve().with_name("summary.yml")
CONSIDERATION_KEYS = ("background", "own_interest", "collective_interest", "appreciation")
APPROACH_KEYS = ("unknown",) + STAGES

# dotted path -> placeholders that text may use
REQUIRED_TEXTS: Dict[str, Iterable[str]] = {
    "thin_evidence.no_assessment": (),
    "thin_evidence.few_turns": ("turns",),
    "thin_evidence.low_confidence": (),
    "confidence_labels.low": (),
    "confidence_labels.medium": (),
    "confidence_labels.high": (),
    "not_discussed": (),
    "no_quotes": (),
    "rulers.importance.label": (),
    "rulers.importance.question": (),
    "rulers.confidence.label": (),
    "rulers.confidence.question": (),
    "rulers.value": ("value",),
    "safety.levels.confirmed": (),
    "safety.levels.possible": (),
    "safety.levels.declined": (),
    "safety.messages.confirmed": (),
    "safety.messages.possible": (),
    "safety.messages.declined": (),
    "safety.turn": (),
    "correction.label": (),
    "chart.title": (),
    "chart.empty": (),
    "chart.no_stage": (),
    "chart.point": ("date", "stage"),
    "chart.point_confidence": ("date", "stage", "confidence"),
    "chart.description_intro": ("count",),
    "chart.safety": ("level",),
    "chart.x_label": (),
    "chart.y_label": (),
}


class SummaryContent(YamlTexts):
    def __init__(self, data: Dict[str, Any], source: str = "summary.yml"):
        super().__init__(data, source)

    def text(self, path: str, **fill: Any) -> str:
        value = self.get(path)
        return value.format(**fill) if fill else value

    # -- validation -------------------------------------------------------------
    def _fail(self, msg: str) -> None:
        raise ContentError(f"{self.source}: {msg}")

    def _check_text(self, path: str, allowed: Iterable[str]) -> None:
        try:
            value = self.get(path)
        except KeyError:
            self._fail(f"missing '{path}'")
        if not isinstance(value, str) or not value.strip():
            self._fail(f"'{path}' must be a non-empty text")
        extra = _placeholders(value) - set(allowed)
        if extra:
            self._fail(f"'{path}' uses unknown placeholder(s) {sorted(extra)}")

    def _check_list(self, path: str, minimum: int = 1, allow_empty_list: bool = False) -> List[Any]:
        try:
            value = self.get(path)
        except KeyError:
            self._fail(f"missing '{path}'")
        if not isinstance(value, list) or (len(value) < minimum and not allow_empty_list):
            self._fail(f"'{path}' must be a list with at least {minimum} item(s)")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self._fail(f"'{path}[{i}]' must be a non-empty text")
            if _placeholders(item):
                self._fail(f"'{path}[{i}]' must not use placeholders")
        return value

    def _validate(self) -> None:
        if not isinstance(self.data, dict):
            self._fail("top level must be a mapping")
        for path, allowed in REQUIRED_TEXTS.items():
            self._check_text(path, allowed)
        for key in CONSIDERATION_KEYS:
            self._check_text(f"consideration.{key}.label", ())
            self._check_text(f"consideration.{key}.explanation", ())
            cues = self._check_list(f"consideration.{key}.cues", minimum=3)
            if any(c != c.lower() for c in cues):
                self._fail(f"'consideration.{key}.cues' must be lowercase")
            self._check_list(f"consideration.{key}.entities", allow_empty_list=True)
        for stage in STAGES:
            self._check_text(f"stage_descriptions.{stage}.general", ())
            self._check_text(f"stage_descriptions.{stage}.with_activity", ("activity",))
        names = self.get("activity_names")
        if not isinstance(names, dict) or not all(isinstance(v, str) and v.strip() for v in names.values()):
            self._fail("'activity_names' must map entity values to non-empty names")
        cues = self._check_list("sustain_cues", minimum=5)
        if any(c != c.lower() for c in cues):
            self._fail("'sustain_cues' must be lowercase")
        for key in APPROACH_KEYS:
            for field in ("title", "focus", "avoid"):
                self._check_text(f"approach.{key}.{field}", ())
            questions = self._check_list(f"approach.{key}.questions", minimum=2)
            if not all(q.rstrip().endswith("?") for q in questions):
                self._fail(f"'approach.{key}.questions' must all be questions")
            self._check_text(f"approach.{key}.personal.activity", ("activity",))
            self._check_text(f"approach.{key}.personal.barrier", ("barrier",))
            for slot in ("activity", "barrier"):
                template = self.get(f"approach.{key}.personal.{slot}")
                if "{" + slot + "}" not in template or template.startswith("{"):
                    self._fail(f"'approach.{key}.personal.{slot}' must use {{{slot}}} mid-sentence")


@functools.lru_cache(maxsize=4)
def load_summary_content(path: Optional[str] = None) -> SummaryContent:
    p = Path(path) if path else SUMMARY_CONTENT_PATH
    return SummaryContent(read_yaml(p), source=p.name)
