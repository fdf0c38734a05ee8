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

# "Ja, zo is het. Ik laat het ook aan mijn psycholoog zien." confirms the summary; "Ja, maar ik
# werk drie dagen" corrects it.
_CONFIRMS = re.compile(
    r"^\W*(?:ja|jawel|jazeker|jep|klopt|dat klopt|het klopt|zo is het|dat is het|precies|inderdaad|helemaal|"
    r"prima|zeker|goed zo|zo klopt het)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\b(?:maar|alleen|behalve|niet helemaal|wel een|toch)\b", re.IGNORECASE)


def confirms_summary(text: str) -> bool:
    """The client's reply to "klopt dit?" says yes and adds no correction."""
    return bool(_CONFIRMS.search(text or "")) and not _CONTRAST.search(text or "")


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
        if phase == phases.CORRECTING or (
            msg.intent not in ("affirm", "goodbye", "thanks") and not confirms_summary(msg.text)
        ):
            correction = msg.text  # the client's own correction or addition
        store("closing", db.close_conversation, ref(tracker), correction)
        texts = [pick_text("summary.correction_thanks", tracker)] if correction else []
        say(dispatcher, texts + [pick_for_audience("summary.goodbye", tracker)])
        return [SlotSet(phases.SLOT, phases.ENDED)]
