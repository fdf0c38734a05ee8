"""Compose the coach's reflection or affirmation from an analysis of the client's message.

The message is read as clauses (bot/coach/clauses.py). Then, in this order:
- two clauses joined by "maar" that pull in opposite directions -> a double-sided reflection
  ("Aan de ene kant ..., en tegelijk ...");
- an effort or strength the client named ("ik heb drie brieven gestuurd", "ik zorg voor mijn
  moeder") -> an affirmation of exactly that;
- a clause with a cue for a feeling or a value the client implied (fear, anger at imposed steps,
  shame, missing colleagues, earning one's own money) -> a complex reflection: the client's words
  plus that meaning;
- otherwise a simple reflection of the most telling clause in the client's own words;
- someone else's view ("mijn vrouw zegt dat ...") is reflected as theirs, never as the client's.
Nothing is added that the client did not say or clearly imply, and no direction is given unless
the talk type is confident. Returns None when no clause can be said back safely; the engine then
uses a content reflection (barrier, activity) or a short neutral one.

The Dutch wording lives in coach.yml (`reflections.*`, `affirmations.named.*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from bot.coach.clauses import Clause, answer_fragment, capitalise, rhetorical, split, subordinate_order

CONFIDENT = 0.6  # talk-type confidence above which a reflection may carry a direction
MAX_ECHO_WORDS = 16  # longer clauses are not echoed whole: the meaning line stands alone

# Cues for what the client implied: key -> pattern on the lowercased message. A cue preceded by a
# negation ("niet bang") does not count.
MEANING_CUES: Dict[str, str] = {
    "fear": r"\b(?:bang|eng|spannend|zenuwachtig|onzeker|angst|zie er tegenop|zie ertegen op|"
    r"(?:maak|maakte) (?:me|mij) (?:\w+ )?zorgen)\b",
    "imposed": r"\b(?:moet(?:en)? van|verplicht|dwingen|gedwongen|opgelegd|als een nummer|luistert niet|"
    r"luisteren niet|snappen (?:het )?niet|over mij beslissen|bemoeien)\b",
    "shame": r"\b(?:schaam|schaamte|gênant|genant)\w*",
    # "een hobby" only as what others call the client's work ("ze noemen het een hobby")
    "respect": r"\b(?:respect|serieus (?:ge)?nomen|serieus nemen|niet serieus|(?:niet|nooit) gehoord|luistert niemand|"
    r"niemand luistert|als een nummer|geen nummer|niet gezien|(?:noem\w*|genoemd|heet|afgedaan als)\b[^.]*\bhobby)\b",
    "rejection": r"\b(?:afgewezen|afwijzing\w*|nooit iets (?:terug)?gehoord|niks (?:terug)?gehoord|geen reactie)\b",
    # "kapot" only of the client ("ik ben kapot"): "mijn knie is kapot" is about the knee
    "tired": r"\b(?:moe|uitgeput|(?:ben|was) (?:\w+ )?kapot|geen energie|geen puf|doodop|opgebrand)\b",
    # the client's own body or illness ("mijn rug", "ik ben ziek"), not "een tijd achter de rug"
    # or a child who is ill; and only with a limit in the clause (see HEALTH_LIMIT)
    "health": r"\b(?:(?:mijn|m'n|mn)\s+(?:\w+\s+)?(?:rug|knie(?:ën|en)?|heup|schouders?|hart|lichaam|handen|"
    r"longen|gezondheid|nek|benen|voeten)|pijn|(?:ben|word|was) (?:\w+ ){0,2}ziek|burn-?out|hernia|reuma|artrose|"
    r"long ?covid|(?:rug|knie(?:ën|en)?|heup|hart)\s+(?:is\s+|zijn\s+)?(?:slecht|kapot|doet pijn))\b",
    # not "opvang": childcare is a cost or a worry, not the weight of caring for others
    "care": r"\b(?:zorg voor|mantelzorg\w*|verzorg\w*)\b",
    "own_money": r"\b(?:eigen geld|zelf (?:mijn )?geld|zelf verdienen|eigen inkomen|niet (?:meer )?afhankelijk|"
    r"op eigen benen|zonder uitkering)\b",
    # colleagues only when the client misses them: "mijn oud-collega's tippen mij" carries no value
    "contact": r"\b(?:mis\w* (?:\w+ ){0,2}(?:collega'?s|mensen)|contact met (?:andere )?(?:mensen|collega'?s)|"
    r"onder de mensen|eenzaam|alleen thuis|sociale contacten|gezelligheid)\b",
    "structure": r"\b(?:ritme|structuur|regelmaat)\b",
    "idle": r"\b(?:thuis zitten|thuiszitten|de hele dag thuis|iets om handen|niks te doen|niets te doen)\b",
    # the client's own "mis" ("ik mis", "mis ik", "dat ik het mis"), not "het gaat mis"
    "missing": r"\b(?:(?:ik|k)\s+(?:\w+\s+){0,3}(?:mis|miste)|(?:mis|miste)\s+ik)\b",
}
# Order of preference when several cues fit: the most specific meaning first.
MEANING_ORDER = (
    "respect",
    "imposed",
    "shame",
    "rejection",
    "own_money",
    "contact",
    "structure",
    "idle",
    "fear",
    "care",
    "tired",
    "health",
    "missing",
)
# A health cue says "your body limits what can be done" only when the clause names a limit:
# "ik weet wat ik moet doen als mijn hart opspeelt" is confidence, not a limit.
HEALTH_LIMIT = re.compile(
    r"\b(?:niet|geen|nooit|pijn|slecht|kapot|last|zwaar|zwaarder|moeilijk|sloopt|ziek|beperk\w*|zorgen|"
    r"onzeker\w*|op|burn-?out|hernia|reuma|artrose)\b",
    re.I,
)
# Meanings about how things are now ("Het kost u veel energie") do not fit a clause about the
# past ("ik was toen vooral uitgeput").
PRESENT_MEANINGS = {"tired", "health", "fear", "care", "idle", "structure"}
PAST_CLAUSE = re.compile(r"\b(?:toen|vroeger|destijds|in die tijd|was|waren|had|hadden)\b", re.I)
# Cues that colour the whole of a short message, not only the clause they are in.
WHOLE_MESSAGE_CUES = {"respect", "imposed", "shame", "rejection", "tired"}
NEGATED_CUE = re.compile(
    r"\b(?:niet|geen|nooit)\s+(?:\w+\s+)?$|\b(?:na|sinds|hersteld van|genezen van)\s+(?:een|mijn|m'n|de)\s+$"
)

# An effort or strength the client named: key -> pattern (on the lowercased client clause).
EFFORT_CUES: Dict[str, str] = {
    "steps": r"\b(?:heb|hebt)\b.*\b(?:gesolliciteerd|gestuurd|verstuurd|gebeld|gemaild|aangemeld|ingeschreven|"
    r"gevraagd|opgezocht|geprobeerd|gedaan|afgesproken|geregeld|gemaakt|aangepast|gesproken)\b|"
    r"\b(?:ben|bent)\b.*\b(?:begonnen|gestart|geweest|gegaan|ingeschreven)\b",
    # not "elke week": a routine is no sign of holding on against difficulty
    "persisting": r"\b(?:nog steeds|blijf|volhouden|volgehouden|hou vol|houd vol|zet door|ga door|toch weer)\b",
    "caring": r"\b(?:zorg voor|verzorg|help (?:mijn|de|elke|iedere|in|bij)|pas op|mantelzorg)\b",
}
EFFORT_ORDER = ("steps", "persisting", "caring")
FAILED = re.compile(r"\b(?:mis|mislukt|niet gelukt|lukte niet|afgewezen|niks|niets|nooit|telkens|steeds weer)\b", re.I)
CHANGE_MARKERS = re.compile(
    r"\b(?:wil|wilt|graag|zou|hoop|hoopt|mis|mist|plan|ga|gaat|begin|probeer|kan wel|kunt wel|zin in|liefst|"
    r"zoek|zoekt|solliciteer)\b",
    re.I,
)

Say = Callable[[Sequence[str]], str]


@dataclass(frozen=True)
class Reply:
    """What the coach says back, and what kind of move it is (for the engine and the evaluation)."""

    text: str
    kind: str  # simple | complex | double_sided | other_view | affirmation
    echo: str = ""  # the client's clause in the u-form that the reply says back ("" for two sides)
    side: str = ""  # which way that clause pulls: change, sustain or "" (for the summaries)
    gather: bool = True  # whether the echo may stand in a summary (not when it leans on an unsaid clause)


def _cues(text: str, patterns: Dict[str, str], order: Sequence[str]) -> List[str]:
    low = text.lower()
    found = []
    for key in order:
        for match in re.finditer(patterns[key], low):
            if not NEGATED_CUE.search(low[: match.start()][-20:]):
                found.append(key)
                break
    return found


def _meanings(text: str) -> List[str]:
    """The meanings a clause carries (MEANING_ORDER), without those its words do not bear out:
    health without a limit, a present state in a clause about the past."""
    found = _cues(text, MEANING_CUES, MEANING_ORDER)
    if "health" in found and not HEALTH_LIMIT.search(text):
        found.remove("health")
    if PAST_CLAUSE.search(text):
        found = [m for m in found if m not in PRESENT_MEANINGS]
    return found


SUSTAIN_MARKERS = re.compile(
    r"\b(?:bang|eng|zwaar|moeilijk|lastig|twijfel\w*|zorgen|onzeker|moe|pijn|zie (?:het|dat|er) \w* ?tegenop)\b", re.I
)


def _pull(clause: Clause) -> str:
    """Which way a clause pulls: 'change', 'sustain' or ''."""
    if clause.negated or SUSTAIN_MARKERS.search(clause.text):
        return "sustain"
    return "change" if CHANGE_MARKERS.search(clause.text) else ""


def _side(clause: Clause, talk: str, confident: bool) -> str:
    """The side a reflected clause belongs to in a summary: its own pull, confirmed by a confident
    talk type (a neutral fact with a "geen" in it is not "the other side")."""
    pull = _pull(clause)
    return pull if pull and confident and pull == talk else ""


MEANING_FRAME = set("voor veel bent heeft hebt zijn wordt weegt maakt".split())


def _repeats(meaning: str, echo: str) -> bool:
    """Whether the meaning line only repeats a content word the client's clause already has."""
    echo_words = set(re.findall(r"\w+", echo.lower()))
    content = {w for w in re.findall(r"\w+", meaning.lower()) if len(w) > 5}
    shared = {w for w in re.findall(r"\w+", meaning.lower()) if len(w) >= 4 and w not in MEANING_FRAME} & echo_words
    return bool(content & echo_words) or len(shared) >= 2  # "... op eigen benen staat. Op eigen benen ..."


