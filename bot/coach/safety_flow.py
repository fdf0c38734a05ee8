"""The safety check as an explicit conversation state (pure Python, no Rasa).

A message's crisis evidence (`bot.understanding.safety.Signal`) and the conversation's
safety state decide the coach's next move:

* acute signal                  -> crisis support at once (or, for danger from another
                                   person, safety support with 112 and Veilig Thuis);
* possible signal               -> ask directly ("the check");
* weak signal                   -> remembered; a second one within WINDOW client turns
                                   makes the coach ask. The first one in the client's own words
                                   (a lexicon hit: nobody asks how I am, it never gets better)
                                   gets, once per conversation, a short reflection of the feeling
                                   and "how are you, apart from work?" instead of a work question;
* answer to the check: yes, sometimes, unsure -> crisis support;
  a counter-question            -> say why the coach asks, ask once more;
  no                            -> acknowledge, say why the coach asked, go on coaching; the
                                   same signal later is acknowledged warmly (with 113) but not
                                   asked about again; a stronger one is. After a no, a reading
                                   of the classifier alone that is not sure (no lexicon
                                   evidence) says nothing: the client has just told the coach
                                   how things are, and "als mijn zoon ziek is" must not bring
                                   113 back;
  another topic                 -> leave the door open, go on coaching; a "soms" in one of the
                                   next two messages that is no answer to the coach's own
                                   question is a late answer: the coach asks once more, plainly.
* after crisis support          -> every later message gets the next of a few warm support
                                   sentences; the coaching never comes back in that conversation.
                                   A question is answered first when it is about the help, the
                                   coach or the chat (else: "that comes later, you come first");
                                   a goodbye gets a warm goodbye with the numbers, once.

The answer to a check never counts as a new signal: only an acute signal inside it does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

WINDOW = 4  # client turns within which two weak signals make the coach ask
LATE_ANSWER_TURNS = 2  # client turns after an unanswered check in which "soms wel" may still answer it

# Moves
CHECK = "check"
SUPPORT = "support"
DANGER_SUPPORT = "danger_support"
EXPLAIN_AND_ASK = "explain_and_ask"
CLARIFY = "clarify"
CHECK_IN = "check_in"  # a first weak signal in words: the feeling said back, "how are you, apart from work?"  # a late "soms" after the check was left unanswered: asked once more
RESUME_AFTER_NO = "resume_after_no"
RESUME_UNANSWERED = "resume_unanswered"
FOLLOW_UP = "follow_up"
CRISIS_GOODBYE = "crisis_goodbye"  # the client leaves after support: the numbers once more, warmly
ACKNOWLEDGE = "acknowledge"  # a signal the client already said no to: acknowledged, not asked again

_ORDER = {None: 0, "weak": 1, "possible": 2, "acute": 3}


@dataclass
class SafetyState:
    weak_turns: List[int] = field(default_factory=list)
    check_open: bool = False
    check_level: Optional[str] = None
    check_categories: List[str] = field(default_factory=list)
    explained: bool = False
    declined_level: Optional[str] = None
    declined_categories: List[str] = field(default_factory=list)
    crisis: Optional[str] = None  # "suicide" / "danger" once support was given
    follow_ups: int = 0
    said_goodbye: bool = False
    unanswered_turn: Optional[int] = None
    checked_in: bool = False  # the check-in after a weak signal was given (once per conversation)  # client turn at which the open check was left unanswered

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: Optional[Dict[str, Any]]) -> "SafetyState":
        known = SafetyState.__dataclass_fields__
        return SafetyState(**{k: v for k, v in (data or {}).items() if k in known})


@dataclass(frozen=True)
class Move:
    kind: Optional[str]  # one of the moves above, or None: no safety move
    state: SafetyState
    flag: Optional[str] = None  # what to store for the professional, if anything:
    # "possible_crisis" / "check_declined" / "crisis"
    answer: Optional[str] = None  # after support: the answer to the client's question, said first;
    # for a check-in: the weak kind whose reflection is said


def _already_declined(state: SafetyState, level: Optional[str], categories: List[str]) -> bool:
    if state.declined_level is None:
        return False
    if _ORDER[level] > _ORDER[state.declined_level]:
        return False
    return set(categories) <= set(state.declined_categories)


def on_message(
    state: SafetyState,
    level: Optional[str],
    categories: List[str],
    danger_only: bool,
    turn: int,
    evidence_in_words: bool = True,
    weak_kinds: Sequence[str] = (),
) -> Move:
    """A client message outside an open check and outside crisis support.

    `evidence_in_words` is False when the level rests on the classifier alone, without a
    lexicon hit and without the classifier being sure (`bot.understanding.safety.Signal.in_words`);
    `weak_kinds` are the lexicon's weak signals in the message (exhaustion, isolation, ...)."""
    if state.crisis:
        return follow_up(state)
    if level == "acute":
        state.crisis = "danger" if danger_only else "suicide"
        state.check_open = False
        return Move(DANGER_SUPPORT if danger_only else SUPPORT, state, "crisis")
    if level == "possible":
        if _already_declined(state, level, categories):
            return Move(ACKNOWLEDGE, state) if evidence_in_words else Move(None, state)
        return _open_check(state, level, categories)
    if level == "weak":
        recent = [t for t in state.weak_turns if 0 < turn - t < WINDOW]
        state.weak_turns = sorted(set(recent + [turn]))
        if recent and state.declined_level is None:
            return _open_check(state, "possible", ["accumulated"])
        if weak_kinds and not state.checked_in:
            state.checked_in = True
            return Move(CHECK_IN, state, answer=sorted(weak_kinds)[0])
    return Move(None, state)


