"""Coaching: one MI turn (reflect / affirm, then the next question), stage assessment."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import client_message, coach, coach_state, latest_message_id, ref, say, seed_for, store
from actions.safety import safety_first
from bot.coach import phases
from bot.coach import records as db
from bot.coach.assessment import Evidence


def stage_slots(assessment, evidence) -> List[Dict[Text, Any]]:
    return [
        SlotSet("stage", assessment.stage),
        SlotSet("stage_confidence", assessment.confidence),
        SlotSet("stage_evidence", [e.to_dict() for e in evidence]),
    ]


class ActionCoachTurn(Action):
    def name(self) -> Text:
        return "action_coach_turn"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return coach_turn(dispatcher, tracker)


def coach_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """One coaching turn (the caller has passed the safety gate)."""
    state = coach_state(tracker) or {"seed": seed_for(tracker.sender_id)}
    evidence = [Evidence.from_dict(d) for d in tracker.get_slot("stage_evidence") or []]
    result = coach().turn(state, client_message(tracker), evidence, tracker.get_slot("stage"))
    conversation = ref(tracker)
    message = {"message_id": latest_message_id(tracker)}  # a message handled again is stored once
    a = result.assessment
    store(
        "assessment",
        db.add_assessment,
        conversation,
        result.state["turn"],
        a.stage,
        a.confidence,
        a.scores,
        len(result.evidence),
        **message,
    )
    if result.tpb_answer:
        store("tpb answer", db.add_tpb_answer, conversation, *result.tpb_answer, **message)
    if result.ruler_score:
        store("ruler score", db.add_ruler_score, conversation, *result.ruler_score, **message)
    messages = list(result.messages)
    events = stage_slots(a, result.evidence)
    if result.close:
        messages += coach().closing_summary(result.state, a.stage, a.confidence)
    events.append(SlotSet(phases.SLOT, phases.CLOSING_CHECK if result.close else phases.COACHING))
    say(dispatcher, messages)
    return events + [SlotSet("coach_state", result.state)]