def _sentence(echo: str) -> str:
    return capitalise(echo) + "."


PURPOSE_TAIL = re.compile(r"\s+(?:om\s+(?:\w+\s+){0,5}te\s+\w+|zodat\s).*$")


def _short(echo: Optional[str]) -> Optional[str]:
    """An echo that fits the limit: a long one without its purpose clause ("..., om te bewijzen
    dat ...") or its last comma part, else None."""
    if not echo or len(echo.split()) <= MAX_ECHO_WORDS:
        return echo
    cut = PURPOSE_TAIL.sub("", echo).rstrip(" ,")
    if len(cut.split()) > MAX_ECHO_WORDS and ", " in cut:
        cut = cut.rsplit(", ", 1)[0]  # "..., vooral de drukte": the elaboration after the last comma
    if len(cut.split()) > MAX_ECHO_WORDS and " en u " in cut:
        cut = cut.split(" en u ", 1)[0]  # two clauses of the client: the first one
    return cut if 4 <= len(cut.split()) <= MAX_ECHO_WORDS else None


def _usable(clauses: Sequence[Clause]) -> List[Clause]:
    return [c for c in clauses if _short(c.shifted) and not c.question]


def _double_sided(clauses: Sequence[Clause]) -> Optional[Tuple[str, str]]:
    """Two of the client's clauses, joined by "maar" (the first one the nearest before it that can
    be said back), that pull in opposite directions."""
    for j, second in enumerate(clauses):
        b = _short(second.shifted) or second.plain
        if second.connector != "maar" or not b or second.question or second.subject == "other":
            continue
        before = [c for c in clauses[:j] if (_short(c.shifted) or c.plain) and not c.question and c.subject != "other"]
        if not before:
            continue
        first = before[-1]
        a = _short(first.shifted) or first.plain
        if not (first.shifted or second.shifted):
            continue  # two sides without the client in them are no reflection of the client
        if (
            {_pull(first), _pull(second)} == {"change", "sustain"}
            or (first.plain and not first.negated and _pull(second) == "sustain")
            # "ik wil het wel, maar het moet wel kloppen voor de kinderen": the wish and its condition
            or (
                _pull(first) == "change" and first.shifted and second.plain and not (second.shifted or second.anaphoric)
            )
        ):
            if len(a.split()) + len(b.split()) <= 2 * MAX_ECHO_WORDS - 6:
                return a, b
    return None


