"""One coaching turn: reflect / affirm, then the next question, and the stage assessment.

Shared by the actions that hand a client message to the coaching (`action_coach_turn`,
`action_system_reply`, and `action_crisis` when a reading gives no safety move); the safety
gate is the caller's business."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import client_message, coach, coach_state, latest_message_id, ref, say, seed_for, store
from bot.coach import phases
from bot.coach import records as db
from bot.coach.assessment import Evidence
from bot.rasa_adapter.message_ids import message_id_of


def stage_slots(assessment, evidence) -> List[Dict[Text, Any]]:
    return [
        SlotSet("stage", assessment.stage),
        SlotSet("stage_confidence", assessment.confidence),
        SlotSet("stage_evidence", [e.to_dict() for e in evidence]),
    ]


def client_messages_so_far(tracker: Tracker) -> int:
    """How many client messages the conversation has had, this one included (a resend of a
    message, same message id, counts once)."""
    seen, count = set(), 0
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        message_id = message_id_of(event.get("metadata"))
        if message_id is None or message_id not in seen:
            count += 1
            seen.add(message_id)
    return count


def answered_directly(state: Dict[str, Any], now: int) -> Dict[str, Any]:
    """The state with its open TPB question dropped when another client message came in
    between (a fallback, a question to the coach, a safety check): this message is then no
    answer to it, and must not be filed under it."""
    pending = state.get("pending") or {}
    asked_at = pending.get("asked_at")
    if pending.get("kind") == "tpb" and asked_at is not None and now != asked_at + 1:
        # not yet covered: the coach asks about it again, in a later turn of its own
        covered = [c for c in state.get("covered") or [] if c != pending.get("construct")]
        return {**state, "pending": None, "covered": covered}
    return state


def coach_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """One coaching turn (the caller has passed the safety gate)."""
    now = client_messages_so_far(tracker)
    state = answered_directly(coach_state(tracker) or {"seed": seed_for(tracker.sender_id)}, now)
    evidence = [Evidence.from_dict(d) for d in tracker.get_slot("stage_evidence") or []]
    result = coach().turn(state, client_message(tracker), evidence, tracker.get_slot("stage"))
    message_id = latest_message_id(tracker)  # a message handled again is stored once
    a = result.assessment
    writes = [db.assessment(result.state["turn"], a.stage, a.confidence, a.scores, len(result.evidence), message_id)]
    if result.tpb_answer:
        writes.append(db.tpb_answer(*result.tpb_answer, message_id=message_id))
    if result.ruler_score:
        writes.append(db.ruler_score(*result.ruler_score, message_id=message_id))
    store("turn records", db.write_together, ref(tracker), writes)  # one transaction per turn
    messages = list(result.messages)
    events = stage_slots(a, result.evidence)
    if result.close:
        messages += coach().closing_summary(result.state, a.stage, a.confidence)
    events.append(SlotSet(phases.SLOT, phases.CLOSING_CHECK if result.close else phases.COACHING))
    say(dispatcher, messages)
    state = result.state
    if (state.get("pending") or {}).get("kind") == "tpb":  # asked now: answered by the next message only
        state = {**state, "pending": {**state["pending"], "asked_at": now}}
    return events + [SlotSet("coach_state", state)]
