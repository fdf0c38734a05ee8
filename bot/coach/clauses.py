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
    "waardoor waarmee wat die waar waarin waarop waarvan waarbij waarover waarnaar waaraan waarvoor "
    "wie hoe waarom hoeveel".split()
)
# Subordinators that are prepositions before anything but a subject: "als schuldhulpmaatje", "tot mijn
# pensioen", "sinds 2015", "werk of school" do not open a clause; "als ik", "sinds het" do.
PREPOSITION_LIKE = {"als", "of", "tot", "sinds", "toen"}
CLAUSE_SUBJECTS = set("ik k je jij u het hij zij ze we wij er men iemand niemand iedereen dat dit".split())
WH_WORDS = {"wie", "wat", "waar", "hoe", "waarom", "wanneer", "welke", "welk", "hoeveel"}
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
    "gemeente|uwv|instantie|instanties|omgeving|collega's|collega|coördinator|coordinator|werkcoach|"
    "trajectbegeleider|leraar|lerares|docent|mentor|manager|chef|ex|schoonvader|opa|oma|tante|oom|neef|nicht|"
    "zoons|dochters|broers|zussen|vrienden|vriendinnen|buren|kennissen|werkgevers|werkgever|fysiotherapeut|"
    "therapeut|hulpverlener|wijkteam|bewindvoerder|sociale dienst|verzekeringsarts|zus|vriendje|vriendinnetje"
)
OTHER_SUBJECTS = re.compile(
    rf"^(?:(?:mijn|m'n|mn|me|de|het|die|deze|onze)\s+(?:{PEOPLE})|ze|zij|hij|iedereen|niemand|men|mensen)\b", re.I
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
    r"iedereen|niemand|mensen|we|wij|u|jij|daar|hier|werk|werken)\b"
)
# "maar" starts a clause only before one ("laat ik maar meteen zeggen" is one clause)
COORDINATOR_SPLIT = re.compile(
    rf",?\s+(?=(?:maar|want|en toch)\s+{_NEW_CLAUSE})|,\s+(?=(?:alleen|dus)\s)|;\s*|,\s+(?=en\s)", re.I
)
WORD = re.compile(r"[\w'’-]+|[^\w\s]", re.UNICODE)
MIN_WORDS, MAX_WORDS = 3, 26  # the echo itself is kept shorter (reflection.MAX_ECHO_WORDS)
DANGLING = {
    "er",
    "om",
    "te",
    "van",
    "met",
    "voor",
    "bij",
    "naar",
    "over",
    "de",
    "het",
    "een",
}  # not "aan": "neemt ... aan"
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
    plain: Optional[str] = (
        None  # a clause without the client in it, as it is ("het gaat goed", "hij heeft geen rugpijn")
    )
    meta: bool = False  # about the conversation itself ("ik moet iets rechtzetten", "dat heb ik niet gezegd")
    anaphoric: bool = False  # opens on a word pointing back ("daar ben ik goed in", "zij zeggen hetzelfde")

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
    if low in PREPOSITIONS or low in SUBORDINATORS:
        return None
    if (low.endswith(("de", "te")) and not low.endswith("ste") and len(low) > 4) or any(
        low.endswith(p) for p in PAST if len(p) >= 3
    ):
        return low  # past tense, also separable: "voelde", "uitviel", "opgaf" stay as they are
    if low.endswith(("en", "e")):
        return None  # infinitives, plurals, adjectives: not a first-person finite verb
    return low if low.endswith("t") else low + "t"


THIRD_PERSON_FIX = {"vind": "vindt", "word": "wordt", "zeg": "zegt", "denk": "denkt", "werk": "werkt", "wil": "wil"}
SINGULAR_PEOPLE = set(PEOPLE.split("|")) - set(
    "ouders kinderen instanties collega's familie zoons dochters broers zussen vrienden vriendinnen buren "
    "kennissen werkgevers".split()
)


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


