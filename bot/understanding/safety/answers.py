"""What the client's reply to the safety question means, in free text.

After "Denkt u er weleens aan om uit het leven te stappen?" a reply is read as an answer,
never as a new signal: yes (any length or wording), sometimes, unsure, a counter-question,
no, or another topic. Sometimes and unsure are handled like yes (guidelines:
docs/labelling.md, section 1).
"""

from __future__ import annotations

import re

from bot.understanding.safety.normalize import normalise

ANSWERS = ("yes", "sometimes", "unsure", "question", "no", "other")
SUPPORT_ANSWERS = ("yes", "sometimes", "unsure")

_FILLERS = r"(?:(?:eh|uh|ehm|hm|huh|tja|nou|echt|eerlijk|bro|zeg|joh|serieus|ok|oke) )*"
_QUESTION_START = re.compile(
    r"^"
    + _FILLERS
    + r"(?:waarom|hoezo|wat bedoel|wat moet|wat wil|wat heeft|wat gaat|wie leest|wie ziet|hoe kom|hoe bedoel|"
    r"waar slaat|waarvoor|moet ik|mag ik|is dat|ben je|bent u|ga je|gaat u|zeg je|vraag je|vraagt u|"
    r"hoe weet|wat doe|wat doet|wat gebeurt|krijgt|komt|wat is|wat betekent|wat betekend|ik snap|heb ik iets|"
    r"zei ik|zeg ik|lijk ik)\b"
)
_SOMETIMES = re.compile(
    r"\b(?:soms|af en toe|wel eens|weleens|welleens|zo nu en dan|een enkele keer|heel soms|vroeger wel|"
    r"het komt voor|komt weleens|komt wel eens|momenten|periodes|als het slecht gaat|in slechte tijden|"
    r"niet altijd|(?:een )?paar keer|keer per|in slechte (?:weken|dagen|tijden|periodes)|op slechte dagen|"
    r"nu en dan|van tijd tot tijd|sporadisch|komt en gaat|komt (?:het )?langs|alleen als|vroeger vaker|"
    r"vooral (?:als|na|s nachts|snachts|'s nachts|in)|wel vaker|dat gebeurt|het gebeurt|bij vlagen|dan weer wel)\b"
)
_UNSURE = re.compile(
    r"\b(?:weet (?:ik )?(?:het )?(?:\w+ ){0,2}(?:niet|nie)|zeker weten doe ik het niet|geen idee|misschien|twijfel|kan zijn|lastig te zeggen|"
    r"moeilijk te zeggen|ik weet het (?:niet|nie)|tja|wie weet|ik denk het (?:niet )?(?:een )?beetje|"
    r"niet zeker|weet niet|ik weet (?:het )?niet zo goed|lastig te beantwoorden|moeilijk te beantwoorden|"
    r"kan ik niet (?:goed |zo )?zeggen|moeilijke vraag|lastige vraag|moeilijk zeggen|lastig zeggen|niet wiem)\b"
)
_YES = re.compile(
    r"^"
    + _FILLERS
    + r"(?:ja|jawel|jazeker|jaa|jep|jup|yes|zeker|klopt|inderdaad|eerlijk gezegd wel|eigenlijk wel|best wel|ja hoor|"
    r"dat klopt|dat doe ik|ik denk het wel|helaas wel|helaas ja|vaak|elke dag|"
    r"regelmatig|de hele tijd|steeds|altijd|iedere dag|elke nacht)\b|"
    r"\b(?:ik heb er (?:\w+ ){0,3}over nagedacht|ik denk er (?:\w+ ){0,3}aan|ik heb er (?:\w+ ){0,3}aan gedacht|"
    r"\bwel ja\b|\bnatuurlijk\b|\bhet klopt\b|"
    r"gedachten (?:heb|had) ik(?! (?:\w+ )?(?:nooit|niet|geen))|ik heb (?:die |zulke |zo'n )?gedachten(?! (?:nooit|niet))|ik wil (?:dood|er niet meer zijn|"
    r"niet meer)|ik heb (?:een )?plan|ik weet hoe|had ik (?:\w+ ){0,2}(?:een )?plan|durfde (?:het )?(?:\w+ )?niet te zeggen)\b"
)
_NO = re.compile(
    r"^(?:nee|neen|nope|nooit|zeker niet|absoluut niet|helemaal niet|niet echt|niet hoor|echt niet|"
    r"geen sprake van|dat niet|zo ver ben ik niet|zover ben ik niet|ja nee|nee hoor|nee joh|welnee|"
    r"ik denk het niet|nee dat niet|nee zeker niet|in geen geval|totaal niet|niks van|absoluut nee)\b|"
    r"\b(?:zo erg is het niet|daar denk ik niet aan|denk ik niet aan|dat zou ik nooit doen|"
    r"zou ik (?:mezelf )?nooit|geen (?:zulke|zelfmoord)?gedachten|heb ik niet|zeker niet|"
    r"(?:gedachten|dat) (?:heb|had) ik (?:\w+ )?(?:nooit|niet)|nooit (?:zulke |die )?gedachten|"
    r"ik ben niet suicidaal|ben niet suicidaal|ik wil juist|ik wil gewoon werken|het gaat (?:wel )?goed met me)\b"
)
# The same answers in the languages NT2 clients most often fall back on (Turkish, Arabic,
# Polish, Ukrainian/Russian, Tigrinya, English), as the normaliser writes them.
_OTHER_LANGUAGES = {
    "yes": {"evet", "tak", "так", "да", "aiwa", "aywa", "naam", "na'am", "ewe", "iwe", "yes", "yeah", "yep"},
    "sometimes": {"bazen", "czasami", "czasem", "інколи", "иногда", "іноді", "ahyanan", "sometimes"},
    "unsure": {
        "bilmiyorum",
        "nie wiem",
        "niet wiem",
        "не знаю",
        "mumkin",
        "belki",
        "moze",
        "може",
        "kweenie",
        "idk",
        "i dont know",
        "maybe",
    },
    "no": {"hayir", "hayır", "niet", "nie", "ні", "нет", "la", "ayfal", "aykonen", "no", "nope"},
}
_YES_CLAUSE = {
    "ja",
    "jawel",
    "jazeker",
    "ja hoor",
    "ja echt",
    "ja dus",
    "ja helaas",
    "helaas wel",
    "wel ja",
    "ja zeker",
}
_CONTRAST = re.compile(r"\b(?:maar|alleen|behalve|hoewel|toch)\b")
# A "ja" whose content is about the conversation's topic (a plan, work) answers something
# else than the safety question: "ja, dat wil ik volgende week doen".
_OTHER_TOPIC = re.compile(
    r"\b(?:solliciteer|sollicit\w*|cursus|opleiding|vrijwilligerswerk|baan|werk|werken|stage|proefplaats\w*|"
    r"volgende week|morgen|maandag|dinsdag|woensdag|donderdag|vrijdag|cv|klantmanager|jobcoach|uren|"
    r"afspraak|gesprek|re-integratie|reintegratie|re integratie|uitkering|bijstand|traject|participatie\w*|"
    r"ziektewet|wajong|sollicitatieplicht|tegenprestatie|arbeidsdeskundige|bedrijfsarts|belastbaarheid)\b"
)
_MOOD = re.compile(
    r"\b(?:dood|doodgaan|leven|einde|eind|eruit|gedachten|gedacht|nagedacht|denk ik|zwaar|somber|moe|"
    r"niet meer|bang|mezelf|hoe ik|plan|donker|wanhopig|verdrietig|depressief|zinloos)\b"
)


