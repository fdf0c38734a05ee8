"""Read a client's message as clauses, and say a clause back in the coach's 'u' form.

A reflection must say what the client meant, in correct Dutch. So instead of swapping pronouns
over the whole text, the message is split into clauses; each clause gets its subject (the client,
someone else, or nobody), its negation and its modality, and only a clause whose grammar can be
shifted safely is rewritten:

    "ik ben bang dat ik mijn uitkering kwijtraak"  -> "u bent bang dat u uw uitkering kwijtraakt"
    "soms denk ik dat het nooit meer goed komt"     -> "soms denkt u dat het nooit meer goed komt"
    "mijn vrouw zegt dat ik het moet proberen"      -> "uw vrouw zegt dat u het moet proberen"
    "ik voel me nutteloos"                          -> "u voelt zich nutteloos"

When a verb cannot be found or agreed, the clause is refused (None): a wrong echo is worse than
none. No Rasa, no model: plain rules over a small lexicon, tested in tests/coach/test_clauses.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

# First person singular -> 'u' form where it is not simply stem + t.
IRREGULAR = {
    "ben": "bent",
    "is": "bent",  # NT2 "ik is moe"
    "heb": "hebt",
    "wil": "wilt",
    "wou": "wilde",
    "kan": "kunt",
    "zal": "zult",
    "mag": "mag",
    "moet": "moet",
    "hoef": "hoeft",
    "hou": "houdt",
    "doe": "doet",
    "ga": "gaat",
    "sta": "staat",
    "zie": "ziet",
    "sla": "slaat",
    "word": "wordt",
    "vind": "vindt",
    "weet": "weet",
}
# Past tense: the same for 'ik' and 'u'.
PAST = set(
    "was had kon mocht moest wilde zou ging deed vond dacht zat kreeg zag wist kwam liep stond lag "
    "bleef schreef sprak las nam gaf hield liet viel begon zocht bracht kocht werd at hielp trok "
    "koos vroeg zei woog reed verloor vergat verdween dronk zong won schrok sliep droeg wou".split()
)
# Regular present-tense first-person forms (stems) clients use; 'u' form is stem + t.
STEMS = set(
    "werk denk hoop voel zoek maak leer help kijk merk probeer twijfel durf mis geniet schaam ken "
    "sport loop lees schrijf krijg blijf begin spreek slaap verdien hoor zorg pas vrees droom plan "
    "solliciteer wacht geef neem vraag praat bel kies zit vertrouw verlang haat baal stop start train "
    "rij woon leef zeg schrik geloof wens kom breng eet drink lig zing speel fiets poets kook bak "
    "schilder tuinier volg mail app stuur bezoek ontvang gebruik verwacht herinner realiseer snap "
    "begrijp hoest lach huil schreeuw lijd worstel vecht kies besluit beslis bedoel bedenk weiger "
    "accepteer regel betaal spaar leen koop verkoop verhuis zoek mis verlies win red richt verveel "
    "ergert erger schaam pieker slaap hoest hinkel pak stap klim val duw trek open sluit beloof "
    "oefen lees typ tel reken heb houd antwoord oordeel bouw maai sjouw til draag deel vul".split()
)
NOT_A_VERB_AFTER_IK = set(
    "ook zelf niet wel nog al dus toch eigenlijk gewoon alleen en of maar heel echt persoonlijk zeker "
    "nooit ben hier daar nu dan weer altijd soms misschien graag vooral juist".split()
) - set(IRREGULAR)
SUBORDINATORS = set(
    "dat als omdat wanneer terwijl zodat of toen sinds voordat nadat hoewel zolang totdat tot doordat "
    "waardoor waarmee wat die waar waarin waarop waarvan waarbij waarover waarnaar waaraan waarvoor".split()
)
PREPOSITIONS = set("voor met bij aan van naar over tegen om op in uit door zonder achter naast tussen".split())
REFLEXIVE_OK = {"me", "mij"}
FIRST_PERSON_OBJECTS = {"mij": "u", "me": "u", "mezelf": "uzelf", "mijzelf": "uzelf", "ikzelf": "uzelf"}
POSSESSIVES = {"mijn": "uw", "m'n": "uw", "mn": "uw", "mijne": "uwe"}
# A clause with these is refused: we cannot shift them without changing who is meant.
UNSHIFTABLE = set("je jij jou jouw jullie u uw we wij ons onze".split())
NEGATIONS = set("niet geen nooit nergens niks niets niemand".split())
MODALS = {"wil", "wilt", "kan", "kunt", "moet", "zou", "mag", "hoef", "wou", "wilde", "kon", "moest"}
PEOPLE = (
    "vrouw|man|partner|vriend|vriendin|moeder|vader|ouders|kinderen|kind|dochter|zoon|familie|broer|zus|"
    "schoonmoeder|buurvrouw|buurman|klantmanager|jobcoach|consulent|begeleider|coach|casemanager|"
    "arbeidsdeskundige|dokter|huisarts|arts|bedrijfsarts|psycholoog|baas|leidinggevende|werkgever|"
    "gemeente|uwv|instantie|instanties|omgeving|collega's|collega"
)
OTHER_SUBJECTS = re.compile(
    rf"^(?:(?:mijn|m'n|mn|me|de|het|die|onze)\s+(?:{PEOPLE})|ze|zij|hij|iedereen|niemand|men|mensen)\b", re.I
)
# Verbs that may follow 'en' with the subject 'ik' left out: "ik zit thuis en doe ...".
COORDINATED_VERBS = set(IRREGULAR) | set(
    "zoek probeer help kijk voel denk maak leer loop zorg geniet durf merk lees schrijf bel vraag "
    "zeg krijg blijf verdien solliciteer twijfel".split()
)
INTERJECTIONS = re.compile(
    r"^(?:(?:hallo|hoi|hey|hee|goedemorgen|goedemiddag|goedenavond|goedendag|ja+|jawel|nee+|neuh|nou+|tja+|eh+m?|uh+m?|hm+|ok[eé]?|oké|okay|ach|goh|haha+|pff+|oh|o|"
    r"nouja|nou ja|tsja|zeker|precies|klopt|inderdaad|eerlijk gezegd|weet je|zeg maar|ik bedoel|dus|"
    r"ik moet (?:eerlijk )?zeggen|eerlijk is eerlijk|ik zeg het maar|om eerlijk te zijn|trouwens|"
    r"(?:en,? )?als ik (?:heel )?eerlijk ben,?)"
    r"\s*[,.!:;…-]*\s+)+",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+|\n+")  # a colon starts a new clause: "Zij zegt: ..."
_NEW_CLAUSE = (
    r"(?:ik|k|het|de|dat|dit|die|je|ze|zij|hij|mijn|er|dan|nu|toch|wel|niet|als|ook|soms|wie|wat|waar|hoe|"
    r"iedereen|niemand|mensen|we|wij|u|jij|daar|hier|werk|werken|een|geen)\b"
)
# "maar" starts a clause only before one ("laat ik maar meteen zeggen" is one clause)
COORDINATOR_SPLIT = re.compile(
    rf",?\s+(?=(?:maar|want|en toch)\s+{_NEW_CLAUSE})|,\s+(?=(?:alleen|dus)\s)|;\s*|,\s+(?=en\s)", re.I
)
WORD = re.compile(r"[\w'’-]+|[^\w\s]", re.UNICODE)
MIN_WORDS, MAX_WORDS = 3, 18
DANGLING = {"er", "om", "te", "aan", "toe", "van", "met", "voor", "bij", "naar", "over", "de", "het", "een"}
INTRODUCTION = re.compile(r"^(?:ik ben|mijn naam is|ik heet)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?[.!]?$")


@dataclass(frozen=True)
class Clause:
    """One clause of a client message, as the coach reads it."""

    text: str  # the clause as the client wrote it (interjections removed)
    connector: str  # "" or the word that joined it to the previous clause: maar, want, ...
    subject: str  # "client", "other" or "none"
    who: str  # for subject "other": the noun phrase ("mijn vrouw", "de gemeente"); else ""
    negated: bool
    modal: bool
    question: bool
    shifted: Optional[str]  # the clause in the 'u' form, lowercase start, no final stop; None if unsafe

    @property
    def words(self) -> List[str]:
        return [w.lower() for w in WORD.findall(self.text) if re.match(r"\w", w)]


def u_form(verb: str) -> Optional[str]:
    """The 'u' form of a first-person verb ('ben' -> 'bent'), or None if it is not one we trust."""
    low = verb.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low in PAST:
        return low
    if low in STEMS:
        return low if low.endswith("t") else low + "t"
    return None


def _guess_u_form(verb: str) -> Optional[str]:
    """A verb right after a sentence-initial 'ik' that is not in the lexicon: regular stem + t."""
    low = verb.lower()
    known = u_form(low)
    if known:
        return known
    if low in NOT_A_VERB_AFTER_IK or not low.isalpha() or len(low) < 2:
        return None
    if low.endswith(("en", "e")) or low in PREPOSITIONS or low in SUBORDINATORS:
        return None  # infinitives, plurals, adjectives: not a first-person finite verb
    if low.endswith(("de", "te")) or any(low.endswith(p) for p in PAST if len(p) >= 3):
        return low  # past tense, also separable: "uitviel", "opgaf" stay as they are
    return low if low.endswith("t") else low + "t"


THIRD_PERSON_FIX = {"vind": "vindt", "word": "wordt", "zeg": "zegt", "denk": "denkt", "werk": "werkt", "wil": "wil"}
SINGULAR_PEOPLE = set(PEOPLE.split("|")) - {"ouders", "kinderen", "instanties", "collega's", "familie"}


def _singular_other_before(lows: List[str], i: int) -> bool:
    """Whether lows[i] directly follows a singular third-person subject ("mijn dochter", "hij")."""
    if lows[i - 1] in ("hij", "zij", "iedereen", "niemand", "men"):
        return True
    return i >= 2 and lows[i - 1] in SINGULAR_PEOPLE and lows[i - 2] in ("mijn", "m'n", "mn", "me", "de", "het", "die")


COORDINATORS = {"en", "maar", "want", "of", "dus", "ofwel"}
# Finite verbs of other subjects ("mijn rug doet pijn", "het maakt me moe").
FINITE_VERBS = set(
    "is was zijn waren heeft hebben had hadden doet doen deed kan kunnen kon wil willen wilde moet moeten moest "
    "mag mogen gaat gaan ging zegt zeggen zei vindt vinden vond maakt maken lukt lukte werkt werken wordt worden "
    "werd zit zitten zat staat staan stond komt komen kwam blijft blijven geeft geven past helpt kost valt denkt "
    "denken ziet zien weet weten voelt voelde houdt loopt speelt betekent zou zouden vraagt vragen snapt begrijpt "
    "mist missen gebeurt gebeurde duurt hoort hoeft laat liet".split()
)


ADVERBIAL_OPENERS = set(
    "sinds op in na voor vorige vorig deze dit volgende volgend elke iedere gisteren morgen vandaag straks "
    "soms vaak nu toen daarna daarom eerst later vroeger vanaf tot binnenkort ooit nooit altijd".split()
)


def _adverbial_before(lows: List[str], i: int) -> bool:
    """Whether the words before 'ik' are an adverbial phrase the verb should follow (verb second):
    NT2 "vorige week ik heb", "sinds mijn burn-out ik kan", or a closed subordinate clause."""
    prev = lows[i - 1] if i > 0 else None
    if prev is None or prev in SUBORDINATORS or prev in COORDINATORS:
        return False
    if prev == ",":
        return _after_subordinate(lows, i)
    start = i - 1
    while start > 0 and lows[start - 1] not in (",", ".", "!", "?", ":"):
        start -= 1
    return lows[start] in ADVERBIAL_OPENERS or prev.isdigit()


def _after_subordinate(lows: List[str], comma: int) -> bool:
    """Whether the comma before position `comma` closes a subordinate clause ("als ik BBL doe, ...")."""
    j = comma - 2
    while j > 0 and lows[j - 1] not in (",", ".", "!", "?"):
        j -= 1
    return j >= 0 and lows[j] in SUBORDINATORS and lows[j] not in ("dat", "die", "wat", "waar")


CHAT_SPELLINGS = {"nie", "ff", "tog", "wa", "da", "zij"}  # "nie" = niet, "zij" for "zei" (NT2)


def _misspelt(tokens: List[str]) -> bool:
    """Whether a word of the clause is a chat or NT2 spelling the coach must not say back: "nie"
    for niet, "zij" for zei, a dropped final n ("brieve", "opsture": the word with an n is Dutch,
    the word without it is not, nor is it an inflected adjective like "mooie"). Refusing costs a reflection; echoing a typo reads as mockery."""
    from bot.understanding.input_guard import dutch_words

    known = dutch_words()
    for j, tok in enumerate(tokens):
        low = tok.lower()
        if not low[:1].isalpha() or (j > 0 and tok[:1].isupper()):
            continue  # numbers, punctuation, names
        if low in CHAT_SPELLINGS - {"zij"}:
            return True
        if low == "zij" and j + 1 < len(tokens) and tokens[j + 1].lower() in ("ik", "dat"):
            return True  # "mijn klantmanager zij ik moet": zij for zei
        if len(low) > 3 and low.endswith("e") and low not in known and low + "n" in known and low[:-1] not in known:
            return True
    return False


def _verb_final_guess(word: str) -> bool:
    """Whether the last word of a subordinate clause with 'ik' can be taken as its finite verb."""
    if word in NEGATIONS or word.endswith(("ig", "lijk", "baar", "isch", "loos", "s")):
        return False
    if word.startswith("ge") and word.endswith(("d", "t")):
        return False  # a participle: the finite verb is elsewhere
    return _guess_u_form(word) is not None


def _tokens(text: str) -> List[str]:
    return WORD.findall(text)


def _is_word(token: str) -> bool:
    return bool(re.match(r"[\w'’-]", token))


NOUN_MARKERS = {"de", "een", "mijn", "m'n", "mn", "uw", "jouw", "zijn", "haar", "hun", "onze", "deze", "elke", "geen"}


def shift(text: str) -> Optional[str]:
    """`text` (one clause) in the 'u' form, or None when the grammar is too risky to shift."""
    tokens = _tokens(text)
    words = [t for t in tokens if _is_word(t)]
    if not (MIN_WORDS <= len(words) <= MAX_WORDS) or words[-1].lower() in DANGLING:
        return None  # too short, too long, or cut off ("ik zou er")
    if INTRODUCTION.match(text.strip()) or text.rstrip().endswith(":"):
        return None  # "Ik ben Marianne" is no point to reflect; "... denk ik:" announces what follows
    lows = [t.lower() for t in tokens]
    if any(w in UNSHIFTABLE for w in lows):
        return None
    out = list(tokens)
    changed = False
    moved_verb: Optional[int] = None  # the finite verb of a clause that opens with "omdat ik"
    # segments: a new (sub)clause starts at a subordinator or a comma
    segment_has_ik = [False] * len(tokens)
    seg_start = 0
    has_ik = False
    for i, low in enumerate(lows):
        if low in SUBORDINATORS or low == ",":
            for j in range(seg_start, i):
                segment_has_ik[j] = has_ik
            seg_start, has_ik = i, False
        if low in ("ik", "k"):
            has_ik = True
    for j in range(seg_start, len(tokens)):
        segment_has_ik[j] = has_ik

    i = 0
    while i < len(tokens):
        low = lows[i]
        if low in ("ik", "k") and (low == "ik" or (i + 1 < len(tokens) and u_form(lows[i + 1]))):
            prev = lows[i - 1] if i > 0 else None
            nxt = lows[i + 1] if i + 1 < len(tokens) else None
            if prev is not None and prev not in SUBORDINATORS and prev != "," and u_form(prev):
                out[i - 1] = u_form(prev)  # inversion: "nu ben ik" -> "nu bent u"
                out[i] = "u"
            elif (prev is None or (prev == "," and not _after_subordinate(lows, i))) and nxt and _guess_u_form(nxt):
                out[i], out[i + 1] = "u", _guess_u_form(nxt)  # "ik werk" -> "u werkt"
                i += 1
            elif nxt is not None and u_form(nxt) and _adverbial_before(lows, i):
                # the verb second in Dutch: NT2 "vorige week ik heb" and "als ik BBL doe, ik krijg"
                # are said back as "vorige week hebt u" and "als u BBL doet, krijgt u"
                out[i], out[i + 1] = u_form(nxt), "u"
                i += 1
            elif prev in SUBORDINATORS or (prev in COORDINATORS and nxt is not None and u_form(nxt)):
                # subordinate clause, verb last: "dat ik mijn werk mis" -> "dat u uw werk mist"
                end = i + 1
                while end < len(tokens) and lows[end] not in SUBORDINATORS and lows[end] not in (",", ".", "!", "?"):
                    if end + 1 < len(tokens) and lows[end + 1] in ("ik", "k") and u_form(lows[end]):
                        break  # "als ik ga werken | ben ik bang": the main clause's verb comes next
                    end += 1
                # a word after an article or a possessive is a noun: "bij de zorg", "mijn werk"
                finite = [k for k in range(i + 1, end) if u_form(lows[k]) and lows[k - 1] not in NOUN_MARKERS]
                if len(finite) > 1:
                    finite = [k for k in finite if lows[k] != "is"] or finite  # NT2 "ik is" only as a last resort
                if not finite and prev in SUBORDINATORS and end - 1 > i and _verb_final_guess(lows[end - 1]):
                    finite = [end - 1]  # "dat ik mijn uitkering kwijtraak": the last word is the verb
                if not finite:
                    return None
                k = finite[-1] if prev in SUBORDINATORS else finite[0]
                out[i], out[k] = "u", u_form(lows[k]) or _guess_u_form(lows[k])
                if i == 1:
                    moved_verb = k
            else:
                return None
            changed = True
        elif low in COORDINATED_VERBS and i > 1 and lows[i - 1] == "en" and segment_has_ik[i]:
            out[i] = u_form(low)  # "ik zit thuis en doe ..." -> "... en doet ..."
            changed = True
        elif low == "me" and i + 1 < len(tokens) and re.fullmatch(PEOPLE, lows[i + 1]):
            out[i] = "uw"  # NT2 "me dochter" = "mijn dochter"
            changed = True
        elif low in THIRD_PERSON_FIX and i > 0 and _singular_other_before(lows, i):
            out[i] = THIRD_PERSON_FIX[low]  # "uw dochter vind" -> "uw dochter vindt"
        elif low in POSSESSIVES:
            out[i] = POSSESSIVES[low]
            changed = True
        elif low in FIRST_PERSON_OBJECTS:
            prev = lows[i - 1] if i > 0 else ""
            if low in REFLEXIVE_OK and segment_has_ik[i] and prev not in PREPOSITIONS:
                out[i] = "zich"  # "ik voel me" -> "u voelt zich"
            else:
                out[i] = FIRST_PERSON_OBJECTS[low]
            changed = True
        i += 1
    if not changed:
        return None
    if _misspelt(tokens):
        return None  # never say a client's typo back ("u snapt dat papier nie")
    if not any(w in ("ik", "k") for w in lows) and not any(w in FINITE_VERBS for w in lows):
        return None  # a fragment without a verb ("betaald werk op mijn 61e"): nothing to say back as a clause
    if lows[0] in ("omdat", "doordat") and len(lows) > 2 and lows[1] in ("ik", "k") and moved_verb is not None:
        # "omdat ik op school zie dat ..." -> "u ziet op school dat ...": said back as a main clause
        verb = out[moved_verb]
        out = ["u", verb] + [t for j, t in enumerate(out) if j not in (0, 1, moved_verb)]
    result = " ".join(out)
    result = re.sub(r"\s+([,.!?…:;])", r"\1", result)
    result = re.sub(r"\s+[’'‘\"“”]+|[’'‘\"“”]+\s+", " ", f" {result} ").strip()
    result = result.strip(" ,.;:-")
    if not result:
        return None
    first = result.split(" ", 1)[0]
    if not (first.isupper() and len(first) > 1):
        result = result[0].lower() + result[1:]
    return result


def _subject(text: str) -> Tuple[str, str]:
    """Whose clause this is: the client's ("ik ..."), someone else's ("mijn vrouw zegt ...") or nobody's."""
    match = OTHER_SUBJECTS.match(text.strip())
    if match:
        return "other", match.group(0).strip()
    lows = [t.lower() for t in _tokens(text)]
    if "ik" in lows or "k" in lows[:1] or any(w in POSSESSIVES or w in FIRST_PERSON_OBJECTS for w in lows):
        return "client", ""
    return "none", ""


