"""De-identification of Dutch chat text, for research and supervision exports.

`deidentify(text)` replaces personal data by tags: [NAAM], [PLAATS], [ADRES], [POSTCODE],
[DATUM], [TIJD], [TELEFOON], [EMAIL], [URL], [BSN], [IBAN] and [GETAL]. It is rule-based
and transparent, in two passes:

1. Regular expressions for structured data, in priority order: e-mail addresses, URLs,
   IBANs, Dutch phone numbers (06-12345678, 010 123 4567, +31 6 ...), postcodes
   (1234 AB), dates (3-4-2025, 2025-04-03, 12 maart, 12 mrt. 2025, maart 2025, "in 2019"),
   times (10:30), street addresses (Kerkstraat 12a), 9-digit numbers that pass the BSN
   eleven-test, and finally any other number. The national crisis lines (112, 113,
   0800-0113, 113.nl; Veilig Thuis 0800-2000) are public and stay as they are.
2. spaCy (`spacy.blank("nl")`: tokenizer only, no model) with a PhraseMatcher over the
   place list and token rules for names, using the data files in `data/`:
   * places (data/places.txt) match in any case; names that are also ordinary words
     (marked "~", e.g. Best, Leiden, Putten) only when capitalised in mid-sentence or right
     after "in", "uit", "naar", ...;
   * a name starts at a known first name (data/first_names.txt; the ones that are also
     ordinary words, e.g. Hoop, Wil, Roos, only when capitalised mid-sentence or followed
     by a surname), at initials followed by a surname (J. de Vries), after a title or a
     relation word (mevrouw Bakker, mijn dochter sanne; data/name_cues.txt), or at any
     capitalised word in mid-sentence that is not on the keep list (data/keep_words.txt:
     U, UWV, Participatiewet, weekdays, languages, ...). It then takes in surname particles
     (van, de, ter, el, ...) and further capitalised words: "Jan de Vries", "Ahmed El Amrani";
   * a capitalised word at the start of a sentence is never tagged on capitalisation alone
     ("Rust en regelmaat ...", "Berg op ..."): only when it is a known first name or place.

Unknown capitalised words in mid-sentence are tagged [NAAM] even when they name an
employer or organisation: those can identify a person as well. Nothing is logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy.orm import Session

DATA_DIR = Path(__file__).resolve().parent / "data"

TAGS = ("NAAM", "PLAATS", "ADRES", "POSTCODE", "DATUM", "TIJD", "TELEFOON", "EMAIL", "URL", "BSN", "IBAN", "GETAL")
KEEP = "KEEP"  # a protected span: left as it is and claimed by no other rule

MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+)?"
STREET_SUFFIX = r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|hof|pad|markt|park|allee|boulevard)"
LOCATIVES = frozenset({"in", "uit", "naar", "te", "bij", "rond", "vanuit", "richting", "omgeving", "regio"})
SENTENCE_BREAK = frozenset(
    {".", "!", "?", ":", ";", "…", "...", '"', "“", "”", "„", "(", "[", "-", "–", "—", "•", "*", ">", "\\", "/"}
)

# (tag, pattern) in priority order; an earlier match wins where two overlap.
_PATTERNS: Sequence[Tuple[str, str]] = (
    (KEEP, r"(?<![\w.])(?:113\.nl|0800[-\s]?0113|0800[-\s]?2000|112|113)(?![\w-])"),
    ("EMAIL", r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}"),
    (
        "URL",
        r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]"
        r"|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|info|io)(?:/[^\s<>\"]*[^\s<>\".,;:!?)])?(?![\w@])",
    ),
    ("IBAN", r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b"),
    ("TELEFOON", r"(?:(?<![\w+])(?:\+31|0031)[\s-]?(?:\(0\)[\s-]?)?|(?<![\w+])0)(?:\d[\s-]?){8}\d(?!\d)"),
    ("POSTCODE", r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b"),
    (
        "DATUM",
        r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"
        r"|\b\d{4}-\d{1,2}-\d{1,2}\b"
        rf"|\b{WEEKDAY}\d{{1,2}}(?:e|ste|de)?\s+{MONTHS}(?:\s+\d{{4}})?(?!\w)"
        rf"|\b{MONTHS}\s+\d{{4}}\b",
    ),
    # a year after a time word; only the year (group "v") is tagged
    ("DATUM", r"\b(?:in|sinds|vanaf|tot|eind|begin|medio|na|voor|van|jaar)\s+(?P<v>(?:19|20)\d{2})\b"),
    ("TIJD", r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?uur)?\b"),
    ("ADRES", rf"\b[A-Za-z][a-z]+{STREET_SUFFIX}\s+\d+(?:\s?[a-zA-Z]\b|\s?-\s?\d+)?"),
    ("BSN", r"(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?!\d|\.\d)"),
    ("GETAL", r"(?<![\w])\d+(?:[.,]\d+)*(?:e|ste|de)?(?!\w)|\d+"),
)
_COMPILED = [
    (tag, re.compile(p, re.IGNORECASE if tag in ("DATUM", "EMAIL", "URL", "ADRES") else 0)) for tag, p in _PATTERNS
]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str


def _elfproef(digits: str) -> bool:
    """The BSN eleven-test."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and int(digits) > 0


