"""One classified utterance, as `overstap classify` prints it and the evaluation reads it."""

from __future__ import annotations

from typing import Any, Dict

from bot.core.stages import NO_STAGE, stage_from_parse


def classification(parse: Dict[str, Any]) -> Dict[str, Any]:
    """Flatten Rasa's parse data (with our components' additions) into the public record."""
    intent = parse.get("intent") or {}
    talk = parse.get("talk_type") or {}
    crisis = parse.get("crisis") or {}
    stage, stage_confidence = stage_from_parse(parse)
    return {
        "text": parse.get("text", ""),
        "stage": stage or NO_STAGE,
        "confidence": round(stage_confidence, 4),
        "intent": intent.get("name"),
        "intent_confidence": round(float(intent.get("confidence") or 0.0), 4),
        # unusable input (empty, nonsense, ...) carries no talk
        "talk_type": "neutral" if parse.get("input_problem") else (talk.get("name") or "neutral"),
        "talk_type_confidence": round(float(talk.get("confidence") or 0.0), 4),
        "crisis": bool(crisis.get("flag")),
        "crisis_level": crisis.get("level"),  # "acute" (coaching stops) or "possible" (the coach asks)
        "entities": [{"entity": e.get("entity"), "value": e.get("value")} for e in parse.get("entities") or []],
        "input_problem": parse.get("input_problem"),
    }