# "nie" = niet, "zij" for "zei" (NT2), and the common chat short forms ("gwn" = gewoon, "mss" = misschien)
CHAT_SPELLINGS = {"nie", "ff", "tog", "wa", "da", "zij", "gwn", "mss", "wss", "idd", "iig", "nmm", "tis", "kweet", "w8"}


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
        if (
            len(low) > 3
            and low.endswith("e")
            and not low.endswith(("ste", "de"))  # ordinals and superlatives: "eerste", "tweede", "beste"
            and low not in known
            and low + "n" in known
            and low[:-1] not in known
        ):
            return True
    return False


def _verb_final_guess(word: str) -> bool:
    """Whether the last word of a subordinate clause with 'ik' can be taken as its finite verb."""
    if word in NEGATIONS or word.endswith(("ig", "lijk", "baar", "isch", "loos", "s")):
        return False
    if word.startswith("ge") and word.endswith(("d", "t")):
        return False  # a participle: the finite verb is elsewhere
    return _guess_u_form(word) is not None


def _opens_clause(lows: List[str], i: int) -> bool:
    """Whether lows[i] starts a subordinate clause (a preposition-like 'als', 'tot', 'of' does so
    only before a subject: "als ik", not "als vrijwilliger")."""
    if lows[i] not in SUBORDINATORS:
        return False
    if lows[i] in PREPOSITION_LIKE:
        return i + 1 < len(lows) and lows[i + 1] in CLAUSE_SUBJECTS
    if lows[i] == "wat" and (
        (i > 0 and lows[i - 1] in ("wel", "nog", "ook", "best", "toch", "even", "heel"))
        or (i + 1 < len(lows) and lows[i + 1] in ("meer", "minder", "langer", "beter", "anders", "extra"))
    ):
        return False  # "wel wat rust", "wat meer tijd": a quantity, no clause
    if lows[i] in ("dat", "die", "dit") and i + 1 < len(lows) and _finite(lows[i + 1]):
        return False  # a pronoun before its verb: "die bakkerij, dat was ...", "die heb je nodig"
    return True


def _tokens(text: str) -> List[str]:
    return WORD.findall(text)


def _is_word(token: str) -> bool:
    return bool(re.match(r"[\w'’-]", token))


NOUN_MARKERS = {"de", "een", "mijn", "m'n", "mn", "uw", "jouw", "zijn", "haar", "hun", "onze", "deze", "elke", "geen"}


