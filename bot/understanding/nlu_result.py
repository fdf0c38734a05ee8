"""One classified utterance, as `overstap classify` prints it and the evaluation reads it."""

from __future__ import annotations

from typing import Any, Dict

from bot.core.stages import NO_STAGE, stage_from_intent


def classification(parse: Dict[str, Any]) -> Dict[str, Any]:
    """Flatten Rasa's parse data (with our components' additions) into the public record."""
    intent = parse.get("intent") or {}
    talk = parse.get("talk_type") or {}
    crisis = parse.get("crisis") or {}
    stage = stage_from_intent(intent.get("name"))
    return {
        "text": parse.get("text", ""),
        "stage": stage or NO_STAGE,
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
        "intent": intent.get("name"),
        # unusable input (empty, nonsense, ...) carries no talk
        "talk_type": "neutral" if parse.get("input_problem") else (talk.get("name") or "neutral"),
        "talk_type_confidence": round(float(talk.get("confidence") or 0.0), 4),
        "crisis": bool(crisis.get("flag")),
        "crisis_level": crisis.get("level"),  # "acute" (coaching stops) or "possible" (the coach asks)
        "entities": [{"entity": e.get("entity"), "value": e.get("value")} for e in parse.get("entities") or []],
        "input_problem": parse.get("input_problem"),
    }
