"""Opening: introduction, consent."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ask_consent, content, in_open_chat, pick_text, ref, say, seed_for, store
from bot.coach import phases
from bot.coach import records as db
from bot.coach.engine import new_state


class ActionStartConversation(Action):
    def name(self) -> Text:
        return "action_start_conversation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if tracker.latest_message.get("input_problem"):
            dispatcher.utter_message(text=pick_text(f"system.{tracker.latest_message['input_problem']}", tracker))
        dispatcher.utter_message(text=content().get("opening.intro"))
        ask_consent(dispatcher, tracker)
        return [SlotSet(phases.SLOT, phases.CONSENT)]


class ActionConsent(Action):
    def name(self) -> Text:
        return "action_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "affirm":
            state = new_state(seed=seed_for(tracker.sender_id))
            state["background_asked"] = True
            state["open_chat"] = in_open_chat(tracker)  # before consent stores the client
            store("consent", db.record_consent, ref(tracker), "given")
            say(dispatcher, [pick_text("consideration.background", tracker)])
            return [SlotSet("consent", "given"), SlotSet(phases.SLOT, phases.COACHING), SlotSet("coach_state", state)]
        store("consent", db.record_consent, ref(tracker), "declined")
        say(dispatcher, [pick_text("system.consent_declined", tracker)])
        return [SlotSet("consent", "declined"), SlotSet(phases.SLOT, phases.DECLINED)]