def shift(text: str, require_change: bool = True, fragment: bool = False) -> Optional[str]:
    """`text` (one clause) in the 'u' form, or None when the grammar is too risky to shift.
    With require_change=False a clause without a first person ("het gaat goed") comes back as it is;
    with fragment=True a clause without a main verb ("een werkcoach die met me meedenkt") too."""
    tokens = _tokens(text)
    words = [t for t in tokens if _is_word(t)]
    if not ((2 if fragment else MIN_WORDS) <= len(words) <= MAX_WORDS) or words[-1].lower() in DANGLING:
        return None  # too short, too long, or cut off ("ik zou er")
    if INTRODUCTION.match(text.strip()) or text.rstrip().endswith(":"):
        return None  # "Ik ben Marianne" is no point to reflect; "... denk ik:" announces what follows
    lows = [t.lower() for t in tokens]
    if any(w in UNSHIFTABLE and not _generic_je(lows, j) for j, w in enumerate(lows)):
        return None
    if lows[0] in WH_WORDS and len(lows) > 1 and lows[1] not in ("ik", "k") and _finite(lows[1]):
        return None  # "wie wil mij nog hebben": a (rhetorical) question, even without "?"
    if _imperative(lows):
        return None  # "..., zeg het dan meteen": an order to the coach, not a point to say back
    if _direct_speech(lows):
        return None  # "mijn dochter zegt papa kom naar Polen": not to be said back without quotes
    if not fragment and not _main_clause_has_verb(lows) and lows[0] not in POSSESSIVES:
        return None  # "misschien een baan waar ik ...": no main clause, and it would read as advice
    out = list(tokens)
    changed = False
    moved_verb: Optional[int] = None  # the finite verb of a clause that opens with "omdat ik"
    # segments: a new (sub)clause starts at a subordinator or a comma
    segment_has_ik = [False] * len(tokens)
    seg_start = 0
    has_ik = False
    for i, low in enumerate(lows):
        if _opens_clause(lows, i) or low == ",":
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
            if prev is not None and i >= 2 and lows[i - 2] in ("ik", "k") and u_form(prev):
                return None  # NT2 "ik denk ik kan": a complement clause without "dat", not to be echoed
            # NT2 "het werk ik kan": after an article "werk" is a noun ("het vind ik lastig" stays a verb)
            after_noun = i >= 2 and lows[i - 2] in DETERMINERS and prev not in IRREGULAR
            if prev is not None and prev not in SUBORDINATORS and prev != "," and u_form(prev) and not after_noun:
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
                while end < len(tokens) and not _opens_clause(lows, end) and lows[end] not in (",", ".", "!", "?"):
                    if end + 1 < len(tokens) and lows[end + 1] in ("ik", "k") and u_form(lows[end]):
                        break  # "als ik ga werken | ben ik bang": the main clause's verb comes next
                    if _coordinated_clause(lows, end):
                        break  # "als ik werk | en het gaat mis ...": a clause with its own subject
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
        elif low in THIRD_PERSON_FIX and i > 0 and _singular_other_before(lows, i) and out[i] == tokens[i]:
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
    if not changed and require_change:
        return None
    if _misspelt(tokens):
        return None  # never say a client's typo back ("u snapt dat papier nie")
    if not fragment and not any(w in ("ik", "k") for w in lows) and not any(w in FINITE_VERBS for w in lows):
        return None  # a fragment without a verb ("betaald werk op mijn 61e"): nothing to say back as a clause
    if lows[0] in ("omdat", "doordat") and len(lows) > 2 and lows[1] in ("ik", "k") and moved_verb is not None:
        # "omdat ik op school zie dat ..." -> "u ziet op school dat ...": said back as a main clause
        verb = out[moved_verb]
        out = ["u", verb] + [t for j, t in enumerate(out) if j not in (0, 1, moved_verb)]
    result = " ".join(out)
    link = re.match(r"^(?:daarnaast|verder|bovendien|daarbij|ook)\s+(\w+)\s+u\b", result, re.I)
    if link:
        result = f"u {link.group(1)} ook{result[link.end() :]}"  # "daarnaast mist u X" -> "u mist ook X"
    elif lows[0] in ("daarnaast", "verder", "bovendien", "daarbij"):
        return None  # the link word points to what the coach does not say back
    result = re.sub(r"\s+([,.!?…:;])", r"\1", result)
    result = re.sub(r"\s+[’'‘\"“”]+|[’'‘\"“”]+\s+", " ", f" {result} ").strip()
    result = re.sub(r"[!?…]+(?=[,;:])", "", result)  # "20 uur!!, echt waar": no marks inside the echo
    result = result.strip(" ,.;:-!?…")  # "20 uur!" said back ends on the template's own stop
    if not result:
        return None
    first = result.split(" ", 1)[0]
    if not (first.isupper() and len(first) > 1):
        result = result[0].lower() + result[1:]
    if any(_particle_stem(w) for w in re.findall(r"\w+", result.lower())):
        return None  # a separable verb left in the first person: "... en nooit afbel"
    if set(re.findall(r"\w+", result.lower())) & FIRST_PERSON_ONLY:
        return None  # a first-person verb left unshifted: "u hebt vijf maanden heb gewerkt"
    if re.match(r"(?:dat|of)\s+(?:u|het|er|uw|de|die|ze|hij|zij|iemand|niemand)\b", result):
        return None  # a bare subordinate clause is no sentence: "dat u erover nadenkt"
    if not {w.lower() for w in re.findall(r"\w+", result)} - EMPTY_WORDS:
        return None  # "dat klopt wel": nothing of the client's own to say back
    result = re.sub(r"\b\w+\b", lambda m: LANGUAGES.get(m.group(0), m.group(0)), result)
    return result


