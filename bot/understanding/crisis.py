"""The crisis policy: the rule-based safety net for crisis wording, and the crisis level
that combines it with the trained classifiers.

The trained classifier (bot.rasa_adapter.components.TalkTypeCrisisClassifier) carries the main
load; these patterns catch explicit wording it might miss. Figurative speech such as
"ik schrok me dood" or "doodmoe" must not match.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

_PATTERNS = [
    r"\bzelfmoord\b",
    r"\bsuïcid\w*|\bsuicid\w*",
    r"\b(?:een )?(?:eind|einde) (?:aan|maken aan) (?:mijn|m'n|mn) leven\b",
    r"\ber (?:een )?(?:eind|einde) aan (?:maken|te maken|gemaakt)\b",
    r"\bmaak(?:t|en)? (?:ik |het )?er (?:een )?(?:eind|einde) aan\b",
    r"\b(?:mezelf|mijzelf) iets (?:aan|aandoe|aandoen)\b",
    r"\b(?:ik )?wil (?:niet|nie) meer (?:leven|verder)\b",
    r"\bniet meer (?:willen )?leven\b",
    r"\b(?:mezelf|mijzelf) (?:iets )?(?:aan ?doen|van kant maken|ophangen|snijden)\b",
    r"\bsnij(?:d)? (?:mezelf|mijzelf|in mijn)\b",
    r"\bvan (?:het|de) (?:dak|brug|flat) (?:springen|af springen)\b",
    r"\bvoor de trein (?:springen|gaan liggen)\b",
    r"\bpillen (?:gespaard|verzameld|innemen om)\b",
    r"\biedereen (?:is|zou) beter af zonder mij\b",
    r"\bdood (?:wil|willen) (?:ik|zijn)\b|\bik wil dood\b",
    r"\b(?:bedreigt|slaat|mishandelt) (?:me|mij)\b",
]
_CRISIS = re.compile("|".join(_PATTERNS), re.IGNORECASE)


def crisis_wording(text: str) -> bool:
    return bool(text) and bool(_CRISIS.search(text))


def crisis_level(text_p: float, intent_p: float, rule: bool, config: Dict[str, Any]) -> Optional[str]:
    """ "acute": stop coaching, crisis protocol. "possible": the coach asks directly (and
    shows where to find help) before going on. None: no signal.

    One detector alone also fires on ordinary sustain talk ("dat kan ik niet meer aan")
    too often to end a conversation on it, but often enough to ask."""
    text_signal = text_p >= config["crisis_threshold"]
    if rule or (text_signal and intent_p >= config["acute_intent_threshold"]):
        return "acute"
    if intent_p >= config["possible_intent_threshold"] or (
        text_signal and intent_p >= config["possible_support_threshold"]
    ):
        return "possible"
    return None


def crisis_signal(text_p: float, intent_p: float, text: str, config: Dict[str, Any]) -> Dict[str, Any]:
    """The parse data's `crisis` entry: the level and which detectors fired (never the text)."""
    rule = crisis_wording(text)
    level = crisis_level(text_p, intent_p, rule, config)
    return {
        "flag": level is not None,
        "level": level,
        "probability": round(text_p, 4),
        "intent_probability": round(intent_p, 4),
        "sources": [
            s
            for s, on in (
                ("model", text_p >= config["crisis_threshold"]),
                ("intent", intent_p >= config["possible_intent_threshold"]),
                ("rule", rule),
            )
            if on
        ],
    }