FRAGMENT_WISH = re.compile(r"^(?:het\s+liefst|graag|liever)\b", re.I)


def shift_fragment(text: str) -> Optional[str]:
    """A verbless wish ("Het liefst weer gewoon werken, 20 uur") as "u wilt het liefst weer gewoon werken, 20 uur"."""
    if not FRAGMENT_WISH.match(text.strip()):
        return None
    lows = {t.lower() for t in _tokens(text)}
    if lows & {"ik", "k", "ze", "hij", "zij", "wij", "we"} or lows & UNSHIFTABLE:
        return None
    body = text.strip().rstrip(".!?…")
    words = [t for t in _tokens(body) if _is_word(t)]
    if not (2 <= len(words) <= MAX_WORDS):
        return None
    for mine, yours in {**POSSESSIVES, **FIRST_PERSON_OBJECTS}.items():
        body = re.sub(rf"(?<![\w'’]){re.escape(mine)}(?![\w'’])", yours, body, flags=re.I)
    return "u wilt " + body[0].lower() + body[1:]


def _subject_first(text: str) -> str:
    """'zie ik het niet zitten' (left after 'Eerlijk gezegd' was removed) -> 'ik zie het niet zitten'."""
    tokens = text.split(" ", 2)
    if len(tokens) >= 2 and tokens[1].lower() == "ik" and u_form(tokens[0]):
        return " ".join(["ik", tokens[0].lower()] + tokens[2:])
    return text