def _particle_stem(word: str) -> bool:
    """A first-person form of a separable verb written as one word ("afbel", "opbel", "meedoe")."""
    for particle in SEPARABLE_PARTICLES:
        stem = word[len(particle) :]
        if word.startswith(particle) and len(stem) >= 3 and stem in STEMS | set(IRREGULAR) and not stem.endswith("t"):
            return True
    return False


# First-person verb forms no other subject takes ("hij kan", "het wil" are fine; "heb" is not).
FIRST_PERSON_ONLY = set("ben heb doe sta zie sla word vind hou hoef".split())
EMPTY_WORDS = set(
    "dat dit het is zo wel klopt waar ook ja nee er denkt vindt precies inderdaad toch u bent eigenlijk".split()
)
SPEECH_VERBS = {"zegt", "zei", "zeggen", "zeiden", "roept", "riep", "vraagt", "vroeg"}
# What may follow a verb of saying in reported speech ("zegt dat", "zei iets", "zegt het ook").
AFTER_SPEECH = set(
    "dat of het iets niets niks ook altijd nooit steeds vaak wel niet dit hetzelfde tegen me mij dan nu toen wat zelf "
    "er nog elke soms veel genoeg weinig zo alles".split()
)


DETERMINERS = set("de het een mijn m'n mn uw deze geen".split())
# Verbs whose stem form at the head of a clause is an order ("zeg het maar", "kom naar Polen");
# not "werk", "zorg", "plan": those open a clause as nouns as often.
IMPERATIVE_STEMS = set("zeg kom doe ga geef kijk luister laat hou wacht bel vraag help neem schrijf zoek".split())


def _imperative(lows: List[str]) -> bool:
    """Whether a clause (or its part after a comma) opens on an order."""
    for i, low in enumerate(lows[:-1]):
        if (i == 0 or lows[i - 1] == ",") and low in IMPERATIVE_STEMS and lows[i + 1] not in ("ik", "k", "je", "jij"):
            return True
    return False


def _coordinated_clause(lows: List[str], k: int) -> bool:
    """Whether lows[k] is a coordinator that opens a clause with its own subject and finite verb:
    "en het gaat mis", "maar ze zegt" (not "en het huis schoonmaak", the same subject going on)."""
    return (
        lows[k] in COORDINATORS
        and k + 2 < len(lows)
        and lows[k + 1] in CLAUSE_SUBJECTS - {"ik", "k"}
        and lows[k + 2] in FINITE_VERBS
    )


def _finite(word: str) -> bool:
    return word in FINITE_VERBS or word in IRREGULAR or word in IRREGULAR.values()


def _direct_speech(lows: List[str]) -> bool:
    """Whether a verb of saying is followed by the words said, without "dat" (direct speech)."""
    for i, low in enumerate(lows[:-1]):
        if low in SPEECH_VERBS and i > 0:
            nxt = lows[i + 1]
            if re.match(r"\w", nxt) and nxt not in AFTER_SPEECH:
                return True
            if nxt in (",", ":"):
                return True
    return False


def _main_clause_has_verb(lows: List[str]) -> bool:
    """Whether the words before the first subordinate clause hold a finite verb (or 'ik')."""
    end = next((k for k in range(1, len(lows)) if _opens_clause(lows, k)), len(lows))
    return any(w in ("ik", "k") or _finite(w) or u_form(w) for w in lows[:end])


def _generic_je(lows: List[str], j: int) -> bool:
    """A 'je' in a clause below the client's own ("ik wil laten zien dat je kunt werken") is the
    generic 'you', kept as it is; any other 'je', 'jij', 'u', 'we' makes the clause unshiftable."""
    if lows[j] != "je":
        return False
    ik = [a for a in range(j) if lows[a] in ("ik", "k")]
    return bool(ik) and any(_opens_clause(lows, b) for b in range(ik[0] + 1, j))


