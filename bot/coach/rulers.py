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
    r"kind|euro|procent|%|minuten|kilo|km|sollicitaties|brieven|afwijzingen|banen|ochtenden|middagen|avonden|"
    r"ding|dingen|dingetje|punt|punten|vraag|vragen|moment|paar|beetje|kant|kanten|keertje|persoon|mensen)\b)"
)
_DIGITS = re.compile(r"(?<![\d,.])(10|[0-9])(?:[,.]5)?(?![\d])" + _UNIT)
_WORDS = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b" + _UNIT, re.I)


# Whose number a part of the answer gives: the client's own ("ik zelf 5", "voor mij een twee") or
# someone else's ("mijn moeder zou 9 zeggen", "voor de gemeente een tien").
_OWN = re.compile(r"\b(?:ik|mij|me|mezelf|zelf|persoonlijk|voor mij|voor mezelf|bij mij)\b", re.I)
_OTHERS = re.compile(
    r"\b(?:mijn|m'n|mn|de|het|die|onze)\s+(?:vrouw|man|partner|moeder|vader|ouders|familie|kinderen|dochter|zoon|"
    r"vriend|vriendin|klantmanager|consulent|jobcoach|coach|gemeente|uwv|werkgever|baas|dokter|arts|omgeving)\b|"
    r"\b(?:zij|hij|ze|iedereen|anderen|men)\b",
    re.I,
)
_PARTS = re.compile(r"[.;!?\n]|,|\bmaar\b|\ben\b(?=\s+(?:voor|ik|mijn|m'n|zelf|de|het))", re.I)
_NEGATED = re.compile(r"\b(?:niet|geen)\s+(?:een\s+|de\s+)?$", re.I)
CORRECTION = re.compile(
    r"\b(?:ik bedoel(?:de)?|bedoel ik|nee wacht|wacht|correctie|sorry|toch|eigenlijk|verkeerd|vergis|vergist)\b",
    re.I,
)


def _numbers(part: str) -> list:
    """The 0-10 numbers in one part of an answer, leaving out negated ones ("niet 7")."""
    found = []
    for m in _DIGITS.finditer(part):
        if not _NEGATED.search(part[: m.start()]):
            found.append(int(m.group(1)))
    words = [(m, NUMBER_WORDS[m.group(1).lower()]) for m in _WORDS.finditer(part)]
    words = [(m, n) for m, n in words if not _NEGATED.search(part[: m.start()])]
    # 'een' is also the article ("een vijf"): prefer any other number word
    others = [n for m, n in words if m.group(1).lower() != "een"]
    if not found and others:
        found = others
    elif not found and words and len(part.split()) <= 2:
        found = [words[0][1]]
    return found


def parse_score(text: str, entity_values: Iterable[str] = ()) -> Optional[int]:
    """The client's own 0-10 score in a ruler answer, or None.

    "tussen de 4 en 5" and "5 of 6" -> the lower; "mijn moeder zou 9 zeggen, ik zelf 5" -> 5;
    "nee, 4, niet 7" -> 4.
    """
    ranked = []
    for part in _PARTS.split(text or ""):
        numbers = _numbers(part)
        if numbers:
            owner = 0 if _OWN.search(part) else (2 if _OTHERS.search(part) else 1)
            ranked.append((owner, min(numbers)))
    if ranked:
        return min(ranked)[1]
    for value in entity_values:
        try:
            n = int(float(str(value).replace(",", ".")))
        except ValueError:
            n = NUMBER_WORDS.get(str(value).lower())
        if n is not None and 0 <= n <= 10:
            return n
    return None


def correction(text: str) -> Optional[int]:
    """The corrected score when the client corrects an earlier ruler answer
    ("nee wacht, ik bedoelde 4, niet 7"), else None."""
    if not CORRECTION.search(text or ""):
        return None
    return parse_score(text)


def lower_anchor(n: int) -> int:
    """A lower number to contrast with ("waarom een 6 en geen 3?")."""
    return max(0, n - 3) if n > 3 else max(0, n - 1)


def higher_anchor(n: int) -> int:
    return min(10, n + 2)