def classify_answer(text: str) -> str:
    """One of ANSWERS."""
    clauses = normalise(text)
    whole = " | ".join(clauses)
    first = clauses[0] if clauses else ""
    if not whole:
        return "other"
    for answer in ("sometimes", "unsure", "yes", "no"):
        if first in _OTHER_LANGUAGES[answer]:
            return answer
    asks = "?" in (text or "")
    if _QUESTION_START.search(first) and not (_YES.search(whole) or any(c in _YES_CLAUSE for c in clauses)):
        if _OTHER_TOPIC.search(whole) and not _MOOD.search(whole):
            return "other"
        return "question"
    no = bool(_NO.search(first)) or bool(_NO.search(whole) and not _YES.search(whole))
    sometimes = bool(_SOMETIMES.search(whole))
    unsure = bool(_UNSURE.search(whole))
    yes = bool(_YES.search(whole)) or any(c in _YES_CLAUSE for c in clauses)
    if no and (sometimes or yes or unsure) and _CONTRAST.search(whole):
        return "unsure" if unsure and not (sometimes or yes) else "sometimes"
    if no and not sometimes:
        return "no"
    if sometimes:
        return "sometimes"
    if unsure:
        return "unsure"
    if yes:
        if _OTHER_TOPIC.search(whole) and not _MOOD.search(whole):
            return "other"
        return "yes"
    if _OTHER_TOPIC.search(whole) and not _MOOD.search(whole):
        return "other"
    if asks:
        return "question"
    # Nothing clear either way. A reply that speaks of how the client feels is taken as
    # "unsure" (crisis support is the safe side); a bare "ok" or another topic is not.
    if _MOOD.search(whole):
        return "unsure"
    return "other"