def _subject(text: str) -> Tuple[str, str]:
    """Whose clause this is: the client's ("ik ..."), someone else's ("mijn vrouw zegt ...") or nobody's."""
    match = OTHER_SUBJECTS.match(text.strip())
    if match:
        return "other", match.group(0).strip()
    lows = [t.lower() for t in _tokens(text)]
    if "ik" in lows or "k" in lows[:1] or any(w in POSSESSIVES or w in FIRST_PERSON_OBJECTS for w in lows):
        return "client", ""
    return "none", ""


# A clause that leans on what came before: "daar ken ik iedereen", "dat kan ik niet veranderen".
ANAPHOR = re.compile(
    r"^(?:(?:juist|ook|precies|en)\s+)?(?:daar\w*|hetzelfde)\b|^(?:dat|dit|zo)\s+(\w+)(?:\s+(\w+))?", re.I
)


def _anaphoric(text: str) -> bool:
    """Whether a clause opens on a word pointing back: "daar ken ik iedereen", "juist daardoor ...",
    "dat kan ik niet veranderen" ("dat/dit" before a verb; "dit werk" is a noun phrase)."""
    match = ANAPHOR.match(text)
    if not match:
        return bool(re.search(r"\bhetzelfde\b", text, re.I))
    word, after = match.group(1), (match.group(2) or "").lower()
    return word is None or _finite(word.lower()) or (u_form(word.lower()) is not None and after in ("ik", "k"))


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
    """'Ja, nou, ik wil wel' -> 'ik wil wel'; 'Nee wacht, ik ...' -> 'ik ...'."""
    text = text.strip()
    while True:
        stripped = COMMA_INTERJECTIONS.sub("", INTERJECTIONS.sub("", text)).strip()
        if stripped == text:
            return text
        text = stripped


# Words that only count with a comma after them: "Eerlijk, ik ..." (but "echt niet" stays).
COMMA_INTERJECTIONS = re.compile(
    r"^(?:eerlijk|serieus|echt|sorry|wacht(?: even)?|even voor de duidelijkheid|kortom|nou ja|goed|kijk|luister|"
    r"weet je wat)\s*[,:!]\s+",
    re.I,
)
# Tags after a clause that are not part of its content: "..., sorry", "... haha", "... of zo".
TRAILING_TAGS = re.compile(
    r"(?:(?:,\s*|\s+)(?:sorry|haha+|hihi|hoor|lol|zeg maar|weet je(?: wel)?|of zo|ofzo|enzo|en zo|ja|nee|toch|dus))+\s*$",
    re.I,
)
# Discourse particles that tie a clause to the client's own telling; said back they make the
# coach explain ("U wilt namelijk ...").
PARTICLES = re.compile(r"\s+(?:namelijk|trouwens|overigens)\b", re.I)
# Quote marks around words (not the apostrophe inside m'n, collega's, zo'n).
QUOTES = re.compile(r"(?<![\w])['‘’\"“”]+|['‘’\"“”]+(?![\w])")
# "ik ben Ria" / "ik ben Patrick, 44," at the start: an introduction, not a point to say back.
INTRO_PREFIX = re.compile(
    r"^(?:ik ben|ik heet|mijn naam is)\s+([A-Za-zÀ-ÿ][\w-]*)(?:\s+[A-Z][\w-]*)?\s*(?:,\s*\d+(?:\s*jaar)?\s*)?(?:,\s*|\s+en\s+|$)",
    re.I,
)
# The client announces a correction or an addition: nothing to say back in itself.
META_ONLY = re.compile(
    r"^(?:ik\s+)?(?:moet|wil|zou|ga|mag)\s+(?:ik\s+)?(?:(?:u|je|jou|even|nog|er|eerst|wel|graag|alleen|ook|één|een|ding|iets|wat|"
    r"dit|dat)\s+)*(?:\w+\s+)?(?:rechtzetten|verbeteren|corrigeren|toevoegen|zeggen|vragen|vertellen|kwijt|aanvullen)$",
    re.I,
)
# ... or frames what follows: "ik zou er alleen aan toevoegen dat ..." -> "dat ...".
META_FRAME = re.compile(
    r"^(?:ik\s+)?(?:zou|wil|moet)\s+(?:ik\s+)?(?:er\s+)?(?:(?:nog|alleen|wel|even|ook)\s+)*"
    r"(?:willen\s+)?(?:aan\s+toevoegen|bij\s+zeggen|erbij\s+zeggen|zeggen|toevoegen|kwijt)\s*[:,]?\s*(?=dat\s)"
    r"|^(?:wat\s+)?ik\s+bedoel(?:\s+is)?\s*[:,]?\s*(?=dat\s)",
    re.I,
)
# Clauses about the conversation itself: fine said back at once, not a point for a summary.
META_MARK = re.compile(
    r"\b(?:heb|had|hebt|heeft)\s+(?:\w+\s+)?(?:niet|nooit)\s+gezegd\b|\bzoals ik (?:al )?(?:zei|zeg)\b|"
    r"\bik (?:zei|schreef|bedoelde)\b|\brechtzetten\b|\bverbeteren\b",
    re.I,
)
# "fijn dat iemand ..." (no main verb) -> "ik vind het fijn dat iemand ...".
EVALUATIVE_DAT = re.compile(
    r"^(fijn|goed|jammer|raar|vreemd|vervelend|lastig|moeilijk|leuk|mooi|erg|zonde|stom|eng|spannend|belangrijk|"
    r"prettig|fijn om te horen)\s+(?=dat\s)",
    re.I,
)
LANGUAGES = {"nederlands": "Nederlands", "engels": "Engels", "pools": "Pools", "arabisch": "Arabisch", "turks": "Turks"}


