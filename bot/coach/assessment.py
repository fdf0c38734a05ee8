"""Stage-of-change assessment aggregated over a conversation.

Every client turn adds evidence: the stage intent with its confidence, the talk type
(change / sustain / neutral) and, when asked, the importance and confidence rulers.
`assess` turns the evidence list into a stage with a confidence. Design choices:

* Recent turns weigh more (exponential decay), so the assessment can change.
* Ambiguous messages weigh little (weight grows with the square of the confidence).
* No stage is named before enough evidence from at least two client turns has been
  seen, so one message never decides.
* Once a stage is named, another stage must lead clearly before the assessment moves
  (hysteresis), so one ambiguous message does not flip it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Dict, Iterable, List, Optional

from bot.core.stages import STAGES

DECAY = 0.85  # weight multiplier per client turn of age
MIN_MASS = 1.2  # evidence mass needed before any stage is named
MIN_TURNS = 2  # ... coming from at least this many client turns
SWITCH_MARGIN = 0.12  # share by which a new stage must lead the current one
MIN_INTENT_CONFIDENCE = 0.35  # below this a stage intent counts as no evidence
MAX_EVIDENCE = 60  # evidence items kept in the tracker

# How talk type shifts mass between stages (change talk points forward, sustain back).
TALK_TYPE_PROFILE: Dict[str, Dict[str, float]] = {
    "change": {"contemplation": 0.15, "preparation": 0.35, "action": 0.35, "maintenance": 0.15},
    "sustain": {"precontemplation": 0.65, "contemplation": 0.35},
}
TALK_TYPE_WEIGHT = 0.35


def ruler_profile(kind: str, value: int) -> Dict[str, float]:
    """Stage distribution suggested by an MI ruler answer (0-10)."""
    if kind == "importance":
        if value <= 3:
            return {"precontemplation": 0.8, "contemplation": 0.2}
        if value <= 6:
            return {"precontemplation": 0.1, "contemplation": 0.7, "preparation": 0.2}
        return {"contemplation": 0.15, "preparation": 0.45, "action": 0.3, "maintenance": 0.1}
    # confidence: says less about the stage than importance does
    if value <= 3:
        return {"precontemplation": 0.45, "contemplation": 0.45, "preparation": 0.1}
    if value <= 6:
        return {"contemplation": 0.5, "preparation": 0.4, "action": 0.1}
    return {"preparation": 0.4, "action": 0.4, "maintenance": 0.2}


# Below this confidence the assessment is too uncertain to name a stage: not to the client at the
# close of the chat (engine.closing_summary), not to the professional (workspace/summary.py).
MIN_NAMED_CONFIDENCE = 0.35
RULER_WEIGHT = {"importance": 0.8, "confidence": 0.5}


@dataclass
class Evidence:
    turn: int
    source: str  # "intent", "talk_type", "ruler_importance", "ruler_confidence"
    stage: Optional[str] = None  # for intent evidence
    confidence: float = 0.0
    talk_type: Optional[str] = None
    value: Optional[int] = None  # ruler value

    def to_dict(self) -> Dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Dict) -> "Evidence":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def distribution(self) -> Dict[str, float]:
        """(stage -> mass) this item contributes before decay."""
        if self.source == "intent" and self.stage in STAGES:
            if self.confidence < MIN_INTENT_CONFIDENCE:
                return {}
            return {self.stage: self.confidence**2}
        if self.source == "talk_type" and self.talk_type in TALK_TYPE_PROFILE:
            w = TALK_TYPE_WEIGHT * self.confidence
            return {s: w * p for s, p in TALK_TYPE_PROFILE[self.talk_type].items()}
        if self.source.startswith("ruler_") and self.value is not None:
            kind = self.source[len("ruler_") :]
            w = RULER_WEIGHT.get(kind, 0.0)
            return {s: w * p for s, p in ruler_profile(kind, self.value).items()}
        return {}


@dataclass
class Assessment:
    stage: Optional[str]
    confidence: float
    scores: Dict[str, float] = field(default_factory=dict)
    mass: float = 0.0

    def to_dict(self) -> Dict:
        return asdict(self)


def assess(evidence: Iterable[Evidence], previous_stage: Optional[str] = None) -> Assessment:
    items: List[Evidence] = list(evidence)
    if not items:
        return Assessment(stage=previous_stage, confidence=0.0)
    latest_turn = max(e.turn for e in items)
    raw = {s: 0.0 for s in STAGES}
    for item in items:
        decay = DECAY ** max(0, latest_turn - item.turn)
        for stage, mass in item.distribution().items():
            raw[stage] += decay * mass
    mass = sum(raw.values())
    if mass <= 0:
        return Assessment(stage=previous_stage, confidence=0.0, scores=raw, mass=0.0)
    shares = {s: raw[s] / mass for s in STAGES}
    leader = max(STAGES, key=lambda s: shares[s])

    turns_with_evidence = {e.turn for e in items if e.distribution()}
    if previous_stage is None and (mass < MIN_MASS or len(turns_with_evidence) < MIN_TURNS):
        return Assessment(stage=None, confidence=0.0, scores=_rounded(shares), mass=round(mass, 3))

    stage = leader
    if previous_stage in STAGES and leader != previous_stage:
        if shares[leader] - shares[previous_stage] < SWITCH_MARGIN:
            stage = previous_stage
    # Confidence: the stage's share, discounted while evidence is still thin.
    saturation = min(1.0, mass / (2 * MIN_MASS))
    confidence = round(shares[stage] * (0.5 + 0.5 * saturation), 3)
    return Assessment(stage=stage, confidence=confidence, scores=_rounded(shares), mass=round(mass, 3))


def _rounded(shares: Dict[str, float]) -> Dict[str, float]:
    return {s: round(v, 3) for s, v in shares.items()}


def turn_evidence(
    turn: int,
    stage: Optional[str],
    stage_confidence: float,
    talk_type: Optional[str],
    talk_confidence: float,
) -> List[Evidence]:
    """Evidence items contributed by one client message."""
    items: List[Evidence] = []
    if stage in STAGES:
        items.append(Evidence(turn=turn, source="intent", stage=stage, confidence=round(stage_confidence, 3)))
    if talk_type in TALK_TYPE_PROFILE:
        items.append(Evidence(turn=turn, source="talk_type", talk_type=talk_type, confidence=round(talk_confidence, 3)))
    return items


def trim(evidence: List[Evidence]) -> List[Evidence]:
    return evidence[-MAX_EVIDENCE:]
