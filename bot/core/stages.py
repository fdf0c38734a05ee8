"""Prochaska & DiClemente stages of change, as used throughout Overstap."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

# Ordered from least to most advanced; the order matters for talk-type evidence.
STAGES: Tuple[str, ...] = (
    "precontemplation",
    "contemplation",
    "preparation",
    "action",
    "maintenance",
)

DUTCH_NAMES: Dict[str, str] = {
    "precontemplation": "voorbeschouwing",
    "contemplation": "overweging",
    "preparation": "voorbereiding",
    "action": "actie",
    "maintenance": "gedragsbehoud",
}

STAGE_INTENT_PREFIX = "stage_"
NO_STAGE = "none"


def stage_from_intent(intent: Optional[str]) -> Optional[str]:
    """`stage_contemplation` -> `contemplation`; any other intent -> None."""
    if intent and intent.startswith(STAGE_INTENT_PREFIX):
        stage = intent[len(STAGE_INTENT_PREFIX) :]
        if stage in STAGES:
            return stage
    return None


def stage_from_parse(parse: Dict) -> Tuple[Optional[str], float]:
    """(stage or None, confidence) of one parsed message: the stage head's reading
    (`parse["stage"]`) when the model has one, else the stage intent (older models)."""
    reading = parse.get("stage") or {}
    if reading.get("name"):
        name = reading["name"]
        return (name if name in STAGES else None), float(reading.get("confidence") or 0.0)
    intent = parse.get("intent") or {}
    return stage_from_intent(intent.get("name")), float(intent.get("confidence") or 0.0)


def intent_for_stage(stage: str) -> str:
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    return STAGE_INTENT_PREFIX + stage


def dutch_name(stage: Optional[str]) -> str:
    return DUTCH_NAMES.get(stage or "", "onbekend")


def stage_index(stage: str) -> int:
    return STAGES.index(stage)