# -- data --------------------------------------------------------------------------
def _read_list(name: str) -> List[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _split_ambiguous(entries: Iterable[str]) -> Tuple[Set[str], Set[str]]:
    plain, ambiguous = set(), set()
    for e in entries:
        (ambiguous if e.startswith("~") else plain).add(e.lstrip("~").strip())
    return plain, ambiguous


@dataclass
class _Lexicon:
    first_names: FrozenSet[str]
    ambiguous_names: FrozenSet[str]
    surnames: Tuple[Tuple[str, ...], ...]  # token sequences, longest first
    particles: FrozenSet[str]
    titles: FrozenSet[str]
    relations: FrozenSet[str]
    keep: FrozenSet[str]
    places: Set[str]
    ambiguous_places: Set[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    names, amb_names = _split_ambiguous(n.lower() for n in _read_list("first_names.txt"))
    places, amb_places = _split_ambiguous(_read_list("places.txt"))
    cues: Dict[str, Set[str]] = {"titles": set(), "relations": set()}
    section = None
    for line in _read_list("name_cues.txt"):
        if line.startswith("["):
            section = line.strip("[]")
        elif section in cues:
            cues[section].add(line.lower())
    surnames = sorted((tuple(s.lower().split()) for s in _read_list("surnames.txt")), key=len, reverse=True)
    return _Lexicon(
        first_names=frozenset(names),
        ambiguous_names=frozenset(amb_names),
        surnames=tuple(surnames),
        particles=frozenset(p.lower() for p in _read_list("particles.txt")),
        titles=frozenset(cues["titles"]),
        relations=frozenset(cues["relations"]),
        keep=frozenset(k.lower() for k in _read_list("keep_words.txt")),
        places=places,
        ambiguous_places=amb_places,
    )


@functools.lru_cache(maxsize=1)
def _nlp():
    """spaCy's Dutch tokenizer with a PhraseMatcher over the place names."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("nl")
    lex = _lexicon()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("PLACE", [nlp.make_doc(p) for p in sorted(lex.places)])
    matcher.add("PLACE_AMBIGUOUS", [nlp.make_doc(p) for p in sorted(lex.ambiguous_places)])
    return nlp, matcher


# -- pass 1: patterns --------------------------------------------------------------------
def _claim(spans: List[Span], taken: List[bool], start: int, end: int, tag: str) -> bool:
    if start >= end or any(taken[start:end]):
        return False
    for i in range(start, end):
        taken[i] = True
    spans.append(Span(start, end, tag))
    return True


def _pattern_spans(text: str, spans: List[Span], taken: List[bool]) -> None:
    for tag, regex in _COMPILED:
        group = "v" if "v" in regex.groupindex else 0
        for m in regex.finditer(text):
            kind = tag
            if tag == "BSN" and not _elfproef(re.sub(r"\D", "", m.group())):
                kind = "GETAL"
            _claim(spans, taken, m.start(group), m.end(group), kind)


# -- pass 2: places and names ----------------------------------------------------------------
def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


_INITIALS = re.compile(r"^(?:[A-Z]\.){1,4}$")


def _sentence_starts(doc) -> List[bool]:
    starts = []
    previous = None
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text:
                previous = "\n"
            starts.append(False)
            continue
        if (
            previous is None
            or previous == "\n"
            or previous in SENTENCE_BREAK
            or (
                previous.endswith(".")
                and not _INITIALS.match(previous)
                and len(previous) > 1
                and previous[-2].isalpha()
                and previous.lower() not in _lexicon().titles
            )
        ):
            starts.append(True)
        else:
            starts.append(False)
        previous = tok.text
    return starts


class _NameFinder:
    """Token rules for names over one spaCy doc; claims spans in `taken`."""

    def __init__(self, doc, taken: List[bool], spans: List[Span]):
        self.doc, self.taken, self.spans = doc, taken, spans
        self.lex = _lexicon()
        self.starts = _sentence_starts(doc)

    def free(self, i: int) -> bool:
        tok = self.doc[i]
        return not any(self.taken[tok.idx : tok.idx + len(tok.text)])

    def word(self, i: int) -> Optional[str]:
        if i >= len(self.doc) or self.doc[i].is_space or not self.free(i):
            return None
        return self.doc[i].text

    def proper(self, i: int) -> bool:
        """A capitalised word that can be (part of) a name."""
        w = self.word(i)
        if w is None or not _is_cap(w) or _is_acronym(w) or sum(c.isalpha() for c in w) < 2:
            return False
        return not self.kept(w)

    def kept(self, w: str) -> bool:
        """On the keep list, or a compound of a kept word or acronym ("EHBO-cursus",
        "Ziektewetuitkering", "LinkedIn-profiel")."""
        low = w.lower()
        if low in self.lex.keep:
            return True
        head = w.split("-")[0]
        if "-" in w and (_is_acronym(head) or head.lower() in self.lex.keep):
            return True
        return any(len(k) >= 5 and low.startswith(k) for k in self.lex.keep)

    def surname_at(self, i: int) -> int:
        """Length of a known lowercase surname starting at token i (0 if none)."""
        for parts in self.lex.surnames:
            if all(self.word(i + k) is not None and self.word(i + k).lower() == p for k, p in enumerate(parts)):
                return len(parts)
        return 0

    def continuation(self, i: int) -> int:
        """Tokens from i that continue a name: particles + a proper word, a proper word, initials,
        or a known lowercase surname."""
        n = self.surname_at(i)
        if n:
            return n
        j = i
        while self.word(j) is not None and self.word(j).lower() in self.lex.particles and j - i < 3:
            j += 1
        if self.proper(j) or (j == i and self.word(j) and _INITIALS.match(self.word(j))):
            return j - i + 1
        return 0

    def chain_end(self, i: int) -> int:
        """End (exclusive) of the name that starts with token i."""
        end = i + 1
        while True:
            n = self.continuation(end)
            if not n:
                return end
            end += n

    def name_start(self, i: int) -> bool:
        w = self.word(i)
        if w is None:
            return False
        low, start = w.lower(), self.starts[i]
        if self.kept(w) or _is_acronym(w):
            return False
        if low in self.lex.first_names and (_is_cap(w) or not start):
            return True
        if low in self.lex.ambiguous_names:
            return (_is_cap(w) and not start) or (_is_cap(w) and self.continuation(i + 1) > 0)
        if _INITIALS.match(w):
            return self.continuation(i + 1) > 0
        if _is_cap(w) and not start:
            return self.proper(i)
        if _is_cap(w) and start and low in {"van", "ter", "ten", "el", "al"}:
            return self.proper(i + 1)
        return False

    def after_cue(self, i: int) -> int:
        """End of a name right after a title or relation word at token i (0 if none)."""
        j = i + 1
        is_title = self.doc[i].lower_.rstrip(".") in self.lex.titles or self.doc[i].lower_ in self.lex.titles
        if is_title and self.word(j) == ".":
            j += 1
        w = self.word(j)
        if w is None or self.starts[j]:
            return 0
        low = w.lower()
        if low in self.lex.first_names or self.proper(j) or (_INITIALS.match(w) and self.continuation(j + 1)):
            return self.chain_end(j)
        n = self.continuation(j) if low in self.lex.particles or self.surname_at(j) else 0
        return j + n if n else 0

    def claim(self, i: int, end: int) -> None:
        start_char = self.doc[i].idx
        end_char = self.doc[end - 1].idx + len(self.doc[end - 1].text)
        _claim(self.spans, self.taken, start_char, end_char, "NAAM")

    def run(self) -> None:
        i = 0
        while i < len(self.doc):
            w = self.word(i)
            if w is None:
                i += 1
                continue
            low = w.lower()
            if low in self.lex.titles or low.rstrip(".") in self.lex.titles or low in self.lex.relations:
                end = self.after_cue(i)
                if end:
                    first = i + 2 if self.word(i + 1) == "." else i + 1
                    self.claim(first, end)
                    i = end
                    continue
            if self.name_start(i):
                end = self.chain_end(i)
                self.claim(i, end)
                i = end
                continue
            i += 1


def _place_spans(doc, spans: List[Span], taken: List[bool]) -> None:
    nlp, matcher = _nlp()
    starts = _sentence_starts(doc)
    matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for match_id, s, e in matches:
        label = nlp.vocab.strings[match_id]
        first = doc[s]
        if label == "PLACE_AMBIGUOUS":
            previous = doc[s - 1].lower_ if s > 0 else ""
            if not ((_is_cap(first.text) and not starts[s]) or previous in LOCATIVES):
                continue
        _claim(spans, taken, first.idx, doc[e - 1].idx + len(doc[e - 1].text), "PLACE")


def find_spans(text: str) -> List[Span]:
    """The personal-data spans in `text`, sorted, not overlapping (protected spans left out)."""
    if not text:
        return []
    spans: List[Span] = []
    taken = [False] * len(text)
    _pattern_spans(text, spans, taken)
    nlp, _ = _nlp()
    doc = nlp.make_doc(text)
    _place_spans(doc, spans, taken)
    _NameFinder(doc, taken, spans).run()
    result = [Span(s.start, s.end, "PLAATS" if s.tag == "PLACE" else s.tag) for s in spans if s.tag != KEEP]
    return sorted(result, key=lambda s: s.start)


def deidentify(text: str) -> str:
    """`text` with names, places, addresses, dates, numbers and contact data replaced by tags
    such as [NAAM], [PLAATS], [DATUM] and [GETAL]."""
    if not text:
        return text
    out, pos = [], 0
    for span in find_spans(text):
        out.append(text[pos : span.start])
        out.append(f"[{span.tag}]")
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


# -- whole conversations -------------------------------------------------------------
SAFE_ENTITIES = ("activity", "barrier", "time_commitment")


def _month(value: Optional[dt.datetime]) -> Optional[str]:
    return value.strftime("%Y-%m") if value else None


def _offset_minutes(value: Optional[dt.datetime], origin: dt.datetime) -> Optional[int]:
    if value is None:
        return None
    return int((value - origin).total_seconds() // 60)


def deidentified_conversation(session: Session, conversation_id: str) -> Dict[str, Any]:
    """One conversation for research or supervision: no client, sender or conversation id,
    no exact dates (the month of the conversation; times as minutes since its start), every
    text de-identified, entity offsets and numbers dropped. Raises ConversationNotFound."""
    from bot.workspace.summary import build_summary, load_conversation

    conv = load_conversation(session, conversation_id)
    origin = conv.started_at
    summary = build_summary(session, conversation_id)

    def quotes(items) -> List[Dict[str, Any]]:
        return [{"text": deidentify(q.text), "talk_type": q.talk_type, "stage": q.stage} for q in items]

    return {
        "month": _month(origin),
        "closed": conv.closed_at is not None,
        "duration_minutes": _offset_minutes(conv.closed_at, origin),
        "flagged": bool(conv.flagged),
        "target_behaviour": conv.target_behaviour,
        "summary_correction": deidentify(conv.summary_correction) if conv.summary_correction else None,
        "turns": [
            {
                "seq": t.seq,
                "speaker": t.speaker,
                "minute": _offset_minutes(t.created_at, origin),
                "text": deidentify(t.text),
                "intent": t.intent,
                "confidence": t.confidence,
                "talk_type": t.talk_type,
                "stage": t.stage,
                "entities": [
                    {"entity": e.get("entity"), "value": e.get("value")}
                    for e in (t.entities or [])
                    if isinstance(e, dict) and e.get("entity") in SAFE_ENTITIES
                ],
            }
            for t in sorted(conv.turns, key=lambda t: t.seq)
        ],
        "assessments": [
            {
                "client_turn": a.client_turn,
                "stage": a.stage,
                "confidence": a.confidence,
                "scores": dict(a.scores or {}),
                "evidence_count": a.evidence_count,
            }
            for a in sorted(conv.assessments, key=lambda a: a.id or 0)
        ],
        "tpb_answers": [
            {"construct": a.construct, "question": deidentify(a.question), "answer": deidentify(a.answer)}
            for a in sorted(conv.tpb_answers, key=lambda a: a.id or 0)
        ],
        "ruler_scores": [
            {"kind": r.kind, "value": r.value} for r in sorted(conv.ruler_scores, key=lambda r: r.id or 0)
        ],
        "safety_flags": [{"kind": f.kind} for f in sorted(conv.safety_flags, key=lambda f: f.id or 0)],
        "summary": {
            "stage": summary.stage,
            "stage_name": summary.stage_name,
            "confidence": summary.confidence,
            "thin_evidence": summary.thin_evidence,
            "thin_reason": summary.thin_reason,
            "stage_quotes": quotes(summary.stage_quotes),
            "change_talk": quotes(summary.change_talk),
            "sustain_talk": quotes(summary.sustain_talk),
            "consideration": {c.key: quotes(c.quotes) for c in summary.consideration},
            "rulers": {r.kind: r.value for r in summary.rulers},
            "tpb_discussed": {c.construct: c.discussed for c in summary.tpb},
        },
    }
