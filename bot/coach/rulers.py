"""MI importance and confidence rulers (0-10): reading the client's number."""

from __future__ import annotations

import re
from typing import Iterable, Optional

RULERS = ("importance", "confidence")
NUMBER_WORDS = {
    "nul": 0,
    "een": 1,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
}
# a number followed by a unit is an amount, not a score: "drie jaar", "4 uur per dag", "2 kinderen"
_UNIT = (
    r"(?!\s*(?:jaar|jaren|jaartjes|uur|uren|uurtjes|dag|dagen|dagdelen|week|weken|maand|maanden|keer|kinderen|"
    r"kind|euro|procent|%|minuten|kilo|km|sollicitaties|brieven|afwijzingen|banen|ochtenden|middagen|avonden)\b)"
)
_DIGITS = re.compile(r"(?<![\d,.])(10|[0-9])(?:[,.]5)?(?![\d])" + _UNIT)
_WORDS = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b" + _UNIT, re.I)


def parse_score(text: str, entity_values: Iterable[str] = ()) -> Optional[int]:
    """The 0-10 score in a ruler answer, or None. "tussen de 4 en 5" -> 4 (the lower)."""
    for value in entity_values:
        try:
            n = int(float(str(value).replace(",", ".")))
        except ValueError:
            n = NUMBER_WORDS.get(str(value).lower())
        if n is not None and 0 <= n <= 10:
            return n
    digits = [int(m) for m in _DIGITS.findall(text or "")]
    if digits:
        return min(digits)
    # 'een' is also the article ("een vijf"): prefer any other number word
    words = [NUMBER_WORDS[w.lower()] for w in _WORDS.findall(text or "")]
    others = [w for w, raw in zip(words, _WORDS.findall(text or "")) if raw.lower() not in ("een",)]
    if others:
        return min(others)
    if words and len((text or "").split()) <= 2:
        return words[0]
    return None


def lower_anchor(n: int) -> int:
    """A lower number to contrast with ("waarom een 6 en geen 3?")."""
    return max(0, n - 3) if n > 3 else max(0, n - 1)


def higher_anchor(n: int) -> int:
    return min(10, n + 2)
