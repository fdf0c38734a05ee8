"""The coach's Dutch wording (bot/coach/coach.yml), validated on load.

The wording lives in YAML so that Dutch-speaking MI trainers can review it per stage and
per purpose without reading Python.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

from bot.coach.reflection import EFFORT_ORDER as EFFORTS
from bot.coach.reflection import MEANING_ORDER as MEANINGS
from bot.core.stages import STAGES
from bot.core.wording import ContentError, YamlTexts, _placeholders, pick, read_yaml, text_id  # noqa: F401 (re-exported)

CONTENT_PATH = Path(__file__).with_name("coach.yml")
TPB_CONSTRUCTS = ("attitude", "social_norm", "self_efficacy", "intention", "barriers", "facilitators")

# Texts that say who reads the conversation have a variant for the open chat.
OPEN_CHAT_SUFFIX = "_open"

# dotted path -> placeholders each text there may use
REQUIRED_LISTS: Dict[str, Sequence[str]] = {
    "reflections.simple": ("echo", "echo_cap"),
    "reflections.other_view": ("echo", "echo_cap"),
    "reflections.double_sided": ("a", "b", "a_cap"),
    **{f"reflections.meaning.{key}": () for key in MEANINGS},
    **{f"affirmations.named.{key}": ("echo_cap",) for key in EFFORTS},
    "reflections.barrier": ("barrier",),
    "reflections.activity": ("activity",),
    "reflections.neutral": (),
    "consideration.background": (),
    "consideration.collective_interest": ("activity",),
    "consideration.own_interest": ("activity",),
    "consideration.perspective": (),
    "rulers.not_a_number": (),
    "rulers.corrected": ("n",),
    "summary.intro": (),
    "summary.closing_intro": (),
    "summary.other_side": ("echo",),
    "summary.check": (),
    "summary.ask_correction": (),
    "summary.correction_thanks": (),
    "summary.goodbye": (),
    "summary.goodbye_open": (),
    "summary.continue_prompt": (),
    "crisis.check": (),
    "crisis.explain": (),
    "crisis.clarify": (),
    "crisis.check_in.exhaustion": (),
    "crisis.check_in.hopelessness": (),
    "crisis.check_in.isolation": (),
    "crisis.check_in.worthlessness": (),
    "crisis.check_in.question": (),
    "crisis.followup": (),
    "crisis.danger_followup": (),
    "crisis.followup_end": (),
    "crisis.danger_followup_end": (),
    "crisis.resume_after_no": (),
    "crisis.resume_unanswered": (),
    "crisis.acknowledge_again": (),
}
SYSTEM_KEYS = (
    "rephrase",
    "empty",
    "too_long",
    "non_dutch",
    "nonsense",
    "out_of_scope",
    "bot_challenge",
    "bot_challenge_open",
    "no_answer",  # a question the knowledge base cannot answer (bot/coach/knowledge.py)
    "thanks",
    "technical_problem",
    "consent_declined",
    "need_consent",
    "closed",
)
CRISIS_TEXTS = (
    "crisis.support",
    "crisis.danger",
    "crisis.owner_told",
    "crisis.nobody_reads",
    "crisis.not_told",
    "crisis.goodbye",
    "crisis.danger_goodbye",
    "crisis.question_later",
)
# Where help is: every support text names it (113 Zelfmoordpreventie, 112, huisarts, Veilig Thuis).
CRISIS_MUST_MENTION = {
    "crisis.support": ("113", "0800-0113", "112", "huisarts"),
    "crisis.danger": ("112", "0800-2000", "huisarts"),
    "crisis.followup_end": ("113", "112"),
    "crisis.danger_followup_end": ("112", "0800-2000"),
    "crisis.resume_after_no": ("113",),
    "crisis.resume_unanswered": ("113",),
    "crisis.acknowledge_again": ("113",),
    "crisis.goodbye": ("113", "0800-0113", "112"),
    "crisis.danger_goodbye": ("112", "0800-2000"),
}
RULER_KEYS = {"ask": (), "why_not_lower": ("n", "lower"), "what_higher": ("n", "higher"), "zero": ()}


class Content(YamlTexts):
    def __init__(self, data: Dict[str, Any], source: str = "coach.yml"):
        super().__init__(data, source)

    def texts(self, path: str) -> List[str]:
        value = self.get(path)
        return list(value) if isinstance(value, list) else [value]

    def for_audience(self, path: str, open_chat: bool) -> str:
        """The path of a text that says who reads the conversation: its `_open` variant in
        the open chat (no professional owns the client), where one exists."""
        if not open_chat:
            return path
        try:
            self.get(f"{path}{OPEN_CHAT_SUFFIX}")
        except KeyError:
            return path
        return f"{path}{OPEN_CHAT_SUFFIX}"

    def stage_name(self, stage: str) -> str:
        return self.get(f"stages.{stage}.name")

    def tpb_prompts(self, construct: str, stage: Optional[str]) -> List[str]:
        prompts = self.get(f"tpb.{construct}.prompts")
        return list(prompts.get(stage) or []) + list(prompts["default"]) if stage else list(prompts["default"])

    # -- validation -------------------------------------------------------------
    def _fail(self, msg: str) -> None:
        raise ContentError(f"{self.source}: {msg}")

    def _check_list(self, path: str, allowed: Iterable[str], minimum: int = 1) -> None:
        try:
            value = self.get(path)
        except KeyError as exc:
            self._fail(str(exc.args[0]).split(": ", 1)[-1])
        if not isinstance(value, list) or len(value) < minimum:
            self._fail(f"'{path}' must be a list with at least {minimum} text(s)")
        for i, text in enumerate(value):
            if not isinstance(text, str) or not text.strip():
                self._fail(f"'{path}[{i}]' must be a non-empty text")
            extra = _placeholders(text) - set(allowed)
            if extra:
                self._fail(f"'{path}[{i}]' uses unknown placeholder(s) {sorted(extra)}: {text!r}")

    def _validate(self) -> None:
        if not isinstance(self.data, dict):
            self._fail("top level must be a mapping")
        for stage in STAGES:
            for key in ("name", "description", "strategy"):
                if not isinstance(self.data.get("stages", {}).get(stage, {}).get(key), str):
                    self._fail(f"'stages.{stage}.{key}' must be a text")
            self._check_list(f"stages.{stage}.open_questions", ())
            self._check_list(f"stages.{stage}.gesprek_questions", ())
            if not isinstance(self.data.get("summary", {}).get("stage_line", {}).get(stage), str):
                self._fail(f"'summary.stage_line.{stage}' must be a text")
        for path, allowed in REQUIRED_LISTS.items():
            self._check_list(path, allowed)
        for key in SYSTEM_KEYS:
            self._check_list(f"system.{key}", ())
        for kind in ("importance", "confidence"):
            for key, allowed in RULER_KEYS.items():
                self._check_list(f"rulers.{kind}.{key}", allowed)
        for construct in TPB_CONSTRUCTS:
            self._check_list(f"tpb.{construct}.prompts.default", ())
            self._check_list(f"tpb.{construct}.acknowledge", ())
            if not isinstance(self.get(f"tpb.{construct}.label"), str):
                self._fail(f"'tpb.{construct}.label' must be a text")
            for stage in STAGES:
                if stage in self.get(f"tpb.{construct}.prompts"):
                    self._check_list(f"tpb.{construct}.prompts.{stage}", ())
        for key in ("barrier_phrases", "activity_phrases"):
            if not isinstance(self.data.get(key), dict) or not self.data[key]:
                self._fail(f"'{key}' must be a mapping of value -> phrase")
        if not any("klopt dit" in t.lower() for t in self.texts("summary.check")):
            self._fail("'summary.check' must ask 'klopt dit'")
        for key in ("opening.intro", "opening.consent", "opening.consent_open", *CRISIS_TEXTS):
            if not isinstance(self.get(key), str) or not self.get(key).strip():
                self._fail(f"'{key}' must be a text")
        for key, musts in CRISIS_MUST_MENTION.items():
            for text in self.texts(key):
                for must in musts:
                    if must not in text:
                        self._fail(f"'{key}' must mention {must}")


@functools.lru_cache(maxsize=4)
def load_content(path: Optional[str] = None) -> Content:
    p = Path(path) if path else CONTENT_PATH
    return Content(read_yaml(p), source=p.name)
