"""Short answers outside the coaching flow, and kind requests to rephrase."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.coach_turn import coach_turn
from actions.common import (
    ask_consent,
    client_message,
    coach,
    coach_state,
    in_open_chat,
    pick_for_audience,
    pick_text,
    say,
)
from actions.safety import safety_first
from bot.coach import clauses, knowledge, phases, rulers
from bot.understanding.dialogue_act import looks_like_question

INTENT_REPLIES = {
    "out_of_scope": "system.out_of_scope",
    "thanks": "system.thanks",
    "greet": "summary.continue_prompt",
}


def answer_to_question(tracker: Tracker) -> str:
    """The knowledge base's answer to the client's question, or that there is none and who
    can answer (bot/coach/knowledge.py)."""
    found = knowledge.answer(tracker.latest_message.get("text") or "", in_open_chat(tracker))
    return found or pick_text("system.no_answer", tracker)


def reply_for(intent: Optional[str], tracker: Tracker, default: str) -> str:
    if intent == "ask_question":
        return answer_to_question(tracker)
    if intent == "bot_challenge":
        return pick_for_audience("system.bot_challenge", tracker)
    return pick_text(INTENT_REPLIES.get(intent, default), tracker)


def pending_question(tracker: Tracker) -> Optional[str]:
    return coach().open_question(coach_state(tracker).get("pending"))


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
            if intent in ("ask_question", "bot_challenge"):
                say(dispatcher, [reply_for(intent, tracker, "system.consent_declined")])
            else:
                say(dispatcher, [pick_text("system.consent_declined", tracker)])
        elif phase == phases.CONSENT:
            if intent in ("ask_question", "bot_challenge"):
                say(dispatcher, [reply_for(intent, tracker, "system.rephrase")])
            ask_consent(dispatcher, tracker)
        elif phase == phases.COACHING and intent == "ask_question" and only_echoes_a_question(tracker):
            # "wat ik wil? goeie vraag. ..." says the coach's question back before the answer:
            # nothing to look up, the coach's turn goes on
            return coach_turn(dispatcher, tracker)
        elif (
            phase == phases.COACHING
            and intent == "out_of_scope"
            and not tracker.latest_message.get("input_problem")
            and answers_pending_question(tracker)
        ):
            # context: after the coach's question ("hoe gaat het met u, los van werk?"), "gaat wel.
            # beetje saai" is the answer, not a message off the subject
            return coach_turn(dispatcher, tracker)
        else:
            say(dispatcher, [reply_for(intent, tracker, "system.rephrase")])
            question = pending_question(tracker)
            if question:
                say(dispatcher, [question])
        return []


MIN_ANSWER_WORDS = 3


def only_echoes_a_question(tracker: Tracker) -> bool:
    """A message with a question mark whose questions all say the coach's question back
    ("Wat ik wil? ...") or tease a story ("weet je wat grappig is? ..."): none to answer."""
    text = client_message(tracker).text
    return "?" in text and not clauses.questions_to_coach(text)


def asks_the_coach(tracker: Tracker) -> bool:
    """An unclassified message that asks the coach something ("mag ik vragen: wat is
    sollicitatieplicht? ..."): the coach's turn answers it (or says who can)."""
    return bool(clauses.questions_to_coach(client_message(tracker).text))


def answers_pending_question(tracker: Tracker) -> bool:
    """An unclassified message that answers the coach's question (every coaching turn ends
    with one): a number after a ruler question, or a few words that are not themselves a
    question after any other."""
    pending = (coach_state(tracker) or {}).get("pending") or {}
    message = client_message(tracker)
    if pending.get("kind") == "ruler" and pending.get("step") == "ask":
        return rulers.parse_score(message.text, message.entity_values("number")) is not None
    return len(message.text.split()) >= MIN_ANSWER_WORDS and not looks_like_question(message.text)


class ActionRephrase(Action):
    def name(self) -> Text:
        return "action_rephrase"

    @safety_first
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        phase = tracker.get_slot(phases.SLOT)
        problem = tracker.latest_message.get("input_problem")
        if not problem and phase == phases.COACHING and (answers_pending_question(tracker) or asks_the_coach(tracker)):
            # context: after the coach's question, "acht" (a ruler) or "ja, dat wil ik volgende
            # week doen" is the answer, whatever the dialogue-act classifier made of it; and a
            # question to the coach is answered in the coach's turn
            return coach_turn(dispatcher, tracker)
        say(dispatcher, [pick_text(f"system.{problem}" if problem else "system.rephrase", tracker)])
        if phase == phases.CONSENT:
            ask_consent(dispatcher, tracker)
        return []