def _main_order(text: str) -> str:
    """A clause that stands alone but has the order of a subordinate one, said as a main clause:
    "dat ik al zo lang uit het werk ben" -> "ik ben al zo lang uit het werk"."""
    tokens = _tokens(text)
    lows = [t.lower() for t in tokens]
    if len(lows) < 4 or lows[0] != "dat" or lows[1] not in ("ik", "het"):
        return text
    end = next((k for k in range(2, len(lows)) if _opens_clause(lows, k) or lows[k] == ","), len(lows))
    if lows[1] == "ik":
        finite = [k for k in range(2, end) if u_form(lows[k])]
    else:
        finite = [k for k in range(2, end) if lows[k] in FINITE_VERBS]
    if not finite:
        return text
    k = finite[-1]
    out = [tokens[1], tokens[k]] + [t for j, t in enumerate(tokens) if j not in (0, 1, k)]
    return re.sub(r"\s+([,.!?…:;])", r"\1", " ".join(out))


def prepare(part: str) -> str:
    """A clause as the analysis reads it: interjections, tags, particles, quote marks, an
    introduction and a frame ("ik zou eraan toevoegen dat ...") taken off."""
    part = QUOTES.sub("", part)
    part = strip_interjections(part.strip(" \"'“”‘’-"))
    part = TRAILING_TAGS.sub("", part.rstrip(" .!…")).strip().rstrip(" .!…")  # "20 uur! haha"
    part = PARTICLES.sub("", part)
    part = re.sub(r"(\w)\s+(denk|vind)\s+ik$", r"\1, \2 ik", part, flags=re.I)  # "het klopt denk ik"
    intro = INTRO_PREFIX.match(part)
    if intro:
        from bot.understanding.input_guard import dutch_words

        name = intro.group(1)
        if name[:1].isupper() or name.lower() not in dutch_words():
            part = part[intro.end() :].strip()
    part = META_FRAME.sub("", part)
    part = re.sub(r"^(?:en|maar|want)\s+(?=dat\s+ik\b)", "", part, flags=re.I)  # "En dat ik ..." opening a message
    part = EVALUATIVE_DAT.sub(lambda m: f"ik vind het {m.group(1).lower()} ", part)
    return _main_order(_subject_first(part))


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
                contrast = re.match(r"(?:tegelijk(?:ertijd)?|toch|aan de andere kant)\s+", part, re.I)
                if connector == "en" and contrast:
                    connector = "maar"  # "..., en tegelijk wil ik wel": a contrast like "maar"
                    part = part[contrast.end() :]  # "wil ik wel", put subject first below
            meta = bool(META_ONLY.match(strip_interjections(part)) or META_MARK.search(part))
            part = prepare(part)
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
                    shifted=None if is_question or META_ONLY.match(part) else (shift_fragment(part) or shift(part)),
                    plain=None
                    if is_question or subject == "client" or _misspelt(_tokens(part))
                    else shift(part, False),
                    meta=meta,
                    anaphoric=_anaphoric(part),
                )
            )
    return clauses


