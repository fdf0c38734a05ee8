"""Near misses: constructions that share words with crisis messages but, by the labelling
guidelines (docs/labelling.md, "Near misses"), are no signal - hyperbole, "niet meer" with an
object or a goal, not seeing a task through, ending a thing rather than a life, an upbeat
wish.

They are not a veto: a lexicon hit in the same message still counts in full. They only ask
the trained classifier to be surer before it alone makes the coach ask (detector.Thresholds).
"""

from __future__ import annotations

import re

from bot.understanding.dialogue_act import ends_with_leave_taking
from bot.understanding.safety.normalize import canonical

_ACTIVITY = (
    r"(?:thuis|naar|afhankelijk|in de|bij de|op de bank|binnen|alleen thuis|stil zitten|wachten|werkloos|"
    r"van de gemeente|van een uitkering|van de bijstand|zo leven,? ik wil|elke dag|de hele dag|niksen|"
    r"solliciteren|die|dat|dit|deze|mijn (?:oude|vorige)|terug naar|op straat|om \d|om (?:vijf|zes|zeven))"
)
NEAR_MISS = re.compile(
    "|".join(
        [
            rf"\b(?:niet|nie|nooit) meer {_ACTIVITY}",
            # something others do to the client: "ik wil niet meer gepusht / gebeld worden"
            r"\b(?:niet|nie|nooit) meer (?:zo |steeds |elke keer |door \w+ )?(?!geboren)(?:ge|be|ver|lastig ?ge)\w+ (?:te )?worden\b",
            r"\bdodelijk (?:saai|vermoeiend|eentonig|irritant|druk)",
            r"\bdood ?(?:saai|moe|op|irritant|ziek van)\b",
            r"\bdood van (?:de|het)? ?(?:stress|lach|lachen|verveling|zenuwen|schrik|schaamte|kou|hitte)",
            r"\b(?:schrok|schrik|lach|lachte|verveel|verveelde|werk|schaam|ergerde|erger) (?:me|mij|mezelf|ik me) "
            r"(?:\w+ )?(?:dood|kapot|suf|rot)\b",
            r"\b(?:de tijd doden|doodgelachen|doodgewerkt|doodop)\b",
            r"\bzie (?:het )?(?:niet|nie|echt niet) zitten (?:om|met|dat|bij|met die|met dat)\b",
            r"\b(?:stop|kap|kapte|stopte|ophouden) (?:ik )?(?:ermee|met) (?:\w+ ){0,2}(?:project|cursus|opleiding|"
            r"vrijwilligerswerk|traject|baan|werk|groep|taalles|stage|sport|roken|drinken|app)",
            r"\b(?:punt|streep|einde|eind) (?:achter|aan) (?:die|dat|de|het|mijn) (?:\w+ )?(?:cursus|project|baan|"
            r"opleiding|traject|relatie|stage|vrijwilligerswerk|gedoe|discussie)",
            r"(?<!geen )\bzin (?:om|in) (?!het leven|leven|te leven)",
            # being away for a while is not being gone: "als ik er niet ben" (no "meer")
            r"\bals ik er (?:een keer |even |eens |een dag |een week )?(?:niet|nie) ben\b(?! meer)",
            # leaving the chat, or an everyday errand, is not leaving life
            r"\b(?:stoppen|stop|ophouden|afsluiten|afronden|afbreken) (?:met |ermee )?(?:deze |de |dit |het |die )?"
            r"(?:chat|gesprek|gesprekje|programma|vragenlijst|app)\b",
            r"\bmoet (?:nu |zo |even |echt )?(?:gaan|weg|ervandoor|stoppen|ophouden)\b.{0,40}\b(?:kinderen|kind|zoon|dochter|"
            r"werk|afspraak|school|ophalen|halen|wakker|eten|koken|bus|dokter|boodschappen|winkel|doei|dag|later|ziens)\b",
            r"\b(?:kinderen|kind|zoon|dochter|baby|kleine|\w+) (?:is|zijn|wordt|word) wakker\b",
            # the professional reading the chat is not a farewell letter ("als je dit leest ...")
            r"\b(?:arbeidsdeskundige|klantmanager|jobcoach|werkcoach|begeleider|consulent|professional|casemanager)"
            r"\b.{0,60}\b(?:leest|lezen|gelezen|te lezen)\b",
        ]
    )
)


def near_miss(text: str) -> bool:
    """True when the message holds a near-miss construction, or ends by taking leave of the chat
    ("Ik moet ophouden, mijn vrouw heeft gekookt. Tot ziens."): leaving the chat is not leaving life.
    A farewell with a signal ("dit is mijn laatste bericht") is caught by the lexicon, which a near
    miss never overrules."""
    return bool(NEAR_MISS.search(canonical(text or ""))) or ends_with_leave_taking(text or "")
