"""Recognise input the coach cannot work with: empty, too long, not Dutch, nonsense.

Dutch and English word lists come from spacy-lookups-data (the lemma tables), so no
network or pretrained model is needed. The checks are deliberately cautious: short
informal Dutch with typos ("ff", "idd", "gwn") must pass.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path
from typing import FrozenSet, Optional

MAX_CHARS = 2000
EMPTY, TOO_LONG, NON_DUTCH, NONSENSE = "empty", "too_long", "non_dutch", "nonsense"

# Chat Dutch, domain words, and the commonest Dutch words the lemma table lacks (it has no
# "van", "met", "tot", "dank", "ziens": "dank je, tot ziens" was read as not Dutch).
DUTCH_EXTRA = frozenset(
    """
en van ze wij we jullie onze ook nog al maar of dus want omdat als tot met op in uit aan door onder zonder
om te er hier daar hoe wanneer welke is bent heb word werd kun moet moest mag ga gaat doe zeg weet misschien
dank ziens gisteren vandaag straks later nu altijd nooit soms heel minder iets niets niks alles iemand toe af
terug samen alleen even eens zoals tussen na sinds sindsdien totdat hoewel terwijl nadat voordat elke alle
vannacht vanochtend vanmiddag hoor hè toch tuurlijk sowieso ofzo enzo bedankt dankjewel dankuwel groetjes
doeg houdoe
ff gwn idd nee ja jaa neej nou joh tja hoi hey hallo doei oke oké ok okee kk mn m'n zn z'n kzou kweet
wrm wa nie ni niet tis 't 'k eig eigl miss mss dr dat da hm hmm pff grr uwv wmo cv jobcoach werkcoach
klantmanager bijstand ziektewet vog mbo hbo wo ad zzp uitzendbureau participatiewet tegenprestatie
""".split()
)
ENGLISH_FUNCTION = frozenset(
    """
the a an is are was were be been am i you he she it we they my your his her our their this that these those
of to in on at for with from by and or but not no yes do does did have has had will would can could should
what why how when where who which there here me him them us hello hi please thanks thank sorry about just
""".split()
)
OTHER_FUNCTION = frozenset(
    """
der die das und ist nicht ich bin du wir sie ein eine mit auf für le la les et est je suis pas une des du
el los las y es yo soy por para que bir ve bu için ben değil çok nie jest się że na jak
""".split()
)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")


@functools.lru_cache(maxsize=1)
def _lexicons() -> "tuple[FrozenSet[str], FrozenSet[str]]":
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"

    def words(lang: str) -> FrozenSet[str]:
        with gzip.open(data / f"{lang}_lemma_lookup.json.gz", "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        return frozenset(w.lower() for pair in table.items() for w in pair)

    return words("nl") | DUTCH_EXTRA, words("en") | ENGLISH_FUNCTION


def dutch_words() -> FrozenSet[str]:
    """Every Dutch word form the lemma tables know (lower case), plus the commonest missing ones."""
    return _lexicons()[0]


def _looks_random(word: str) -> bool:
    if len(word) >= 4 and not (set(word) & VOWELS):
        return True
    return bool(re.search(r"[bcdfghjklmnpqrstvwxz]{5,}", word)) or bool(re.search(r"(.)\1{3,}", word))


def input_problem(text: Optional[str]) -> Optional[str]:
    """One of EMPTY, TOO_LONG, NON_DUTCH, NONSENSE, or None when the text is usable."""
    if text is None or not text.strip():
        return EMPTY
    if len(text) > MAX_CHARS:
        return TOO_LONG
    letters = [c for c in text if c.isalpha()]
    if not letters:
        # digits alone are fine (a ruler answer); only symbols/emoji are not
        return None if re.search(r"\d", text) else NONSENSE
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    if latin / len(letters) < 0.5:
        return NON_DUTCH
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return None
    dutch, english = _lexicons()
    nl = sum(1 for w in words if w in dutch) / len(words)
    en = sum(1 for w in words if w in english) / len(words)
    other = sum(1 for w in words if w in OTHER_FUNCTION) / len(words)
    if len(words) >= 3 and nl < 0.5 and max(en, other) >= 0.5 and max(en, other) > nl + 0.15:
        return NON_DUTCH
    unknown = [w for w in words if w not in dutch and w not in english]
    if len(unknown) == len(words) and any(_looks_random(w) for w in words):
        return NONSENSE
    if len(words) >= 3 and nl < 0.2 and en < 0.2 and sum(_looks_random(w) for w in words) >= len(words) / 2:
        return NONSENSE
    return None