QUESTION_OPENING = re.compile(
    # a first-person verb opens a question only before its subject: "ben ik ...?", not chat's
    # "ben het zat om ..." (the "ik" left out of a statement)
    r"^(?:(?:krijg|hoef|word|ben|heb)\s+(?:ik|jij|je|u)\b|"
    r"(?:kan|mag|moet|kun|kunt|mogen|moeten|hoe|wat|wie|waar|wanneer|waarom|hoeveel|"
    r"welke|welk)\s+(?:ik|je|u|jij|jullie|het|er|dat|dit|mijn|de|iemand|men)\b|(?:wat|wie|waar|wanneer|waarom|"
    r"hoeveel|welke|hoe)\s+\w+\s+(?:ik|je|u|jij|jullie|er|het|mijn|de)\b)",
    re.I,
)


RHETORICAL_WHO = re.compile(r"^wie\s+(\w+)\s+(.*\b(?:nou|nog|toch)\b.*)$", re.I)


def answer_fragment(text: str) -> Optional[str]:
    """The first sentence of an answer that names things without a main verb ("Mijn knie en mijn
    leeftijd.", "Een werkcoach die met me meedenkt"), in the 'u' form; None for anything else."""
    first = prepare(SENTENCE_END.split((text or "").strip())[0])
    lows = [t.lower() for t in _tokens(first)]
    words = [w for w in lows if re.match(r"\w", w)]
    if not words or first.endswith("?") or _main_clause_has_verb(lows) or len(words) > 18:
        return None
    if lows[0] in ("misschien", "liever", "graag", "nee", "niet", "geen", "ja") or lows[0] in WH_WORDS:
        return None  # a guess, a refusal or a question is no list of what helps or stands in the way
    if _misspelt(_tokens(first)):
        return None
    return shift(first, require_change=False, fragment=True)


def rhetorical(clause: Clause) -> Optional[str]:
    """A rhetorical 'wie'-question as the statement it makes: "wie neemt er nou een ouwe drukker
    aan" -> "niemand neemt er een ouwe drukker aan"; "wie wil mij nog hebben" -> "niemand wil u
    nog hebben". None for any other clause."""
    match = RHETORICAL_WHO.match(clause.text.rstrip("?!. "))
    if not match or not _finite(match.group(1).lower()):
        return None
    rest = re.sub(r"\s*\bnou\b", "", match.group(2)).strip()
    return shift(f"niemand {match.group(1).lower()} {rest}", require_change=False)


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
            if more_follows and TEASER.match(re.sub(r"^(?:ja|nee|nou|oh|o)\W+", "", sentence, flags=re.I)):
                continue  # "En weet je wat grappig is? Vorige week ...": the client goes on to tell it
            echo = (
                len(words) <= 2
                or (len(words) <= 4 and more_follows and "ik" in low[1:3])
                # "Wat ik van plan ben? ...": a wh-word before "ik" is the order of a clause said
                # back, not of a question ("wat ben ik van plan?")
                or (more_follows and len(low) > 1 and low[0] in WH_WORDS and low[1] in ("ik", "k"))
                or (
                    low[:1] in (["dat"], ["of"]) and "ik" in low[1:3]
                )  # "dat ik het volhoud?": the coach's question said back
            )
            if echo:  # "Plan?" / "Wat ik wil?" followed by the answer: the coach's question said back
                continue
            asked.append(sentence)
        elif (
            QUESTION_OPENING.match(body)
            and len(words) >= 4
            and not INVERTING_OPENER.match(sentence)
            and not (more_follows and sentence.endswith("."))
        ):
            # without "?", only a sentence that is not closed by a full stop before more text:
            # "geld is nice. kan ik mn rijbewijs betalen. maar ..." states what money allows
            asked.append(sentence)
    return asked


