"""Answers to the client's own questions from a reviewed knowledge base (knowledge.yml).

A question about a word ("wat is instanties?") is matched on the word. Any other question
goes through a small head of the understanding layer (bot.understanding.text_head: n-grams
plus the sentence encoder), trained on the entries' wordings and on questions the base does
not answer (`other_questions`). Nearest-neighbour similarity alone did not separate them:
unrelated questions ("hoe heet mijn klantmanager?") came as close as real paraphrases.
Without a confident answer the caller says so and who can answer (coach.yml,
system.no_answer). The head is trained once per change of its inputs, under models/.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

from bot.core.artifacts import fingerprint
from bot.core.wording import ContentError, read_yaml

KNOWLEDGE_FILE = Path(__file__).with_name("knowledge.yml")
ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"
NO_ANSWER = "other"
MIN_PROBABILITY = 0.5  # the head's probability of its best entry (tests/coach/test_knowledge.py)
_ASKS_MEANING = re.compile(
    r"\b(?:wat|wie)\b.*\b(?:is|zijn|betekent|bedoel|bedoelt|doet|doen)\b|\bbetekent\b|\buitleg\b"
)
_lock = threading.Lock()


@dataclass(frozen=True)
class Entry:
    id: str
    questions: Tuple[str, ...]
    answer: str
    terms: Tuple[str, ...] = ()
    answer_open: Optional[str] = None  # where the answer says who reads: the open chat's

    def answer_for(self, open_chat: bool) -> str:
        return self.answer_open if open_chat and self.answer_open else self.answer


@functools.lru_cache(maxsize=1)
def load(path: Path = KNOWLEDGE_FILE) -> Tuple[Tuple[Entry, ...], Tuple[str, ...]]:
    """(entries, questions the base does not answer)."""
    data = read_yaml(path)
    entries = []
    for i, item in enumerate(data.get("entries") or [], 1):
        questions = tuple(str(q) for q in item.get("questions") or [])
        answer = " ".join(str(item.get("answer") or "").split())
        if not item.get("id") or item["id"] == NO_ANSWER or not questions or not answer:
            raise ContentError(f"{path}: entry {i} needs an id (not {NO_ANSWER!r}), questions and an answer")
        answer_open = " ".join(str(item.get("answer_open") or "").split()) or None
        terms = tuple(str(t).lower() for t in item.get("terms") or [])
        entries.append(Entry(str(item["id"]), questions, answer, terms, answer_open))
    others = tuple(str(q) for q in data.get("other_questions") or [])
    if not others:
        raise ContentError(f"{path}: other_questions (questions the base does not answer) are needed")
    return tuple(entries), others


def _artifact() -> Path:
    from bot.understanding.encoder import shared_encoder

    inputs = ["bot/coach/knowledge.yml", "bot/coach/knowledge.py", "bot/understanding/text_head.py"]
    return MODELS / f"knowledge-{fingerprint(ROOT, inputs)}-{shared_encoder().fingerprint}.pkl"


@functools.lru_cache(maxsize=1)
def head():
    from bot.understanding.text_head import TextHead, fit_head

    with _lock:
        path = _artifact()
        if path.exists():
            return TextHead.load(path)
        entries, others = load()
        texts = [q for e in entries for q in e.questions] + list(others)
        labels = [e.id for e in entries for _ in e.questions] + [NO_ANSWER] * len(others)
        fitted = fit_head(texts, labels, c=8.0)
        path.parent.mkdir(parents=True, exist_ok=True)
        fitted.save(path)
        return fitted


def best_match(question: str) -> Tuple[Optional[Entry], float]:
    """The best entry and the head's probability for it (the word rule gives 1.0); None when
    the best reading is that the base has no answer."""
    text = (question or "").lower()
    entries, _ = load()
    if _ASKS_MEANING.search(text):
        for entry in entries:
            if any(re.search(rf"\b{re.escape(term)}\b", text) for term in entry.terms):
                return entry, 1.0
    if not text.strip():
        return None, 0.0
    label, probability = head().predict(question)
    by_id = {e.id: e for e in entries}
    return by_id.get(label), probability


def answer(question: str, open_chat: bool = False, minimum: float = MIN_PROBABILITY) -> Optional[str]:
    """The answer to a question, or None; open_chat: the client uses the open chat, where no
    professional reads along (entries that say who reads have an `answer_open`)."""
    entry, probability = best_match(question)
    return entry.answer_for(open_chat) if entry is not None and probability >= minimum else None
