"""MITI 4.2 behaviour codes used in practice mode, with Dutch labels.

Ids are the contract with the web app and the stored turns; do not rename them.
"""

from __future__ import annotations

from typing import Dict, Tuple

CODES: Tuple[str, ...] = (
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "affirm",
    "seeking_collaboration",
    "emphasizing_autonomy",
    "giving_information",
    "persuade",  # without permission, including the righting reflex
    "persuade_with_permission",
    "confront",
    "other",
)

DUTCH_LABELS: Dict[str, str] = {
    "open_question": "open vraag",
    "closed_question": "gesloten vraag",
    "simple_reflection": "eenvoudige reflectie",
    "complex_reflection": "complexe reflectie",
    "affirm": "bevestigen",
    "seeking_collaboration": "samenwerking zoeken",
    "emphasizing_autonomy": "autonomie benadrukken",
    "giving_information": "informatie geven",
    "persuade": "overtuigen zonder toestemming",
    "persuade_with_permission": "overtuigen met toestemming",
    "confront": "confronteren",
    "other": "overig",
}

QUESTIONS = ("open_question", "closed_question")
REFLECTIONS = ("simple_reflection", "complex_reflection")
# The contract of issue 4. Note: MITI 4.2.1's "Total MI-Adherent" is Seek + Affirm +
# Emphasize Autonomy only; persuade with permission is counted here as well, as asked.
MI_ADHERENT = ("affirm", "seeking_collaboration", "emphasizing_autonomy", "persuade_with_permission")
MI_NON_ADHERENT = ("confront", "persuade")


def dutch_label(code: str) -> str:
    return DUTCH_LABELS.get(code, code)