def _with_antecedent(clauses: Sequence[Clause], clause: Clause) -> Optional[str]:
    """An anaphoric "maar"/"en" clause said back together with the clause it points to:
    "de arbeidsdeskundige zei dat ik 20 uur kan werken, maar dat geloof ik niet"."""
    i = clauses.index(clause)
    if i == 0 or clause.connector not in ("maar", "en"):
        return None
    prev = clauses[i - 1]
    if not clause.anaphoric and not (clause.connector == "maar" and prev.subject == "other"):
        return None  # joined: a clause pointing back, or the client's "maar" to someone else's view
    if not (prev.shifted or clause.shifted or prev.subject == "other"):
        return None  # nothing of the client's own in it
    a, b = _short(prev.shifted) or prev.plain, _short(clause.shifted) or clause.plain
    if not a or not b or prev.question or prev.anaphoric or len(a.split()) + len(b.split()) > MAX_ECHO_WORDS + 8:
        return None
    return f"{a}, {clause.connector} {b}"


def _carries_weight(clauses: Sequence[Clause], clause: Clause) -> bool:
    """A clause followed by a "maar" clause we cannot say back does not carry the message
    ("ik ben geen juf, maar toch, dat was mooi"): the weight is on what comes after "maar"."""
    i = clauses.index(clause)
    return not any(later.connector == "maar" and not later.shifted for later in clauses[i + 1 :])


