"""Coaching: the action for one MI turn (`actions.coach_turn`), behind the safety gate."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.coach_turn import coach_turn
from actions.safety import safety_first


class ActionCoachTurn(Action):
    def name(self) -> Text:
        return "action_coach_turn"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return coach_turn(dispatcher, tracker)