def _open_check(state: SafetyState, level: str, categories: List[str]) -> Move:
    state.check_open = True
    state.check_level = level
    state.check_categories = sorted(set(categories))
    state.explained = False
    state.weak_turns = []
    return Move(CHECK, state, "possible_crisis")


def on_answer(state: SafetyState, answer: str, level: Optional[str], danger_only: bool, turn: int = 0) -> Move:
    """The client's reply while the check is open. `answer` comes from
    `bot.understanding.safety.classify_answer`; `level` is the reply's own signal, which
    counts only when it is acute (stronger than anything a check asks about)."""
    if level == "acute":
        state.check_open = False
        state.crisis = "danger" if danger_only else "suicide"
        return Move(DANGER_SUPPORT if danger_only else SUPPORT, state, "crisis")
    if answer in ("yes", "sometimes", "unsure"):
        state.check_open = False
        state.crisis = "suicide"
        return Move(SUPPORT, state, "crisis")
    if answer == "question" and not state.explained:
        state.explained = True
        return Move(EXPLAIN_AND_ASK, state)
    state.check_open = False
    if answer == "no":
        state.declined_level = state.check_level
        state.declined_categories = sorted(set(state.declined_categories) | set(state.check_categories))
        return Move(RESUME_AFTER_NO, state, "check_declined")
    state.unanswered_turn = turn
    return Move(RESUME_UNANSWERED, state)


def late_answer(state: SafetyState, answer: str, turn: int) -> Move:
    """A message soon after a check the client left unanswered: "ja soms wel, vooral 's nachts"
    answers the check, not the coach's later question. `answer` is the message read as an
    answer to the check (`classify_answer`); only "sometimes" counts: a plain "ja" answers too
    many other questions. The check is asked again, plainly, and then read as usual."""
    if state.crisis or state.check_open or state.unanswered_turn is None:
        return Move(None, state)
    if not 0 < turn - state.unanswered_turn <= LATE_ANSWER_TURNS:
        return Move(None, state)
    if answer != "sometimes":
        return Move(None, state)
    state.unanswered_turn = None
    state.check_open = True
    state.explained = False
    return Move(CLARIFY, state)


def follow_up(state: SafetyState, leaving: bool = False, answer: Optional[str] = None) -> Move:
    """After support. `leaving`: the client says goodbye; `answer`: what to say first to the
    client's question (the adapter picks it: the knowledge base on the help, or "later")."""
    if leaving and not state.said_goodbye:
        state.said_goodbye = True
        return Move(CRISIS_GOODBYE, state)
    return Move(FOLLOW_UP, state, answer=answer)


OWNER_LINES = ("crisis.owner_told", "crisis.nobody_reads", "crisis.not_told")


def wording(move: Move, texts: Callable[[str], Sequence[str]], owner_line: str, choose: Callable) -> List[str]:
    """The coach's messages for a safety move (the texts live in coach.yml, `crisis.*`).

    `owner_line` (one of OWNER_LINES) says who is told after crisis support: the owner of the
    chat link (only when an alert was really stored and sent), nobody (the open chat), or
    nobody because storing failed. `choose(options)` picks one text."""
    state = move.state
    if move.kind == CHECK:
        return [choose(texts("crisis.check"))]
    if move.kind == EXPLAIN_AND_ASK:
        return [choose(texts("crisis.explain"))]
    if move.kind == CLARIFY:
        return [choose(texts("crisis.clarify"))]
    if move.kind == CHECK_IN:
        return [choose(texts(f"crisis.check_in.{move.answer}")), choose(texts("crisis.check_in.question"))]
    if move.kind in (SUPPORT, DANGER_SUPPORT):
        danger = move.kind == DANGER_SUPPORT
        told = texts(owner_line)[0]
        state.follow_ups = 0
        return [texts("crisis.danger" if danger else "crisis.support")[0], told, _next_follow_up(state, texts)]
    if move.kind == FOLLOW_UP:
        return ([move.answer] if move.answer else []) + [_next_follow_up(state, texts)]
    if move.kind == CRISIS_GOODBYE:
        return [texts("crisis.danger_goodbye" if state.crisis == "danger" else "crisis.goodbye")[0]]
    if move.kind == RESUME_AFTER_NO:
        return [choose(texts("crisis.resume_after_no"))]
    if move.kind == RESUME_UNANSWERED:
        return [choose(texts("crisis.resume_unanswered"))]
    if move.kind == ACKNOWLEDGE:
        return [choose(texts("crisis.acknowledge_again"))]
    return []


def _next_follow_up(state: SafetyState, texts: Callable[[str], Sequence[str]]) -> str:
    """The warm sentences after support, each once and in order; then the two closing lines
    taking turns, so no message repeats the one before."""
    prefix = "crisis.danger_followup" if state.crisis == "danger" else "crisis.followup"
    sentences, closing = list(texts(prefix)), list(texts(f"{prefix}_end"))
    i = state.follow_ups
    state.follow_ups += 1
    return sentences[i] if i < len(sentences) else closing[(i - len(sentences)) % len(closing)]
