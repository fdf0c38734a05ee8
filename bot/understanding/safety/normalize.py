"""Text normalisation for the safety lexicon: one canonical spelling per word.

Real client messages carry chat spelling ("k wil nie meer"), typos ("zelfmoort"), missing
accents or extra ones ("suïcide"), stretched letters ("neeee"), and emoji that carry meaning
(🔪, 💊). The lexicon patterns are written against the canonical form this module produces:
lower case, no diacritics, words separated by one space, clauses kept apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import List, Tuple

# Emoji that carry a crisis meaning become words; every other emoji is dropped. 💀 and 😵
# are left out on purpose: in chat they mostly mean "dying of laughter" or "exhausted".
_EMOJI_WORDS = {
    "🔪": " mes ",
    "🗡": " mes ",
    "💊": " pillen ",
    "⚰": " doodskist ",
    "🪦": " graf ",
    "🩸": " bloed ",
    "🔫": " pistool ",
    "🪢": " touw ",
    "🚆": " trein ",
    "🚂": " trein ",
    "🚄": " trein ",
    "🌉": " brug ",
    "🍾": " drank ",
    "🍺": " drank ",
    "🥃": " drank ",
    "🍷": " drank ",
    "😂": " haha ",
    "🤣": " haha ",
    "😆": " haha ",
}

# Chat spelling and frequent misspellings of words the patterns depend on. Only tokens that
# are not themselves ordinary Dutch words are rewritten.
_VARIANTS = {
    "k": "ik",
    "ikke": "ik",
    "mn": "mijn",
    "m'n": "mijn",
    "mijne": "mijn",
    "me'n": "mijn",
    "mein": "mijn",
    "nie": "niet",
    "ni": "niet",
    "nit": "niet",
    "niett": "niet",
    "neit": "niet",
    "mer": "meer",
    "mear": "meer",
    "wil'": "wil",
    "wl": "wil",
    "wilt": "wil",
    "wille": "willen",
    "wiln": "willen",
    "leve": "leven",
    "levn": "leven",
    "lefen": "leven",
    "lven": "leven",
    "leeven": "leven",
    "dod": "dood",
    "doot": "dood",
    "doodt": "dood",
    "dooie": "dood",
    "zelfmoort": "zelfmoord",
    "zelfmord": "zelfmoord",
    "zelfmoor": "zelfmoord",
    "zelf-moord": "zelfmoord",
    "selfmoord": "zelfmoord",
    "zelfmood": "zelfmoord",
    "zelfmoordt": "zelfmoord",
    "suiside": "suicide",
    "suisidaal": "suicidaal",
    "wakke": "wakker",
    "wakkr": "wakker",
    "wakken": "wakker",
    "worde": "worden",
    "wore": "worden",
    "einde": "eind",
    "eynde": "eind",
    "pille": "pillen",
    "pilen": "pillen",
    "tabletjes": "tabletten",
    "mezelfs": "mezelf",
    "mzelf": "mezelf",
    "mijzelf": "mezelf",
    "mijnzelf": "mezelf",
    "mezelve": "mezelf",
    "snij": "snijd",
    "snijdt": "snijd",
    "sny": "snijd",
    "geslage": "geslagen",
    "slaad": "slaat",
    "bedreid": "bedreigd",
    "iemant": "iemand",
    "niemant": "niemand",
    "iedreen": "iedereen",
    "wrm": "waarom",
    "idk": "weet niet",
    "kweenie": "weet niet",
    "kweet": "ik weet",
    "weetnie": "weet niet",
    "yep": "ja",
    "jep": "ja",
    "jup": "ja",
    "ye": "ja",
    "yes": "ja",
    "lmao": "haha",
    "lol": "haha",
    "xd": "haha",
    "hahaha": "haha",
    "hihi": "haha",
    "wollah": "echt",
    "wallah": "echt",
    "wrom": "waarom",
    "idd": "inderdaad",
    "ff": "even",
    "jah": "ja",
    "jaa": "ja",
    "neej": "nee",
    "nope": "nee",
    "nah": "nee",
    "gedachtes": "gedachten",
    "gedachte": "gedachten",
    "afscheitsbrief": "afscheidsbrief",
    "afscheidbrief": "afscheidsbrief",
    "vanacht": "vannacht",
    "vannavond": "vanavond",
    "vanvond": "vanavond",
    "hoef'": "hoef",
    "hoeft'": "hoeft",
    "hoefd": "hoeft",
    "trijn": "trein",
    "spor": "spoor",
}

_CLAUSE_SPLIT = re.compile(r"[.!?;:\n]+|\s[-–—]\s|,\s*(?=(?:maar|en toch|want|of|dus|terwijl)\b)")
_NON_WORD = re.compile(r"[^\w' ]+|_")  # letters of any script stay (NT2 clients answer in their own language)
_REPEATS = re.compile(r"([a-z])\1{2,}")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _emoji_to_words(text: str) -> str:
    out = []
    for ch in text:
        if ch in _EMOJI_WORDS:
            out.append(_EMOJI_WORDS[ch])
        elif unicodedata.category(ch) in ("So", "Sk", "Cs") or 0x1F000 <= ord(ch) <= 0x1FAFF:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _words(clause: str) -> str:
    clause = clause.replace("’", "'").replace("`", "'")
    clause = _NON_WORD.sub(" ", clause)
    clause = _REPEATS.sub(r"\1\1", clause)
    tokens = []
    for token in clause.split():
        token = token.strip("'")
        if not token:
            continue
        tokens.append(_VARIANTS.get(token, token))
    return " ".join(tokens)


@lru_cache(maxsize=4096)
def normalise(text: str) -> Tuple[str, ...]:
    """The message as canonical clauses (at least one, possibly empty)."""
    text = _emoji_to_words(text or "")
    text = _strip_accents(text.lower())
    clauses = [_words(part) for part in _CLAUSE_SPLIT.split(text)]
    clauses = [c for c in clauses if c]
    return tuple(clauses) or ("",)


def canonical(text: str) -> str:
    """The whole message in canonical form, clauses joined with " | "."""
    return " | ".join(normalise(text))


def tokens(text: str) -> List[str]:
    return [t for clause in normalise(text) for t in clause.split()]
