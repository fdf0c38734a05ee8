"""Safety: crisis signals.

* acute (rule net, or two detectors agreeing): stop the coaching, give the crisis line,
  flag the conversation;
* possible (one detector): ask directly and show where help is; "ja" escalates to the
  crisis protocol, anything else goes back to where the conversation was.
The flag holds which detectors fired, never the text; it is stored even without consent,
because the professional must know support may be needed.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import coach_state, content, pick_text, ref, say, store
from bot.coach import phases
from bot.coach import records as db


class ActionCrisis(Action):
    def name(self) -> Text:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        crisis = tracker.latest_message.get("crisis") or {}
        phase = tracker.get_slot(phases.SLOT)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        confirmed = phase == phases.SAFETY_CHECK and intent == "affirm"
        if crisis.get("level") == "possible" and not confirmed and phase not in (phases.CRISIS, phases.SAFETY_CHECK):
            say(dispatcher, [content().get("crisis.check")])
            store(
                "safety flag",
                db.add_safety_flag,
                ref(tracker),
                crisis.get("sources") or [],
                crisis.get("probability"),
                "possible_crisis",
            )
            return [
                SlotSet(phases.SLOT, phases.SAFETY_CHECK),
                SlotSet("coach_state", {**coach_state(tracker), "phase_before_check": phase}),
            ]
        say(dispatcher, [content().get("crisis.message")])
        sources = ["client_confirmed"] if confirmed else (crisis.get("sources") or ["intent"])
        store("safety flag", db.add_safety_flag, ref(tracker), sources, crisis.get("probability"), "crisis")
        return [SlotSet(phases.SLOT, phases.CRISIS)]


class ActionSafetyResume(Action):
    """The client said no (or wrote on) after the safety question: continue."""

    def name(self) -> Text:
        return "action_safety_resume"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        state = coach_state(tracker)
        before = state.pop("phase_before_check", None)
        back_to = phases.COACHING if before in phases.IN_CONVERSATION else phases.CONSENT
        say(dispatcher, [pick_text("crisis.resume", tracker)])
        if back_to == phases.CONSENT:
            dispatcher.utter_message(text=content().get("opening.consent"))
        else:
            question = (state.get("pending") or {}).get("question") or pick_text("consideration.perspective", tracker)
            say(dispatcher, [question])
        return [SlotSet(phases.SLOT, back_to), SlotSet("coach_state", state)]
