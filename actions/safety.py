"""Safety: the crisis check as a dialogue state (thin Rasa adapter over bot.coach.safety_flow).

* `action_crisis`         - a message with a crisis signal (the NLU sets intent `crisis`):
                            crisis support at once for an acute signal, the direct question
                            for a possible one;
* `action_safety_answer`  - every reply while the question is open, read in free text;
* `action_crisis_follow_up` - every later message once support was given: the next warm
                            sentence, never a work question again in that conversation;
* `safety_gate`           - used by the other client-facing actions: a weak signal is
                            remembered, and a second one within a few turns opens the check.

Flags hold categories and detector names, never text; they are stored even without consent,
because the professional must know support may be needed. On crisis support the owner of the
chat link is e-mailed (bot.workspace.alerts), and only then does the coach say so.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.coach_turn import coach_turn
from actions.common import (
    ask_consent,
    client_message,
    closing_summary,
    coach,
    coach_state,
    content,
    in_open_chat,
    is_leaving,
    pick_from,
    pick_text,
    ref,
    say,
    store,
)
from bot.coach import clauses, knowledge, phases, rulers, safety_flow
from bot.coach import records as db
from bot.coach.safety_flow import Move, SafetyState
from bot.rasa_adapter.transcript import current_session
from bot.understanding.dialogue_act import looks_like_question
from bot.understanding.safety import Signal, classify_answer
from bot.workspace import alerts

SLOT = "safety"
FLAG_KINDS = {safety_flow.CHECK: "possible_crisis", safety_flow.RESUME_AFTER_NO: "check_declined"}


def safety_state(tracker: Tracker) -> SafetyState:
    return SafetyState.from_dict(tracker.get_slot(SLOT))


def latest_signal(tracker: Tracker) -> Signal:
    return Signal.from_dict(tracker.latest_message.get("crisis"))


def client_position(tracker: Tracker) -> Tuple[int, int]:
    """(n-th client message of this session, its seq among the stored turns)."""
    n = seq = 0
    for event in current_session(tracker.events):
        if event.get("event") in ("user", "bot"):
            seq += 1
            n += event.get("event") == "user"
    return n, seq


def _store_flag(
    tracker: Tracker, kind: str, signal: Signal, categories, owner: bool = False
) -> Tuple[Optional[int], Optional[bool]]:
    """Store the flag; returns (its id, does a professional own the client) - the latter read
    in the same transaction when `owner`, else None. (None, None) when storing failed."""
    result: Dict[str, Any] = {}

    def write(conversation, writes) -> None:
        result["out"] = db.write_together(conversation, writes)

    _, seq = client_position(tracker)
    flag = db.safety_flag(
        list(signal.sources) or ["client_answer"], signal.probability, kind, categories=categories, client_turn=seq
    )
    ok = store("safety flag", write, ref(tracker), [flag, db.owner_known] if owner else [flag])
    if not ok:
        return None, None
    out = result["out"]
    return out[0], (out[1] if owner else None)


def _owner_line_key(tracker: Tracker, flag_id: Optional[int], owned: Optional[bool]) -> str:
    if owned is None:  # the flag's transaction failed: ask on its own
        try:
            owned = db.client_has_owner(ref(tracker).client_id)
        except Exception:  # noqa: BLE001 - storage down: nobody can be told
            return "crisis.not_told"
    if not owned:
        return "crisis.nobody_reads"
    if flag_id is None:
        return "crisis.not_told"
    alerts.notify_owner(flag_id)
    return "crisis.owner_told"


def carry_out(move: Move, dispatcher: CollectingDispatcher, tracker: Tracker, signal: Signal) -> List[Dict[Text, Any]]:
    """Say and store what a safety move means; returns the events (phase, safety state)."""
    phase = tracker.get_slot(phases.SLOT)
    events: List[Dict[Text, Any]] = []
    owner_key = "crisis.nobody_reads"
    if move.flag == "crisis":
        flag_id, owned = _store_flag(
            tracker, "crisis", signal, list(signal.categories) or ["client_confirmed"], owner=True
        )
        owner_key = _owner_line_key(tracker, flag_id, owned)
    elif move.kind in FLAG_KINDS:
        _store_flag(tracker, FLAG_KINDS[move.kind], signal, move.state.check_categories)

    messages = safety_flow.wording(move, content().texts, owner_key, lambda options: pick_from(options, tracker))
    say(dispatcher, messages)

    if move.kind in (
        safety_flow.SUPPORT,
        safety_flow.DANGER_SUPPORT,
        safety_flow.FOLLOW_UP,
        safety_flow.CRISIS_GOODBYE,
    ):
        events.append(SlotSet(phases.SLOT, phases.CRISIS))
    elif move.kind in (safety_flow.CHECK, safety_flow.EXPLAIN_AND_ASK, safety_flow.CLARIFY):
        events.append(SlotSet(phases.SLOT, phases.SAFETY_CHECK))
        if phase != phases.SAFETY_CHECK:
            events.append(SlotSet("coach_state", {**coach_state(tracker), "phase_before_check": phase}))
    elif move.kind in (safety_flow.RESUME_AFTER_NO, safety_flow.RESUME_UNANSWERED):
        events += _resume(dispatcher, tracker)
    elif move.kind == safety_flow.ACKNOWLEDGE:
        events += _go_on(dispatcher, tracker, phase)
    elif move.kind == safety_flow.CHECK_IN:
        events += [SlotSet(phases.SLOT, phase), SlotSet("coach_state", _without_open_ruler(coach_state(tracker)))]
    events.append(SlotSet(SLOT, move.state.as_dict()))
    return events


def _without_open_ruler(state: Dict[str, Any]) -> Dict[str, Any]:
    """The coach state after a check-in: an open ruler question is dropped and asked again in a
    later turn, so the answer to "how are you?" is never read as its score."""
    pending = state.get("pending") or {}
    if pending.get("kind") != "ruler" or pending.get("step") != "ask":
        return state
    turns = {k: v for k, v in (state.get("ruler_turns") or {}).items() if k != pending.get("ruler")}
    return {**state, "pending": None, "ruler_turns": turns}


def _resume(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """Back to where the conversation was, with the question that was open."""
    state = coach_state(tracker)
    before = state.pop("phase_before_check", None)
    if before in (phases.DECLINED, phases.ENDED):  # nothing to go back to but that phase
        return [SlotSet(phases.SLOT, before), SlotSet("coach_state", state)]
    back_to = phases.COACHING if before in phases.IN_CONVERSATION else phases.CONSENT
    if back_to == phases.COACHING and is_leaving(tracker):  # "nee hoor, ik ga nu, doei": respect it
        say(dispatcher, closing_summary(tracker))
        return [SlotSet(phases.SLOT, phases.CLOSING_CHECK), SlotSet("coach_state", state)]
    if back_to == phases.CONSENT:
        ask_consent(dispatcher, tracker)
    else:
        answer = _answer_from_knowledge(tracker)  # "wat is re-integratie?" instead of an answer to the check
        if answer:
            say(dispatcher, [answer])
        question = coach().open_question(state.get("pending"))
        if question is None:  # nothing was open: a fresh question, and no stale reading of the next answer
            state["pending"] = None
            question = pick_text("consideration.perspective", tracker)
        say(dispatcher, [question])
    return [SlotSet(phases.SLOT, back_to), SlotSet("coach_state", state)]


def _questions_in(text: str) -> List[str]:
    """The questions a message asks the coach (a whole message that reads as one, else none)."""
    return clauses.questions_to_coach(text) or ([text] if looks_like_question(text) else [])


def _answer_from_knowledge(
    tracker: Tracker, entries: Optional[set] = None, minimum: Optional[Dict[str, float]] = None
) -> Optional[str]:
    """The knowledge base's answer to the first question in the client's message it answers, or
    None. entries: only these entries may answer; minimum: a per-entry probability instead of
    knowledge.MIN_PROBABILITY."""
    for question in _questions_in(tracker.latest_message.get("text") or ""):
        entry, probability = knowledge.best_match(question)
        if entry is None or (entries is not None and entry.id not in entries):
            continue
        if probability >= (minimum or {}).get(entry.id, knowledge.MIN_PROBABILITY):
            return entry.answer_for(in_open_chat(tracker))
    return None


def _go_on(dispatcher: CollectingDispatcher, tracker: Tracker, phase: Optional[str]) -> List[Dict[Text, Any]]:
    """Stay in the phase the conversation is in, with the question that was open."""
    if phase == phases.CONSENT:
        ask_consent(dispatcher, tracker)
    elif phase == phases.COACHING and is_leaving(tracker):  # the client is going: close, no question
        say(dispatcher, closing_summary(tracker))
        return [SlotSet(phases.SLOT, phases.CLOSING_CHECK)]
    elif phase in phases.IN_CONVERSATION:
        question = coach().open_question(coach_state(tracker).get("pending"))
        say(dispatcher, [question or pick_text("consideration.perspective", tracker)])
    return [SlotSet(phases.SLOT, phase)]


def safety_first(run):
    """For the ordinary client-facing actions' `run`: the safety gate goes first; when it
    takes the turn (a second weak signal), the action itself does not run."""

    @functools.wraps(run)
    async def guarded(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        taken, extra = safety_gate(dispatcher, tracker)
        if taken is not None:
            return taken
        return list(await run(self, dispatcher, tracker, domain)) + extra

    return guarded


def safety_gate(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> Tuple[Optional[List[Dict[Text, Any]]], List[Dict[Text, Any]]]:
    """For the ordinary client-facing actions. Returns (events, None) when the safety check
    takes over this turn, else (None, events to add: the updated safety state, if any)."""
    signal = latest_signal(tracker)
    n, _ = client_position(tracker)
    late = _late_answer(tracker, n)
    if late is not None:
        return carry_out(late, dispatcher, tracker, signal), []
    if signal.level != "weak":
        return None, []
    coaching = tracker.get_slot(phases.SLOT) == phases.COACHING and not is_leaving(tracker)
    weak_kinds = signal.weak_kinds if coaching else ()
    move = safety_flow.on_message(safety_state(tracker), "weak", [], False, n, weak_kinds=weak_kinds)
    if move.kind in (safety_flow.CHECK, safety_flow.CHECK_IN):
        return carry_out(move, dispatcher, tracker, signal), []
    return None, [SlotSet(SLOT, move.state.as_dict())]


def _late_answer(tracker: Tracker, n: int) -> Optional[Move]:
    """A "soms wel" soon after the check was left unanswered, that is no score for an open
    ruler question: the check asked once more (`safety_flow.late_answer`); else None."""
    state = safety_state(tracker)
    if state.unanswered_turn is None:
        return None
    message = client_message(tracker)
    pending = coach_state(tracker).get("pending") or {}
    if pending.get("kind") == "ruler" and rulers.parse_score(message.text, message.entity_values("number")) is not None:
        return None
    move = safety_flow.late_answer(state, classify_answer(message.text), n)
    return move if move.kind is not None else None


class ActionCrisis(Action):
    """A message with a crisis signal, outside an open check and outside crisis support."""

    def name(self) -> Text:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        signal = latest_signal(tracker)
        n, _ = client_position(tracker)
        move = safety_flow.on_message(
            safety_state(tracker), signal.level, list(signal.categories), signal.danger_from_other, n, signal.in_words
        )
        if move.kind is None:  # a classifier leaning the client has already answered: coach it
            return _coach_instead(dispatcher, tracker, move.state)
        return carry_out(move, dispatcher, tracker, signal)


def _coach_instead(dispatcher: CollectingDispatcher, tracker: Tracker, state: SafetyState) -> List[Dict[Text, Any]]:
    """The message as an ordinary one: a coaching turn in the coaching phase, else the open
    question of the phase the conversation is in."""
    phase = tracker.get_slot(phases.SLOT)
    if phase == phases.COACHING and not is_leaving(tracker):
        events = coach_turn(dispatcher, tracker)
    else:
        events = _go_on(dispatcher, tracker, phase)
    return events + [SlotSet(SLOT, state.as_dict())]


class ActionSafetyAnswer(Action):
    """The client's reply to the safety question, read in free text."""

    def name(self) -> Text:
        return "action_safety_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        signal = latest_signal(tracker)
        answer = classify_answer(tracker.latest_message.get("text") or "")
        n, _ = client_position(tracker)
        move = safety_flow.on_answer(safety_state(tracker), answer, signal.level, signal.danger_from_other, n)
        return carry_out(move, dispatcher, tracker, signal)


class ActionCrisisFollowUp(Action):
    """After crisis support: stay with the client; never a work question again."""

    def name(self) -> Text:
        return "action_crisis_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        state = safety_state(tracker)
        if not state.crisis:  # a conversation from before this state existed
            state.crisis = "suicide"
        text = tracker.latest_message.get("text") or ""
        move = safety_flow.follow_up(state, leaving=is_leaving(tracker), answer=_answer_in_crisis(text, tracker))
        return carry_out(move, dispatcher, tracker, latest_signal(tracker))


# After support, questions about these are answered; any other waits ("later, you come first").
ANSWERED_IN_CRISIS = {"crisis_help", "what_is_stored", "what_is_the_coach", "stopping"}
# Right after support a question is most likely about the help ("kost dat geld?" reads 0.32):
# for that entry a weaker reading is enough.
CRISIS_HELP_MIN = 0.3


def _answer_in_crisis(text: str, tracker: Tracker) -> Optional[str]:
    if not _questions_in(text):
        return None
    found = _answer_from_knowledge(tracker, ANSWERED_IN_CRISIS, {"crisis_help": CRISIS_HELP_MIN})
    if found:
        return found
    return pick_text("crisis.question_later", tracker)
