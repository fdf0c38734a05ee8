"""Short answers outside the coaching flow, and kind requests to rephrase."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ask_consent, coach_state, pick_text, say
from actions.safety import safety_first
from bot.coach import phases

INTENT_REPLIES = {
    "ask_question": "system.ask_question",
    "bot_challenge": "system.bot_challenge",
    "out_of_scope": "system.out_of_scope",
    "thanks": "system.thanks",
    "greet": "summary.continue_prompt",
}


def pending_question(tracker: Tracker) -> Optional[str]:
    pending = coach_state(tracker).get("pending") or {}
    return pending.get("question")


class ActionSystemReply(Action):
    def name(self) -> Text:
        return "action_system_reply"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        phase = tracker.get_slot(phases.SLOT)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if phase == phases.ENDED:
            say(dispatcher, [pick_text("system.closed", tracker)])
        elif phase == phases.DECLINED:
            key = INTENT_REPLIES.get(intent) if intent in ("ask_question", "bot_challenge") else None
            say(dispatcher, [pick_text(key or "system.consent_declined", tracker)])
        elif phase == phases.CONSENT:
            if intent in ("ask_question", "bot_challenge"):
                say(dispatcher, [pick_text(INTENT_REPLIES[intent], tracker)])
            ask_consent(dispatcher)
        else:
            say(dispatcher, [pick_text(INTENT_REPLIES.get(intent, "system.rephrase"), tracker)])
            question = pending_question(tracker)
            if question:
                say(dispatcher, [question])
        return []


class ActionRephrase(Action):
    def name(self) -> Text:
        return "action_rephrase"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        phase = tracker.get_slot(phases.SLOT)
        problem = tracker.latest_message.get("input_problem")
        say(dispatcher, [pick_text(f"system.{problem}" if problem else "system.rephrase", tracker)])
        if phase == phases.CONSENT:
            ask_consent(dispatcher)
        return []
