"""Closing: the summary in the client's own words, "klopt dit?", correction, goodbye."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import client_message, closing_summary, pick_for_audience, pick_text, ref, say, store
from actions.safety import safety_first
from bot.coach import phases
from bot.coach import records as db

# "Ja! Zo is het precies. Dank je wel!" agrees with the summary, whatever the dialogue-act
# classifier made of it; "ja, klopt. Alleen: ..." adds something.
AGREES = re.compile(
    r"^\W*(?:ja+|jazeker|jawel|(?:dat )?klopt|precies|inderdaad|helemaal goed|zo is het|dat is (?:het|juist|correct)|"
    r"(?:dat is )?(?:een )?(?:goed|mooi|prima|correct|juist)e? (?:samengevat|samenvatting|weergave))\b",
    re.I,
)
ADDS = re.compile(
    r"\b(?:maar|alleen|behalve|wel bij|erbij|toevoegen|aanvull\w*|vergeten|niet|geen|nog (?:iets|een|één))\b", re.I
)


def agrees(text: str) -> bool:
    """Whether a reply to "klopt dit?" agrees without adding or changing anything."""
    return bool(AGREES.match(text or "")) and not ADDS.search(text or "")


class ActionClosingSummary(Action):
    def name(self) -> Text:
        return "action_closing_summary"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        say(dispatcher, closing_summary(tracker))
        return [SlotSet(phases.SLOT, phases.CLOSING_CHECK)]


class ActionClosingResponse(Action):
    def name(self) -> Text:
        return "action_closing_response"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        msg = client_message(tracker)
        phase = tracker.get_slot(phases.SLOT)
        if phase == phases.CLOSING_CHECK and msg.intent == "deny":
            say(dispatcher, [pick_text("summary.ask_correction", tracker)])
            return [SlotSet(phases.SLOT, phases.CORRECTING)]
        correction = None
        if phase == phases.CORRECTING or (msg.intent not in ("affirm", "goodbye", "thanks") and not agrees(msg.text)):
            correction = msg.text  # the client's own correction or addition
        store("closing", db.close_conversation, ref(tracker), correction)
        texts = [pick_text("summary.correction_thanks", tracker)] if correction else []
        say(dispatcher, texts + [pick_for_audience("summary.goodbye", tracker)])
        return [SlotSet(phases.SLOT, phases.ENDED)]