def strip_interjections(text: str) -> str:
    """'Ja, nou, ik wil wel' -> 'ik wil wel'."""
    return INTERJECTIONS.sub("", text.strip()).strip()


def split(text: str) -> List[Clause]:
    """The message as clauses, in order."""
    clauses: List[Clause] = []
    for sentence in SENTENCE_END.split(text or ""):
        sentence = sentence.strip()
        if not sentence:
            continue
        question = sentence.endswith("?")
        parts = COORDINATOR_SPLIT.split(sentence)
        for part in parts:
            part = part.strip(" ,;")
            connector = ""
            match = re.match(r"(maar|want|alleen|en toch|dus|en)\s+", part, re.I)
            if match and clauses:
                connector = match.group(1).lower()
                part = part[match.end() :]
            part = _subject_first(strip_interjections(part).strip(" \"'“”‘’-"))
            if not part:
                continue
            is_question = part.endswith("?") or (question and part is parts[-1])
            lows = {w.lower() for w in _tokens(part)}
            subject, who = _subject(part)
            clauses.append(
                Clause(
                    text=part.rstrip(".!?… "),
                    connector=connector,
                    subject=subject,
                    who=who,
                    negated=bool(lows & NEGATIONS),
                    modal=bool(lows & MODALS),
                    question=is_question,
                    shifted=None if is_question else (shift_fragment(part) or shift(part)),
                )
            )
    return clauses


