"""The MI strategy engine: what the coach says next.

Pure Python (no Rasa): given what the client just wrote (as classified by the NLU) and
the conversation state so far, choose a reflection or affirmation, then the next move:
a question about their background (Kampen), a Theory of Planned Behaviour prompt
fitting the stage, an importance/confidence ruler, a summary, or the closing.

State is a plain dict (kept in a Rasa slot), so every Rasa server can pick it up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from bot.coach import assessment as stage_assessment
from bot.coach import clauses, reflection, rulers
from bot.coach.assessment import Assessment, Evidence
from bot.coach.content import TPB_CONSTRUCTS, Content, pick, text_id
from bot.core.stages import STAGES, stage_from_intent

SUMMARY_EVERY = 5  # client turns between mid-conversation summaries
IMPORTANCE_RULER_TURN = 4
CONFIDENCE_RULER_GAP = 3  # turns after the importance ruler
CLOSE_AFTER = 18  # client turns before the coach closes by itself
MIN_TURNS_TO_CLOSE = 10  # ... or earlier once everything has been covered
MAX_GATHERED = 12  # the client's own points (in the coach's words) kept for the summaries
REFLECT_ONLY_KINDS = {"complex", "double_sided"}  # reflections that may stand alone as the coach's turn
REFLECT_ONLY_MIN_WORDS = 6
# Any reflection of the client's own words may stand alone after a longer answer, or after change
# talk the classifier is sure of: the client is talking, a question would interrupt.
REFLECT_ONLY_ANY_MIN_WORDS = 12
# Where the next question would be one the coach need not ask (a stage or consideration question,
# not a TPB construct, a ruler or the background), a reflection of the client's own words after an
# answer of this length stands alone.
OPTIONAL_SLOT_MIN_WORDS = 6
CHANGE_TALK_MIN_WORDS = 6
MAX_LANDED_IN_ROW = 2  # reflect, reflect, then ask
GOES_ON_MIN_WORDS = 12  # a client who goes on (adds something) after a reflection alone may get a second one
CHANGE_TALK_CONFIDENT = 0.7
RULER_CORRECTION_TURNS = 3  # a ruler answer can be corrected up to this many turns later

# Which TPB construct to explore first, per stage (what fits the stage comes first).
TPB_ORDER: Dict[Optional[str], Tuple[str, ...]] = {
    "precontemplation": ("attitude", "social_norm", "barriers", "self_efficacy", "facilitators", "intention"),
    "contemplation": ("attitude", "barriers", "self_efficacy", "social_norm", "facilitators", "intention"),
    "preparation": ("intention", "self_efficacy", "facilitators", "barriers", "social_norm", "attitude"),
    "action": ("facilitators", "barriers", "self_efficacy", "intention", "social_norm", "attitude"),
    "maintenance": ("barriers", "facilitators", "self_efficacy", "intention", "attitude", "social_norm"),
    None: ("attitude", "barriers", "social_norm", "self_efficacy", "facilitators", "intention"),
}
CONTENT_INTENTS = {"explain_situation", "affirm", "deny", "give_number"} | {f"stage_{s}" for s in STAGES}
TALK_EVIDENCE_INTENTS = {"explain_situation"} | {f"stage_{s}" for s in STAGES}


@dataclass
class ClientMessage:
    text: str
    intent: Optional[str] = None
    intent_confidence: float = 0.0
    talk_type: str = "neutral"
    talk_confidence: float = 0.0
    entities: List[Dict[str, Any]] = field(default_factory=list)
    stage_reading: Optional[str] = None  # the stage head's reading; None: read off the intent
    stage_confidence: Optional[float] = None

    @property
    def stage(self) -> Optional[str]:
        if self.stage_confidence is not None:
            return self.stage_reading if self.stage_reading in STAGES else None
        return stage_from_intent(self.intent)

    @property
    def stage_evidence_confidence(self) -> float:
        return self.intent_confidence if self.stage_confidence is None else self.stage_confidence

    def entity_values(self, name: str) -> List[str]:
        return [str(e.get("value")) for e in self.entities if e.get("entity") == name and e.get("value")]


@dataclass
class TurnResult:
    messages: List[str]
    state: Dict[str, Any]
    evidence: List[Evidence]
    assessment: Assessment
    tpb_answer: Optional[Tuple[str, str, str]] = None  # (construct, question, answer)
    ruler_score: Optional[Tuple[str, int]] = None  # (kind, value)
    close: bool = False  # the coach closes now (closing summary)


def new_state(seed: int = 0) -> Dict[str, Any]:
    return {
        "turn": 0,
        "used": [],
        "covered": [],
        "pending": None,
        "rulers": {},
        "ruler_turns": {},
        "background_asked": False,
        "last_summary_turn": 0,
        "last_affirm_turn": -9,
        "gathered": [],
        "barriers": [],
        "activities": [],
        "seed": seed,
    }


# (a client's question, open chat?) -> the knowledge base's answer, or None
Answerer = Callable[[str, bool], Optional[str]]


class Coach:
    def __init__(self, content: Content, answerer: Optional[Answerer] = None):
        self.content = content
        self.answerer = answerer

    # -- helpers ------------------------------------------------------------------
    def _rng(self, state: Dict[str, Any]) -> random.Random:
        return random.Random(f"{state.get('seed', 0)}:{state['turn']}:{len(state['used'])}")

    def _say(self, state: Dict[str, Any], options: Sequence[str], **fill: Any) -> str:
        text = pick(options, state["used"], self._rng(state))
        state["used"] = (state["used"] + [text_id(text)])[-200:]
        return text.format(**fill) if fill else text

    def _phrase(self, kind: str, value: str) -> Optional[str]:
        return (self.content.get(f"{kind}_phrases") or {}).get(value)

    # -- the turn -------------------------------------------------------------------
    def turn(
        self, state: Dict[str, Any], msg: ClientMessage, evidence: List[Evidence], previous_stage: Optional[str]
    ) -> TurnResult:
        state = {**new_state(), **(state or {})}
        state["turn"] += 1
        t = state["turn"]
        result_tpb: Optional[Tuple[str, str, str]] = None
        result_ruler: Optional[Tuple[str, int]] = None
        messages: List[str] = []
        pending = state.get("pending") or {}
        state["pending"] = None

        # 0. The client asks something: answer first (or say who can answer). A message that is
        #    only a question is not the answer to what the coach asked: that question comes back.
        asked = clauses.questions_to_coach(msg.text) if self.answerer else []
        only_question = bool(asked) and not clauses.has_statement(msg.text)
        answer = self._answer(state, asked, refer=only_question) if asked else None
        if answer:
            messages.append(answer)
        if only_question:
            state["pending"] = pending or None
            assessed = stage_assessment.assess(evidence, previous_stage)
            messages.append(self.open_question(pending) or self._next_question(state, assessed.stage, msg))
            return TurnResult(messages, state, evidence, assessed)

        # 1. Answer to what the coach asked last time
        if pending.get("kind") == "ruler" and pending.get("step") == "ask":
            kind = pending["ruler"]
            score = rulers.parse_score(msg.text, msg.entity_values("number"))
            if score is not None:
                result_ruler = (kind, score)
                state["rulers"][kind] = score
                evidence = evidence + [Evidence(turn=t, source=f"ruler_{kind}", value=score)]
                new = stage_assessment.assess(stage_assessment.trim(evidence), previous_stage)
                if score == 0:
                    messages.append(self._say(state, self.content.texts(f"rulers.{kind}.zero")))
                else:
                    messages.append(
                        self._say(
                            state,
                            self.content.texts(f"rulers.{kind}.why_not_lower"),
                            n=score,
                            lower=rulers.lower_anchor(score),
                        )
                    )
                state["pending"] = {"kind": "ruler", "ruler": kind, "step": "why"}
                return TurnResult(messages, state, stage_assessment.trim(evidence), new, None, result_ruler)
            if not pending.get("reasked"):
                messages.append(self._say(state, self.content.texts("rulers.not_a_number")))
                state["pending"] = {**pending, "reasked": True}
                new = stage_assessment.assess(evidence, previous_stage)
                return TurnResult(messages, state, evidence, new)
        # A correction of a ruler answer given a few turns ago updates the score.
        recent = [k for k, asked_at in state["ruler_turns"].items() if 0 < t - asked_at <= RULER_CORRECTION_TURNS]
        corrected = rulers.correction(msg.text) if recent and not pending.get("step") == "ask" else None
        if corrected is not None:
            kind = max(recent, key=lambda k: state["ruler_turns"][k])
            state["rulers"][kind] = corrected
            messages.append(self._say(state, self.content.texts("rulers.corrected"), n=corrected))
            assessed = stage_assessment.assess(evidence, previous_stage)
            messages.append(self._next_question(state, assessed.stage, msg))
            return TurnResult(messages, state, evidence, assessed, None, (kind, corrected))
        acknowledgement = None
        state["answering"] = {"construct": pending["construct"]} if pending.get("kind") == "tpb" else None
        if pending.get("kind") == "tpb":
            result_tpb = (pending["construct"], pending["question"], msg.text)
            acknowledgement = self._say(state, self.content.texts(f"tpb.{pending['construct']}.acknowledge"))

        # 2. Evidence and assessment (talk type only counts for messages with content:
        #    "ja", "een 8" or "bedankt" say nothing about change or sustain)
        talk_type = msg.talk_type if msg.intent in TALK_EVIDENCE_INTENTS else None
        evidence = stage_assessment.trim(
            evidence
            + stage_assessment.turn_evidence(
                t, msg.stage, msg.stage_evidence_confidence, talk_type, msg.talk_confidence
            )
        )
        msg = replace(msg, talk_type=talk_type or "neutral")
        assessed = stage_assessment.assess(evidence, previous_stage)
        stage = assessed.stage
        self._remember(state, msg)

        # 3. Respond to the content: a reflection or affirmation built from what was said,
        #    else the acknowledgement of an answer, else a short content reflection
        reply = self._respond(state, msg)
        if reply is not None:
            messages.append(reply.text)
        elif answer:
            pass  # the answer to their question was the response; "Dank u ..." after it would not fit
        elif acknowledgement:
            messages.append(acknowledgement)
        else:
            messages.append(self._content_reflection(state, msg))

        # 4. The next move
        covered_all = len(state["covered"]) >= len(TPB_CONSTRUCTS)
        rulers_done = all(k in state["rulers"] or k in state["ruler_turns"] for k in rulers.RULERS)
        if t >= CLOSE_AFTER or (covered_all and rulers_done and t >= MIN_TURNS_TO_CLOSE):
            return TurnResult(messages, state, evidence, assessed, result_tpb, result_ruler, close=True)
        if t - state["last_summary_turn"] >= SUMMARY_EVERY and len(state.get("gathered") or []) >= 3:
            # the summary and its question as two messages, as for the closing summary: a
            # summary is a (complex) reflection, the question after it is a question
            messages += [self.mid_summary(state), self._say(state, self.content.texts("summary.continue_prompt"))]
            state["last_summary_turn"] = t
        elif self._let_it_land(state, msg, reply, asked=bool(asked), optional=self._next_is_optional(state, stage)):
            state["asked_last_turn"] = False  # a reflection alone invites the client to go on
            state["landed_in_row"] = state.get("landed_in_row", 0) + 1
        else:
            messages.append(self._next_question(state, stage, msg))
            state["asked_last_turn"] = True
            state["landed_in_row"] = 0
        return TurnResult(messages, state, evidence, assessed, result_tpb, result_ruler)

    def _remember(self, state: Dict[str, Any], msg: ClientMessage) -> None:
        for value in msg.entity_values("barrier"):
            if value not in state["barriers"]:
                state["barriers"].append(value)
        for value in msg.entity_values("activity"):
            if value not in state["activities"]:
                state["activities"].append(value)

    def _answer(self, state: Dict[str, Any], asked: List[str], refer: bool) -> Optional[str]:
        """The knowledge base's answer to the first question it can answer; else who can answer,
        when the client asked for information (or asked nothing else); else None (a worry put as
        a question, "wie haalt de kinderen dan?", is reflected, not referred)."""
        for question in asked:
            found = self.answerer(question, bool(state.get("open_chat"))) if self.answerer else None
            if found:
                return found
        if refer or any(clauses.asks_for_information(q) for q in asked):
            return self._say(state, self.content.texts("system.no_answer"))
        return None

    def _respond(self, state: Dict[str, Any], msg: ClientMessage) -> Optional[reflection.Reply]:
        """A reflection or affirmation of what the client said, or None when nothing is safe to say back."""

        def say(key: str, fill: Dict[str, str]) -> str:
            return self._say(state, self.content.texts(key), **fill)

        allow_affirmation = state["turn"] - state["last_affirm_turn"] >= 2
        construct = (state.get("answering") or {}).get("construct")
        fragment_key = f"reflections.named.{construct}" if construct in ("barriers", "facilitators") else None
        reply = reflection.compose(
            msg.text, msg.talk_type, msg.talk_confidence, say, allow_affirmation, fragment_key=fragment_key
        )
        if reply is not None:
            state["last_reflection"] = reply.kind
            if reply.kind == "affirmation":
                state["last_affirm_turn"] = state["turn"]
            if (
                reply.echo
                and reply.gather
                and reply.kind != "other_view"
                and not clauses.starts_subordinate(reply.echo)
            ):
                item = {"text": reply.echo, "side": reply.side, "turn": state["turn"]}
                state["gathered"] = (state.get("gathered", []) + [item])[-MAX_GATHERED:]
        return reply

    def _content_reflection(self, state: Dict[str, Any], msg: ClientMessage) -> str:
        """No clause to say back: reflect the barrier or activity the client named, or keep it short."""
        state["last_reflection"] = "content"
        barriers = [p for p in (self._phrase("barrier", v) for v in msg.entity_values("barrier")) if p]
        activities = [p for p in (self._phrase("activity", v) for v in msg.entity_values("activity")) if p]
        if barriers:
            return self._say(state, self.content.texts("reflections.barrier"), barrier=barriers[0])
        if activities:
            return self._say(state, self.content.texts("reflections.activity"), activity=activities[0])
        # Without the client's own words, a guessed direction ("U ziet voor uzelf een mogelijkheid")
        # was often untrue: a short neutral acknowledgement instead.
        return self._say(state, self.content.texts("reflections.neutral"))

    @staticmethod
    def _let_it_land(
        state: Dict[str, Any],
        msg: ClientMessage,
        reply: Optional[reflection.Reply],
        asked: bool = False,
        optional: bool = False,
    ) -> bool:
        """Whether this turn ends on the reflection alone (no question): after a question was just
        asked and answered at some length, with confident change talk, with a complex reflection
        (a feeling or value the client's words carry), or where the next question would be an
        optional one, a reflection of the client's own words lets the client go on. A second one
        in a row only when the client goes on at length, never a third; never when the client asked
        something (the turn then goes on with the conversation); and never when the questions still
        to ask need the turns left."""
        if reply is None or not state["background_asked"] or asked:
            return False
        words = len(msg.text.split())
        if not state.get("asked_last_turn", True) and (
            state.get("landed_in_row", 0) >= MAX_LANDED_IN_ROW or words < GOES_ON_MIN_WORDS
        ):
            return False  # a second reflection alone only when the client goes on at length; never a third
        if CLOSE_AFTER - state["turn"] - 1 < Coach._turns_needed(state):
            return False  # the questions still to ask need the turns that are left
        change_talk = msg.talk_type == "change" and msg.talk_confidence >= CHANGE_TALK_CONFIDENT
        if reply.kind in REFLECT_ONLY_KINDS:
            return words >= REFLECT_ONLY_MIN_WORDS
        if reply.kind in ("simple", "affirmation", "other_view") and reply.echo:
            return (
                words >= REFLECT_ONLY_ANY_MIN_WORDS
                or (change_talk and words >= CHANGE_TALK_MIN_WORDS)
                or (optional and words >= OPTIONAL_SLOT_MIN_WORDS)
            )
        return False

    def _next_is_optional(self, state: Dict[str, Any], stage: Optional[str]) -> bool:
        """Whether the question `_next_question` would ask now is an optional one (a stage or
        consideration question), not the background, a ruler or a TPB construct. No side effects."""
        t = state["turn"]
        if not state["background_asked"]:
            return False
        if (
            "importance" not in state["ruler_turns"]
            and t >= IMPORTANCE_RULER_TURN
            and (stage or t >= IMPORTANCE_RULER_TURN + 2)
        ):
            return False
        imp_turn = state["ruler_turns"].get("importance")
        if imp_turn and "confidence" not in state["ruler_turns"] and t >= imp_turn + CONFIDENCE_RULER_GAP:
            return False
        uncovered = [c for c in TPB_CONSTRUCTS if c not in state["covered"]]
        tight = CLOSE_AFTER - t < self._turns_needed(state) + 2
        return not (uncovered and (t % 4 != 0 or tight))

    @staticmethod
    def _turns_needed(state: Dict[str, Any]) -> int:
        """Turns the questions still to ask take: a TPB question one, a ruler two (the number,
        then why), a summary one."""
        tpb_left = len([c for c in TPB_CONSTRUCTS if c not in state["covered"]])
        rulers_left = len([k for k in rulers.RULERS if k not in state["ruler_turns"]])
        summaries_left = (CLOSE_AFTER - state["turn"]) // SUMMARY_EVERY
        return tpb_left + 2 * rulers_left + summaries_left + 1

    def open_question(self, pending: Optional[Dict[str, Any]]) -> Optional[str]:
        """The coach's question that is still open (`state["pending"]`), to ask again after an
        interruption (the client's own question, a safety check): the TPB question as it was
        asked, or the ruler's question. None when no question is open."""
        pending = pending or {}
        if pending.get("question"):
            return pending["question"]
        if pending.get("kind") == "ruler" and pending.get("step") == "ask":
            return self.content.texts(f"rulers.{pending['ruler']}.ask")[0]
        return None

    def _next_question(self, state: Dict[str, Any], stage: Optional[str], msg: ClientMessage) -> str:
        t = state["turn"]
        if not state["background_asked"]:
            state["background_asked"] = True
            return self._say(state, self.content.texts("consideration.background"))
        if (
            "importance" not in state["ruler_turns"]
            and t >= IMPORTANCE_RULER_TURN
            and (stage or t >= IMPORTANCE_RULER_TURN + 2)
        ):
            return self._ruler(state, "importance")
        imp_turn = state["ruler_turns"].get("importance")
        if imp_turn and "confidence" not in state["ruler_turns"] and t >= imp_turn + CONFIDENCE_RULER_GAP:
            return self._ruler(state, "confidence")
        uncovered = [c for c in TPB_ORDER.get(stage, TPB_ORDER[None]) if c not in state["covered"]]
        # every fourth turn a question of the stage or about the client's own interest, unless the
        # turns left are needed for what is not covered yet
        tight = CLOSE_AFTER - t < self._turns_needed(state) + 2
        if uncovered and (t % 4 != 0 or tight):
            return self._tpb(state, uncovered[0], stage)
        return self._stage_or_consideration(state, stage)

    def _ruler(self, state: Dict[str, Any], kind: str) -> str:
        state["ruler_turns"][kind] = state["turn"]
        state["pending"] = {"kind": "ruler", "ruler": kind, "step": "ask"}
        return self._say(state, self.content.texts(f"rulers.{kind}.ask"))

    def _tpb(self, state: Dict[str, Any], construct: str, stage: Optional[str]) -> str:
        question = self._say(state, self.content.tpb_prompts(construct, stage))
        state["covered"].append(construct)
        state["pending"] = {"kind": "tpb", "construct": construct, "question": question}
        return question

    def _stage_or_consideration(self, state: Dict[str, Any], stage: Optional[str]) -> str:
        activities = [p for p in (self._phrase("activity", v) for v in state["activities"]) if p]
        options: List[str] = []
        if stage:
            options += self.content.texts(f"stages.{stage}.open_questions")
        options += self.content.texts("consideration.perspective")
        if activities:
            options += [
                t.replace("{activity}", activities[0])
                for t in self.content.texts("consideration.collective_interest")
                + self.content.texts("consideration.own_interest")
            ]
        else:
            options += [
                t
                for t in self.content.texts("consideration.collective_interest")
                + self.content.texts("consideration.own_interest")
                if "{activity}" not in t
            ]
        return self._say(state, options)

    # -- summaries --------------------------------------------------------------------
    def _gathered_lines(self, state: Dict[str, Any], limit: int) -> List[str]:
        """The client's own points in the coach's words: what pulls toward change first, then
        briefly the other side; never raw quotes."""
        items = state.get("gathered") or []
        change = [i for i in items if i["side"] in ("change", "both")][-limit:]
        room = max(1, limit - len(change))
        other = [i for i in items if i["side"] == "sustain"][-1:]
        neutral = [i for i in items if i["side"] == ""][-max(0, room - len(other)) :] if room > len(other) else []
        lines = [f"{reflection.capitalise(i['text'])}." for i in sorted(change + neutral, key=lambda i: i["turn"])]
        if other:
            lines.append(self._say(state, self.content.texts("summary.other_side"), echo=other[0]["text"]))
        return lines

    def mid_summary(self, state: Dict[str, Any]) -> str:
        lines = [self._say(state, self.content.texts("summary.intro"))]
        lines += self._gathered_lines(state, 3)
        return "\n".join(lines)

    def closing_summary(
        self, state: Dict[str, Any], stage: Optional[str], confidence: Optional[float] = None
    ) -> List[str]:
        state = {**new_state(), **(state or {})}
        lines = [self._say(state, self.content.texts("summary.closing_intro"))]
        if stage and (confidence is None or confidence >= stage_assessment.MIN_NAMED_CONFIDENCE):
            lines.append(self.content.get(f"summary.stage_line.{stage}"))
        lines += self._gathered_lines(state, 3)
        scores = state.get("rulers") or {}
        if "importance" in scores:
            lines.append(f"Hoe belangrijk een volgende stap voor u is: {scores['importance']} van de 10.")
        if "confidence" in scores:
            lines.append(f"Hoeveel vertrouwen u erin heeft: {scores['confidence']} van de 10.")
        return ["\n".join(lines), self._say(state, self.content.texts("summary.check"))]
