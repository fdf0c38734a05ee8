"""Safety: a crisis signal stops the coaching and flags the conversation."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import content, ref, say, store
from bot.db import store as db


class ActionCrisis(Action):
    def name(self) -> Text:
        return "action_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, [content().get("crisis.message")])
        crisis = tracker.latest_message.get("crisis") or {}
        # The flag holds which detectors fired, never the text; it is stored even
        # without consent, because the professional must know support is needed.
        store("safety flag", db.add_safety_flag, ref(tracker), crisis.get("sources") or ["intent"],
              crisis.get("probability"))
        return [SlotSet("phase", "crisis")]