QUESTION_OPENING = re.compile(
    r"^(?:(?:kan|mag|moet|krijg|hoef|word|ben|heb|kun|kunt|mogen|moeten|hoe|wat|wie|waar|wanneer|waarom|hoeveel|"
    r"welke|welk)\s+(?:ik|je|u|jij|jullie|het|er|dat|dit|mijn|de|iemand|men)\b|(?:wat|wie|waar|wanneer|waarom|"
    r"hoeveel|welke|hoe)\s+\w+\s+(?:ik|je|u|jij|jullie|er|het|mijn|de)\b)",
    re.I,
)


def questions_to_coach(text: str) -> List[str]:
    """The sentences of `text` that ask the coach something.

    "wat gebeurt er met mijn uitkering als ik ga werken?" and "kan ik stoppen met deze chat"
    are questions; a short echo of the coach's own question before the answer ("Wat ik wil?
    Dat ze me met rust laten.") is not.
    """
    sentences = [s.strip() for s in re.split(r"(?<=[.!?…])\s+|\n+", text or "") if s.strip()]
    asked = []
    for i, sentence in enumerate(sentences):
        words = [w for w in _tokens(sentence) if _is_word(w)]
        more_follows = i < len(sentences) - 1
        body = strip_interjections(sentence)
        if asked and sentence.lower().startswith("of ") and sentences[i - 1] in asked:
            asked.append(sentence)  # "kan ik stoppen? of moet ik hem afmaken": one question
        elif sentence.endswith("?"):
            low = [w.lower() for w in words]
            echo = (
                len(words) <= 2
                or (len(words) <= 4 and more_follows and "ik" in low[1:3])
                or (
                    low[:1] in (["dat"], ["of"]) and "ik" in low[1:3]
                )  # "dat ik het volhoud?": the coach's question said back
            )
            if echo:  # "Plan?" / "Wat ik wil?" followed by the answer: the coach's question said back
                continue
            asked.append(sentence)
        elif QUESTION_OPENING.match(body) and len(words) >= 4 and not INVERTING_OPENER.match(sentence):
            asked.append(sentence)
    return asked


