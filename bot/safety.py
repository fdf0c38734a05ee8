"""Rule-based safety net for crisis wording, on top of the trained crisis classifier.

The trained classifier (bot.rasa_components.TalkTypeCrisisClassifier) carries the main
load; these patterns catch explicit wording it might miss. Figurative speech such as
"ik schrok me dood" or "doodmoe" must not match.
"""
from __future__ import annotations

import re

_PATTERNS = [
    r"\bzelfmoord\b", r"\bsuïcid\w*|\bsuicid\w*",
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
