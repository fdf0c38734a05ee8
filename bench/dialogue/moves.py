"""Which move a coach message is, recognised from the coach's own wording (coach.yml, knowledge.yml).

Every coach text is a template; a message matches a template when its fixed parts appear in
order. The move names are the keys the scripted clients answer to (bench/dialogue/clients/).
"""

from __future__ import annotations

import functools
import re
from typing import Iterator, List, Optional, Tuple

from bot.coach.content import TPB_CONSTRUCTS, load_content
from bot.coach.knowledge import load as load_knowledge

# dotted coach.yml prefix -> move (first match wins; more specific prefixes first)
PREFIX_MOVES: Tuple[Tuple[str, str], ...] = (
    ("consideration.background", "background"),
    ("rulers.importance.ask", "importance_ruler"),
    ("rulers.confidence.ask", "confidence_ruler"),
    ("rulers.importance.why_not_lower", "ruler_why"),
    ("rulers.confidence.why_not_lower", "ruler_why"),
    ("rulers.importance.zero", "ruler_why"),
    ("rulers.confidence.zero", "ruler_why"),
    ("rulers.not_a_number", "ruler_again"),
    ("rulers.", "open_question"),
    ("tpb.attitude.prompts", "attitude"),
    ("tpb.social_norm.prompts", "social_norm"),
    ("tpb.self_efficacy.prompts", "self_efficacy"),
    ("tpb.intention.prompts", "intention"),
    ("tpb.barriers.prompts", "barriers"),
    ("tpb.facilitators.prompts", "facilitators"),
    ("tpb.", "reflection"),
    ("stages.", "open_question"),
    ("consideration.", "open_question"),
    ("summary.check", "summary_check"),
    ("summary.continue_prompt", "summary_check"),
    ("summary.goodbye", "goodbye"),
    ("summary.", "summary"),
    ("crisis.check_in", "check_in"),  # after a first weak signal: "hoe gaat het met u, los van werk?"
    ("crisis.check", "safety_check"),
    ("crisis.clarify", "safety_check"),  # a late "soms wel": the question once more
    ("crisis.explain", "safety_check"),  # says why it asked, and asks again
    ("crisis.", "crisis"),
    ("system.no_answer", "answer"),
    ("system.bot_challenge", "answer"),  # "ben jij een robot?" answered: what the coach is
    ("system.rephrase", "fallback"),
    ("system.nonsense", "fallback"),
    ("system.", "system"),
    ("opening.consent", "consent"),
    ("opening.", "opening"),
    ("reflections.", "reflection"),
    ("affirmations.", "reflection"),
)


def _leaves(data, path: str = "") -> Iterator[Tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for item in data:
            yield from _leaves(item, path)
    elif isinstance(data, str):
        yield path, data


def _pattern(template: str) -> Optional[re.Pattern]:
    parts = [p.strip() for p in re.split(r"\{[a-z_]+\}", template)]
    parts = [p for p in parts if len(p) >= 6]
    if not parts:
        return None
    return re.compile(".*?".join(re.escape(p) for p in parts), re.S)


@functools.lru_cache(maxsize=1)
def _templates() -> List[Tuple[re.Pattern, str, int]]:
    out = []
    for path, text in _leaves(load_content().data):
        move = next((m for prefix, m in PREFIX_MOVES if path.startswith(prefix)), None)
        pattern = _pattern(text) if move else None
        if pattern is not None:
            out.append((pattern, move, len(text)))
    for entry in load_knowledge()[0]:
        for answer in filter(None, (entry.answer, entry.answer_open)):  # answer_open: the open chat's
            pattern = _pattern(answer.split(". ")[0])
            if pattern is not None:
                out.append((pattern, "answer", len(answer)))
    out.sort(key=lambda t: -t[2])  # the longest template that matches is the most specific
    return out


def move_of(message: str) -> str:
    """The move one coach message makes. A message no template matches is the client's own words
    said back ("{echo_cap}."): a reflection; with a question mark, 'other'."""
    for pattern, move, _ in _templates():
        if pattern.search(message):
            return move
    return "other" if "?" in message else "reflection"


def moves_of_turn(messages: List[str]) -> List[str]:
    return [move_of(m) for m in messages]


def last_move(messages: List[str]) -> str:
    """The move the client answers: the last message that is not a plain reflection, if any."""
    moves = moves_of_turn(messages)
    for move in reversed(moves):
        if move not in ("reflection", "other", "answer", "summary"):
            return move
    return moves[-1] if moves else "other"


QUESTION_MOVES = {
    "background",
    "open_question",
    "check_in",
    "importance_ruler",
    "confidence_ruler",
    "ruler_why",
    *TPB_CONSTRUCTS,
}
