"""One message's crisis evidence: lexicon patterns plus the trained classifier.

Levels, strongest first:
* "acute"    - explicit plan or means, self-harm, preparations, danger from another person;
* "possible" - a death wish, suicidal thoughts, burden or entrapment, two kinds of weak
               signal in one message, or the classifier sure enough on its own (surer
               still on a near miss with no lexicon hit: `near_miss`);
* "weak"     - one weak signal, or the classifier leaning to crisis: counts toward the
               conversation-level accumulation (`bot.coach.safety_flow`);
* None       - nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Optional, Tuple

from bot.understanding.safety.lexicon import scan
from bot.understanding.safety.near_miss import near_miss

LEVELS = ("acute", "possible", "weak")
DANGER_OTHER = "danger_other"


@dataclass(frozen=True)
class Thresholds:
    """Classifier probabilities, chosen by leave-one-writer-out cross-validation on the
    training data (`overstap evaluate-safety --cv`), never on held-out data."""

    possible: float = 0.75
    weak: float = 0.5
    # the classifier alone, on a message with a near-miss construction and no lexicon hit
    # ("ik wil niet meer thuis zitten", "dodelijk saai"): it must be surer
    possible_near_miss: float = 0.92


@dataclass(frozen=True)
class Signal:
    level: Optional[str] = None
    categories: Tuple[str, ...] = ()
    weak_kinds: Tuple[str, ...] = ()
    sources: Tuple[str, ...] = ()
    probability: float = 0.0

    @property
    def flagged(self) -> bool:
        """A signal the coach acts on by itself (asks or gives support)."""
        return self.level in ("acute", "possible")

    @property
    def in_words(self) -> bool:
        """Evidence beyond a classifier leaning: a lexicon hit, or the classifier as sure as it
        must be on a near miss. After the client said no to the check, only such evidence
        makes the coach come back to it (`bot.coach.safety_flow.on_message`)."""
        return "lexicon" in self.sources or self.probability >= Thresholds().possible_near_miss

    @property
    def danger_from_other(self) -> bool:
        return (
            DANGER_OTHER in self.categories
            and self.level == "acute"
            and len([c for c in self.categories if c != DANGER_OTHER]) == 0
        )

    def stronger_than(self, level: Optional[str]) -> bool:
        order = {None: 0, "weak": 1, "possible": 2, "acute": 3}
        return order[self.level] > order[level]

    def as_dict(self) -> Dict[str, Any]:
        data = asdict(self)
        data["categories"], data["weak_kinds"], data["sources"] = (
            list(self.categories),
            list(self.weak_kinds),
            list(self.sources),
        )
        data["flag"] = self.flagged
        data["probability"] = round(self.probability, 4)
        return data

    @staticmethod
    def from_dict(data: Optional[Dict[str, Any]]) -> "Signal":
        data = data or {}
        return Signal(
            level=data.get("level"),
            categories=tuple(data.get("categories") or ()),
            weak_kinds=tuple(data.get("weak_kinds") or ()),
            sources=tuple(data.get("sources") or ()),
            probability=float(data.get("probability") or 0.0),
        )


@dataclass
class Detector:
    classifier: Any = None  # a CrisisClassifier, or None (lexicon only)
    thresholds: Thresholds = field(default_factory=Thresholds)

    def assess(self, text: str) -> Signal:
        probability = self.classifier.probability(text) if (self.classifier is not None and text) else 0.0
        return self.combine(text, probability)

    def combine(self, text: str, probability: float) -> Signal:
        """The level from the lexicon's hits and the classifier's probability."""
        hits = scan(text or "")
        strong = [h for h in hits if h.effective_strength in ("acute", "possible")]
        weak_kinds = tuple(sorted({h.category for h in hits if h.effective_strength == "weak"}))
        sources = []
        if hits:
            sources.append("lexicon")
        if probability >= self.thresholds.weak:
            sources.append("classifier")
        categories = tuple(sorted({h.category for h in strong}))
        possible, weak = self.thresholds.possible, self.thresholds.weak
        if not hits and near_miss(text or ""):
            # the classifier alone must be surer on a near miss, for a weak signal too: two weak
            # readings of "ik moet gaan, doei" in one chat must not make the coach ask
            possible = max(possible, self.thresholds.possible_near_miss)
            weak = max(weak, self.thresholds.possible_near_miss)
            sources.append("near_miss")
        if any(h.effective_strength == "acute" for h in strong):
            level = "acute"
        elif strong or len(weak_kinds) >= 2 or probability >= possible:
            level = "possible"
        elif weak_kinds or probability >= weak:
            level = "weak"
        else:
            level = None
        return Signal(
            level=level, categories=categories, weak_kinds=weak_kinds, sources=tuple(sources), probability=probability
        )