def _pick_clause(clauses: Sequence[Clause], talk: str, confident: bool) -> Optional[Clause]:
    usable = [c for c in _usable(clauses) if _carries_weight(clauses, c)]
    if not usable:
        return None
    after_maar = [j for j, c in enumerate(usable) if c.connector == "maar" and c.subject != "other"]
    if after_maar:
        usable = usable[after_maar[-1] :]  # "..., maar ik ben bang": the weight is on what follows "maar"
    # the client's own clause first, then someone else's view; a clause that leans on an earlier
    # one ("daar ken ik iedereen") or talks about the conversation ("ik moet iets rechtzetten")
    # only when nothing else can be said back
    clear = [c for c in usable if not c.anaphoric and not c.meta]
    own = [c for c in clear if c.subject != "other"] or clear or [c for c in usable if c.subject != "other"] or usable
    if confident and talk in ("change", "sustain"):
        directed = [c for c in own if _pull(c) == talk]
        if directed:
            return directed[0]
    # the clause with the most content (more words, up to the limit), first one on ties
    return max(own, key=lambda c: min(len(c.words), MAX_ECHO_WORDS) - 0.1 * own.index(c))


def compose(
    text: str,
    talk: str,
    talk_confidence: float,
    say: Callable[[str, Dict[str, str]], str],
    allow_affirmation: bool = True,
    fragment_key: Optional[str] = None,
) -> Optional[Reply]:
    """The coach's reply to `text`, or None when nothing can be said back safely.

    `fragment_key`: the wording for an answer that only names things ("Mijn knie. En mijn leeftijd.")
    to the question just asked (what stands in the way, what would help), used when no clause can
    be said back.

    `say(key, fill)` picks a wording from coach.yml under `key` and fills it in.
    """
    clauses = split(text)
    if not clauses:
        return None
    confident = talk_confidence >= CONFIDENT and talk in ("change", "sustain")

    sides = _double_sided(clauses)
    if sides:
        return Reply(
            say("reflections.double_sided", {"a": sides[0], "b": sides[1], "a_cap": capitalise(sides[0])}),
            "double_sided",
            f"{sides[0]}, en {sides[1]}",
            "both",
        )

    # a rhetorical question carries the feeling of the message: "wie wil mij nog hebben"
    for c in clauses:
        statement = rhetorical(c)
        if statement and len(statement.split()) <= MAX_ECHO_WORDS:
            fill = {"echo": statement, "echo_cap": capitalise(statement)}
            return Reply(say("reflections.rhetorical", fill), "complex", statement, "", gather=False)

    # someone else's view and the client's answer to it ("..., maar dat geloof ik niet"), both kept
    for c in clauses:
        joined = _with_antecedent(clauses, c)
        if joined:
            return Reply(
                say("reflections.simple", {"echo": joined, "echo_cap": capitalise(joined)}), "simple", joined, ""
            )

    clause = _pick_clause(clauses, talk, confident)
    if clause is None:
        named = answer_fragment(text) if fragment_key else None
        if named:
            return Reply(say(fragment_key, {"echo": named}), "simple", named, "", gather=False)
        return None
    echo = _short(clause.shifted)
    gather = not (clause.anaphoric or clause.meta)

    if clause.subject == "other":
        return Reply(
            say("reflections.other_view", {"echo": echo, "echo_cap": capitalise(echo)}), "other_view", echo, ""
        )

    if allow_affirmation:
        for candidate in _usable(clauses):
            efforts = _cues(candidate.text, EFFORT_CUES, EFFORT_ORDER) if candidate.subject == "client" else []
            if efforts and not candidate.negated:
                if efforts[0] == "steps" and FAILED.search(candidate.text):
                    efforts = ["persisting"]  # "al zo vaak geprobeerd en telkens ging het mis": no step forward
                shifted = _short(candidate.shifted)
                fill = {"echo_cap": capitalise(shifted)}
                reply = say(f"affirmations.named.{efforts[0]}", fill)
                return Reply(reply, "affirmation", shifted, "change", gather=not candidate.anaphoric)

    # the meaning is read off what is said back; a shortened echo may have lost its cue
    meanings = _meanings(clause.text) if echo == clause.shifted else []
    if not meanings and len(clauses) <= 2:
        meanings = [m for m in _meanings(text) if m in WHOLE_MESSAGE_CUES]
    if meanings:
        meaning = say(f"reflections.meaning.{meanings[0]}", {})
        if _repeats(meaning, echo):
            meaning = say(f"reflections.meaning.{meanings[0]}", {})  # the next wording of the same meaning
    if meanings and _repeats(meaning, echo):
        meanings = []  # "U vindt het spannend. Dat maakt het spannend voor u." says nothing new
    if meanings:
        return Reply(f"{_sentence(echo)} {meaning}", "complex", echo, _side(clause, talk, confident), gather)
    sub = subordinate_order(echo)
    key = "reflections.simple_sub" if sub else "reflections.simple"
    reply = say(key, {"echo": echo, "echo_cap": capitalise(echo), "sub": sub or ""})
    return Reply(reply, "simple", echo, _side(clause, talk, confident), gather)


__all__ = ["Reply", "compose", "capitalise"]
