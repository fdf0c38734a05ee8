"""Dialogue acts in context: when what a message says outranks the act the intent
classifier read in it (bot.understanding has no Rasa imports; the component applies this)."""

from __future__ import annotations

import re
from typing import Dict, Optional

from bot.core.stages import STAGES, intent_for_stage

# Dialogue acts that a message with clear content about the client's situation is not:
# "Ik doe vrijwilligerswerk bij de bibliotheek" is no goodbye, "Ik werk sinds kort bij een
# supermarkt" no question about the bot.
# (ask_question too: a statement without any form of a question is no question.)
OVERRIDABLE_ACTS = {"goodbye", "greet", "thanks", "bot_challenge", "out_of_scope", "nlu_fallback", "ask_question"}
CONTENT_MIN_CONFIDENCE = 0.5
CONTENT_MIN_WORDS = 4
_CLOSING_WORDS = re.compile(
    r"\b(?:doei|dag|daag|tot ziens|tot de volgende|tot later|tot straks|tot morgen|tot volgende week|bye|"
    r"later|ik ga stoppen|ik stop|ik moet gaan|ik ga nu|fijne dag|hallo|hoi|goedemorgen|goedemiddag|"
    r"goedenavond|hey|bedankt|dank)\b",
    re.I,
)


def content_outranks_act(text: str, act: str, stage_reading: Dict[str, object]) -> Optional[str]:
    """The stage intent to use instead of `act`, when the message says something clear about
    the client's situation and has no word of the act itself; else None."""
    name = str(stage_reading.get("name"))
    if act not in OVERRIDABLE_ACTS or name not in STAGES:
        return None
    if float(stage_reading.get("confidence") or 0.0) < CONTENT_MIN_CONFIDENCE:
        return None
    if len(text.split()) < CONTENT_MIN_WORDS or looks_like_question(text) or _CLOSING_WORDS.search(text):
        return None
    return intent_for_stage(name)


# A goodbye ends the chat, so it needs a word of leave-taking: "ja, dat wil ik volgende week
# doen" and "morgen ga ik naar het station" are no goodbye, whatever the classifier says.
_LEAVE_TAKING = re.compile(
    r"\b(?:doei+|doeg|dag|daag|tot (?:ziens|later|straks|morgen|zo|de volgende|volgende|gauw|snel)|ziens|bye|byebye|"
    r"ciao|houdoe|laters|de mazzel|adios|fijne (?:dag|avond|middag|ochtend|weekend|week)|"
    r"(?:nog )?een fijne|fijn weekend|goedenacht|welterusten|ik (?:ga|moet) (?:nu )?(?:stoppen|weg|gaan|afsluiten|"
    r"ervandoor|er (?:nu )?af|weer|nu)|ik stop(?: nu| hier| ermee)?|ik (?:stop|kap|hou|sluit|log|ben) (?:\w+ ){0,3}(?:ermee|uit|af|weg|klaar(?! voor| om)|bij)|"
    r"dat was het|genoeg (?:geweest|voor (?:nu|vandaag))|we spreken (?:elkaar|ons)|afsluiten|uitloggen|"
    r"ik ben klaar(?! voor| om)|klaar voor vandaag|voor nu)\b",
    re.I,
)


def is_leave_taking(text: str) -> bool:
    return bool(_LEAVE_TAKING.search(text or ""))


_SENTENCES = re.compile(r"(?<=[.!?…])\s+|\n+")
# Unmistakable leave-taking, for a message's last sentence (is_leave_taking also accepts
# weaker words, to let a short goodbye through; "ik ben er klaar voor" must not end a chat).
_CLEAR_LEAVE_TAKING = re.compile(
    r"\b(?:doei+|doeg|daag|tot (?:ziens|later|straks|morgen|de volgende(?: keer)?|volgende week|gauw|snel)|"
    r"bye|byebye|ciao|houdoe|laters|laterz|latertjes|tot kijk|de mazzel|fijne (?:dag|avond|middag|ochtend|weekend|week)|fijn weekend|"
    r"goedenacht|welterusten|ik (?:moet|ga) (?:nu |zo |even |echt )?(?:gaan|stoppen|ophouden|weg|afsluiten|"
    r"ervandoor)|ik stop (?:nu|hier|ermee voor (?:nu|vandaag))|genoeg (?:gepraat|gekletst|geweest|getypt)|"
    r"(?:tijd om te|ik wil nu) (?:stoppen|gaan)|dat was het (?:voor (?:nu|vandaag)|wel)|"
    r"ik hou het (?:hier ?)?bij|ik laat het (?:hier ?)?bij|het hier ?bij (?:laten|houden)|met vriendelijke groet|"
    r"vriendelijke groet(?:en)?|hartelijke groet(?:en)?|groetjes|mvg|"
    r"ik moet (?:gaan )?(?:pitten|slapen|naar bed)|genoeg gezegd|"
    r"bedankt voor (?:het gesprek|het aanhoren|je tijd|uw tijd|de vragen)|(?:ik )?dank u voor het gesprek)\b|"
    r"[,.!]\s*dag\s*[!.]*$",  # "ok bedankt, dag" at the end; alone, "dag" may be a greeting
    re.I,
)


def ends_with_leave_taking(text: str) -> bool:
    """Whether the message closes by taking leave ("ik moet gaan, morgen vroeg op. dank je wel,
    tot ziens"): its last sentence takes leave and asks nothing. Whatever came before, the
    client is going, and the coach must respect that at once."""
    sentences = [s for s in _SENTENCES.split((text or "").strip()) if s.strip()]
    if not sentences or "?" in sentences[-1]:
        return False
    # the last sentence, or the one before a closing thank-you ("ik ga nu stoppen. Bedankt, was oké.")
    thanks_last = len(sentences) > 1 and re.match(r"(?i)\s*(?:bedankt|dank)", sentences[-1])
    closing = sentences[-2:] if thanks_last else sentences[-1:]
    if len(sentences) > 1 and re.fullmatch(r"(?i)\s*(?:goedendag|goeiedag|dag)\s*[!.]*\s*", sentences[-1]):
        return True  # "Ik dank u voor het gesprek. Goedendag." (alone, it may be a greeting)
    return any(_CLEAR_LEAVE_TAKING.search(s.strip()) for s in closing)


# Question words only: a verb first is as often an answer in chat Dutch ("is goed", "ben er klaar voor").
_QUESTION_START = re.compile(
    r"^\s*(?:en |maar |eh |nou |ja maar )?(?:waarom|wat|hoe|wie|waar|wanneer|welke|welk|hoezo|hoeveel)\b",
    re.I,
)


def looks_like_question(text: str) -> bool:
    """ "waarom vraagt u dat" is a question, not a yes; "ja" and "nee hoor" are not."""
    text = text or ""
    return "?" in text or bool(_QUESTION_START.search(text))


ANSWER_ACTS = {"affirm", "deny"}
QUESTION_ACT = "ask_question"
GOODBYE = "goodbye"
THANKS = "thanks"  # "dank je, tot ziens" is a goodbye