# "(en) weet je wat ...?", "raad eens wie ...?" before the story itself: no question to answer.
# Not "weet je wat een proefplaatsing is?": a question about a word or a fact.
TEASER = re.compile(
    r"^(?:en\s+|maar\s+)?(?:raad\s+eens\b|weet\s+(?:je|jij|u)\s+(?:wat|wie)\s+(?!een\b|de\b)(?:[\w']+\s+){0,2}"
    r"(?:is|was|gebeurde)\s*\?$)",
    re.I,
)


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


# "u bent er klaar mee": "mee" belongs to "er", not to the verb
NO_PARTICLE_VERBS = set("bent hebt heeft wordt was had werd kunt wilt zult mag moet kon wilde moest".split())
NOT_INFINITIVES = set(
    "iedereen alleen tegen boven beneden buiten binnen samen morgen vanmorgen vanavond volgen eigen open "
    "zeven negen tien nederlanden even heen misschien".split()
)
NOUN_BEFORE = set("uw de het een die deze geen veel weinig twee drie vier vijf alle andere nieuwe oude eigen".split())
SEPARABLE_PARTICLES = set("op aan uit mee terug af in door na over toe weg om bij".split())
# Words that open an adverbial phrase: after a particle ("op", "terug") they show it is no preposition.
PHRASE_OPENERS = PREPOSITIONS | SEPARABLE_PARTICLES | set("na sinds tijdens vanaf tot zonder".split())
U_FINITES = set(IRREGULAR.values()) | set(PAST) | {"kunt", "wilt", "zult"}


def subordinate_order(echo: str) -> Optional[str]:
    """A simple echo "u <verb> <rest>" in the order of a subordinate clause, for "alsof ...":
    "u bent niet lui" -> "u niet lui bent", "u ziet ertegen op" -> "u ertegen opziet". None when
    the rest holds another verb, a clause or a comma (the order is then not safe to change)."""
    words = echo.split()
    if len(words) < 3 or words[0] != "u" or "," in echo:
        return None
    verb, rest = words[1], words[2:]
    if verb not in U_FINITES and not (verb.endswith("t") and (verb in STEMS or verb[:-1] in STEMS)):
        return None
    lows = [w.lower() for w in rest]
    for j, w in enumerate(lows):
        if w.endswith("en") and j > 0 and lows[j - 1] in NOUN_BEFORE:
            continue  # "uw rijbewijzen", "twee kinderen": a plural noun
        inflected = w in FINITE_VERBS or w in U_FINITES or (w.endswith("t") and w[:-1] in STEMS)
        if (w in SUBORDINATORS and w not in ("of",)) or w in ("maar", "want", "dus") or inflected:
            return None
        if w.endswith("en") and len(w) > 4 and w not in NOT_INFINITIVES and not w[0].isdigit():
            return None  # an infinitive, or a plural we cannot tell from one
        if w.startswith("ge") and w.endswith(("d", "t")) and len(w) > 4:
            return None  # a participle
        if w in SEPARABLE_PARTICLES and j + 1 < len(lows) and lows[j + 1] in PHRASE_OPENERS:
            return None  # "u bent wel op na afloop": a particle before a phrase; the verb's place is not safe
    if rest and lows[-1] in SEPARABLE_PARTICLES and verb not in NO_PARTICLE_VERBS:
        return " ".join(["u"] + rest[:-1] + [rest[-1] + verb])
    return " ".join(["u"] + rest + [verb])


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