# Adverbials after which Dutch puts the verb second: "eerlijk gezegd ben ik heel moe" is a
# statement, not "ben ik heel moe?" (without a question mark only verb-first is a question).
INVERTING_OPENER = re.compile(
    r"^\s*(?:(?:ja|nee|nou|tja|ach|oh|o)\s*[,.!]*\s+)*(?:eerlijk gezegd|eerlijk is eerlijk|om eerlijk te zijn|"
    r"als ik (?:heel )?eerlijk ben|trouwens|dus|zeker|inderdaad|soms|eigenlijk|nu|daarom|toen|vroeger)\b",
    re.I,
)


INFORMATION_REQUEST = re.compile(
    r"\b(?:u|jij|je|jou|jullie)\b|^(?:\w+\s+){0,3}(?:wat (?:is|zijn|betekent|betekend|gebeurt|houdt)|hoe (?:werkt|zit|lang|vaak)|"
    r"hoeveel|wanneer|mag ik|kan ik|moet ik|krijg ik|hou ik|houd ik|wie (?:leest|ziet|kan|krijgt)|waar kan|"
    r"is het waar|klopt het|weet (?:jij|u|je))\b",
    re.I,
)


YES_NO_QUESTION = re.compile(
    r"^(?:gaat|gaan|wordt|worden|komt|krijgt|leest|lezen|ziet|zien|is|zijn|heeft|hebben|kan|kunnen|mag|mogen|"
    r"moet|moeten|krijg|word|ben|heb|hou|houd)\s+\w+(?:\s+\w+){2,}",
    re.I,
)


def asks_for_information(question: str) -> bool:
    """Whether a question asks the coach for information ("wat is een proefplaatsing?", "mag ik
    stoppen?", "gaat wat ik hier schrijf naar het UWV?") rather than voicing a worry ("maar als
    ik werk, wie haalt de kinderen?")."""
    body = strip_interjections(question.rsplit(":", 1)[-1])  # "Vraag tussendoor: kan de bedrijfsarts ...?"
    return bool(INFORMATION_REQUEST.search(body) or YES_NO_QUESTION.match(body))


def has_statement(text: str) -> bool:
    """Whether `text` says something besides its questions (a clause of 3+ words that is not one)."""
    asked = set(questions_to_coach(text))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?…])\s+|\n+", text or "") if s.strip()]
    return any(
        s not in asked and len([w for w in _tokens(strip_interjections(s)) if _is_word(w)]) >= 3 for s in sentences
    )


def starts_subordinate(clause: str) -> bool:
    """'omdat u dit werk al 10 jaar doet': fine as an answer said back, not as a line of a summary."""
    first = clause.split(" ", 1)[0].lower() if clause else ""
    return first in SUBORDINATORS or first in ("want", "en", "maar", "dus")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
