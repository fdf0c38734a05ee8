"""Turn a client's own words into the second person ('u') for reflections.

"Ik vind het vrijwilligerswerk heerlijk, maar ..." -> "u vindt het vrijwilligerswerk heerlijk".
Only clauses whose grammar we can shift safely are echoed; otherwise `echo` returns None and
the coach reflects the content (barrier, activity, talk type) instead. A wrong echo is worse
than none.
"""

from __future__ import annotations

import re
from typing import List, Optional

# First person -> 'u' form of the verbs clients use most; regular verbs get stem + t.
IRREGULAR_VERBS = {
    "ben": "bent",
    "heb": "hebt",
    "wil": "wilt",
    "kan": "kunt",
    "zal": "zult",
    "mag": "mag",
    "moet": "moet",
    "zou": "zou",
    "kon": "kon",
    "wou": "wou",
    "hoef": "hoeft",
    "hou": "houdt",
    "houd": "houdt",
    "doe": "doet",
    "ga": "gaat",
    "sta": "staat",
    "zie": "ziet",
    "sla": "slaat",
    "was": "was",
    "had": "had",
    "wilde": "wilde",
    "moest": "moest",
    "ging": "ging",
    "deed": "deed",
    "vond": "vond",
    "dacht": "dacht",
    "werkte": "werkte",
    "voelde": "voelde",
    "zat": "zat",
    "kreeg": "kreeg",
    "word": "wordt",
    "vind": "vindt",
    "weet": "weet",
    "snap": "snapt",
}
# Regular present-tense first-person verbs we accept (stem form); stem + t is the 'u' form.
REGULAR_STEMS = {
    "werk",
    "denk",
    "hoop",
    "voel",
    "zoek",
    "maak",
    "leer",
    "help",
    "kijk",
    "merk",
    "probeer",
    "twijfel",
    "durf",
    "mis",
    "geniet",
    "schaam",
    "ken",
    "sport",
    "loop",
    "lees",
    "schrijf",
    "krijg",
    "blijf",
    "begin",
    "spreek",
    "slaap",
    "verdien",
    "hoor",
    "heb",
    "zorg",
    "pas",
    "vrees",
    "droom",
    "plan",
    "solliciteer",
    "wacht",
    "geef",
    "neem",
    "vraag",
    "praat",
    "bel",
    "kies",
    "zit",
    "vertrouw",
    "verlang",
    "haat",
    "baal",
    "stop",
    "start",
    "train",
    "rij",
    "woon",
    "leef",
    "zeg",
    "schrik",
    "geloof",
    "wens",
    "hoef",
    "kom",
    "breng",
    "word",
}
PRONOUNS = {
    "ik": "u",
    "mij": "u",
    "me": "u",
    "mijn": "uw",
    "m'n": "uw",
    "mn": "uw",
    "mezelf": "uzelf",
    "mijzelf": "uzelf",
    "ikzelf": "uzelf",
    "mijne": "uwe",
}
CLAUSE_BREAKERS = re.compile(r"[.!?;:\n]|,\s*(?:maar|want|en|omdat|dus|alleen)\b|\s(?:maar|want)\s", re.I)
WORD = re.compile(r"[\w'’-]+|[^\w\s]", re.UNICODE)
MIN_WORDS, MAX_WORDS = 3, 14


def _u_form(verb: str) -> Optional[str]:
    low = verb.lower()
    if low in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[low]
    if low in REGULAR_STEMS:
        return low if low.endswith("t") else low + "t"
    return None


def _shift_clause(clause: str) -> Optional[str]:
    tokens = WORD.findall(clause)
    words = [t for t in tokens if re.match(r"[\w'’-]", t)]
    if not (MIN_WORDS <= len(words) <= MAX_WORDS):
        return None
    out: List[str] = []
    first_person = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower()
        if low == "ik":
            first_person = True
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            prev = out[-1] if out else None
            # "ik ben" (subject then verb) or "nu ben ik" (inversion: verb before 'ik')
            if nxt is not None and _u_form(nxt):
                out.extend(["u", _u_form(nxt)])
                i += 2
                continue
            if prev is not None and _u_form(prev):
                out[-1] = _u_form(prev)
                out.append("u")
                i += 1
                continue
            return None  # 'ik' whose verb we cannot find: grammar too risky
        if low in PRONOUNS:
            first_person = True
            out.append(PRONOUNS[low])
        else:
            out.append(tok)
        i += 1
    if not first_person:
        return None
    text = " ".join(out)
    text = re.sub(r"\s+([,.!?])", r"\1", text).strip(" ,")
    return text[0].lower() + text[1:] if text else None


SUBORDINATOR = re.compile(r"\s(?:dat|als|omdat|om|wanneer|terwijl|zodat|of)\s", re.I)


def echo(text: str) -> Optional[str]:
    """Return the first safely shiftable clause of `text` in the 'u' form, or None."""
    if not text:
        return None
    for clause in CLAUSE_BREAKERS.split(text):
        clause = clause.strip(" ,-\"'")
        if not clause:
            continue
        shifted = _shift_clause(clause)
        if shifted is None:
            # "ik ben bang dat ik ... kwijtraak": keep the main clause only
            head = SUBORDINATOR.split(clause, maxsplit=1)[0]
            shifted = _shift_clause(head) if head != clause else None
        if shifted:
            return shifted
    return None


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
