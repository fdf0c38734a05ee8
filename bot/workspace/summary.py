"""The stage summary a professional reads before the gesprek, and a client's trajectory.

`build_summary` turns one stored conversation into a `StageSummary`: the assessed stage
of change with the client's own supporting sentences, change and sustain talk, the TPB
profile, the ruler scores, what matters to the client per Kampen's consideratiemodel, a
suggested approach for the gesprek and any safety flag or correction. All display text
is Dutch (bot/workspace/summary.yml and the coach's own labels in coach.yml).

Thin evidence is said, not guessed: without an assessed stage, with fewer than
`MIN_CLIENT_TURNS` client messages or with a confidence below `MIN_CONFIDENCE`, the
summary has `stage=None`, `thin_evidence=True` and a Dutch `thin_reason`.

Kampen's categories are found transparently: a client sentence counts for a category
when it contains one of the category's cue words (whole words, lowercase; listed in
summary.yml) or when its message carries one of the category's entity values (e.g. the
activity "vrijwilligerswerk" for "waardering voor wat de cliënt al doet").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.coach.assessment import MIN_NAMED_CONFIDENCE
from bot.coach.content import TPB_CONSTRUCTS, load_content
from bot.coach.engine import TALK_EVIDENCE_INTENTS
from bot.core.clock import local
from bot.core.stages import STAGES, dutch_name
from bot.db.models import Conversation, StageAssessment, Turn
from bot.workspace import safety_levels
from bot.workspace.summary_content import CONSIDERATION_KEYS, SummaryContent, load_summary_content

MIN_CLIENT_TURNS = 3  # fewer client messages: too little to name a stage
MIN_CONFIDENCE = MIN_NAMED_CONFIDENCE  # below this assessed confidence: too uncertain to name a stage
MAX_STAGE_QUOTES = 4
MAX_TALK_QUOTES = 5
MAX_CONSIDERATION_QUOTES = 3
MIN_QUOTE_WORDS = 3  # "ja" or "een 7" is no quote
CONFIDENCE_BANDS = ((0.6, "high"), (0.45, "medium"), (0.0, "low"))


class ConversationNotFound(LookupError):
    """No stored conversation with that id."""


# -- result types -------------------------------------------------------------------
@dataclass
class Quote:
    """A client's own sentence, with where it came from."""

    text: str
    seq: int
    talk_type: Optional[str] = None
    stage: Optional[str] = None
    confidence: Optional[float] = None


@dataclass
class TpbAnswerItem:
    question: str
    answer: str


@dataclass
class TpbConstruct:
    construct: str  # "attitude", ...
    label: str  # "houding", ...
    discussed: bool
    status: str  # "besproken" or "nog niet besproken"
    answers: List[TpbAnswerItem] = field(default_factory=list)
    mentioned: List[str] = field(default_factory=list)  # e.g. barrier entities named anywhere


@dataclass
class RulerItem:
    kind: str  # "importance" / "confidence"
    label: str  # "belang" / "vertrouwen"
    question: str
    value: Optional[int]
    display: str  # "7 van de 10" or "nog niet besproken"


@dataclass
class ConsiderationItem:
    key: str  # "background", "own_interest", "collective_interest", "appreciation"
    label: str
    explanation: str
    quotes: List[Quote] = field(default_factory=list)
    status: str = ""  # "" when quotes exist, else "nog niet besproken"


@dataclass
class Approach:
    stage: Optional[str]
    title: str
    focus: str
    avoid: str
    questions: List[str]
    personalised: Optional[str] = None  # the question that uses the client's own content


@dataclass
class SafetyInfo:
    level: str  # bot.workspace.safety_levels.LEVELS
    label: str  # "crisis bevestigd" / "mogelijk signaal" / "gevraagd, cliënt zei nee"
    message: str
    turns: List[int]  # seqs of the client turns that carried a signal
    open_alerts: List[int]  # ids of crisis alerts not acknowledged yet


@dataclass
class StageSummary:
    conversation_id: str
    client_id: str
    started_at: Optional[dt.datetime]
    closed_at: Optional[dt.datetime]
    target_behaviour: str
    client_turns: int
    stage: Optional[str]
    stage_name: Optional[str]
    stage_description: Optional[str]
    confidence: Optional[float]
    confidence_label: Optional[str]
    thin_evidence: bool
    thin_reason: Optional[str]
    stage_quotes: List[Quote]
    change_talk: List[Quote]
    sustain_talk: List[Quote]
    tpb: List[TpbConstruct]
    rulers: List[RulerItem]
    consideration: List[ConsiderationItem]
    approach: Approach
    flagged: bool
    safety: Optional[SafetyInfo]
    correction: Optional[str]
    correction_label: str

    def as_dict(self) -> Dict[str, Any]:
        """JSON-safe dict (datetimes as ISO 8601 strings)."""
        return _json_safe(asdict(self))


@dataclass
class TrajectoryPoint:
    conversation_id: str
    date: dt.date
    stage: Optional[str]
    stage_name: Optional[str]
    confidence: Optional[float]
    thin_evidence: bool
    safety_level: Optional[str] = None  # bot.workspace.safety_levels.LEVELS

    def as_dict(self) -> Dict[str, Any]:
        return _json_safe(asdict(self))


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


# -- evidence -----------------------------------------------------------------------
@dataclass
class _StageVerdict:
    stage: Optional[str]
    confidence: Optional[float]
    thin: bool
    reason: Optional[str]


def _client_turns(conv: Conversation) -> List[Turn]:
    return [t for t in sorted(conv.turns, key=lambda t: t.seq) if t.speaker == "client"]


def _latest_assessment(conv: Conversation) -> Optional[StageAssessment]:
    if not conv.assessments:
        return None
    return max(conv.assessments, key=lambda a: (a.client_turn, a.id or 0))


def _verdict(conv: Conversation, texts: SummaryContent) -> _StageVerdict:
    """The stage to show, or why none is shown."""
    latest = _latest_assessment(conv)
    n_turns = len(_client_turns(conv))
    if latest is None or latest.stage not in STAGES:
        return _StageVerdict(None, None, True, texts.text("thin_evidence.no_assessment"))
    if n_turns < MIN_CLIENT_TURNS:
        return _StageVerdict(None, latest.confidence, True, texts.text("thin_evidence.few_turns", turns=n_turns))
    if (latest.confidence or 0.0) < MIN_CONFIDENCE:
        return _StageVerdict(None, latest.confidence, True, texts.text("thin_evidence.low_confidence"))
    return _StageVerdict(latest.stage, latest.confidence, False, None)


def _confidence_label(confidence: Optional[float], texts: SummaryContent) -> Optional[str]:
    if confidence is None:
        return None
    for floor, key in CONFIDENCE_BANDS:
        if confidence >= floor:
            return texts.text(f"confidence_labels.{key}")
    return None


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _quote(turn: Turn, text: Optional[str] = None) -> Quote:
    return Quote(
        text=(text or turn.text).strip(),
        seq=turn.seq,
        talk_type=turn.talk_type,
        stage=turn.stage,
        confidence=round(turn.confidence, 3) if turn.confidence is not None else None,
    )


def _stage_quotes(turns: Sequence[Turn], stage: Optional[str]) -> List[Quote]:
    if stage is None:
        return []
    matching = [t for t in turns if t.stage == stage and _words(t.text) >= MIN_QUOTE_WORDS]
    matching.sort(key=lambda t: (-(t.confidence or 0.0), t.seq))
    return [_quote(t) for t in matching[:MAX_STAGE_QUOTES]]


def _talk_quotes(turns: Sequence[Turn], talk_type: str, texts: SummaryContent) -> List[Quote]:
    # Only what the client said about their situation counts as talk, as in the coach's
    # own evidence: a consent answer ("ja, dat is goed") is neither change nor sustain talk.
    # Sustain talk speaks for staying as things are (summary.yml `sustain_cues`): a neutral
    # fact the classifier called sustain talk is left out.
    sustain = _cue_pattern(texts.get("sustain_cues")) if talk_type == "sustain" else None
    matching = [
        t
        for t in turns
        if t.talk_type == talk_type
        and _words(t.text) >= MIN_QUOTE_WORDS
        and (t.intent is None or t.intent in TALK_EVIDENCE_INTENTS)
        and (sustain is None or sustain.search(t.text))
    ]
    # the most certain first, then shown in conversation order
    chosen = sorted(matching, key=lambda t: (-(t.confidence or 0.0), t.seq))[:MAX_TALK_QUOTES]
    return [_quote(t) for t in sorted(chosen, key=lambda t: t.seq)]


def _entity_values(turn: Turn, name: str) -> List[str]:
    return [
        str(e.get("value"))
        for e in (turn.entities or [])
        if isinstance(e, dict) and e.get("entity") == name and e.get("value")
    ]


# -- TPB and rulers -------------------------------------------------------------------
def _tpb_profile(conv: Conversation, turns: Sequence[Turn], texts: SummaryContent) -> List[TpbConstruct]:
    coach = load_content()
    barriers = _unique(v for t in turns for v in _entity_values(t, "barrier"))
    result = []
    for construct in TPB_CONSTRUCTS:
        answers = [
            TpbAnswerItem(question=a.question, answer=a.answer)
            for a in sorted(conv.tpb_answers, key=lambda a: a.id or 0)
            if a.construct == construct
        ]
        mentioned = barriers if construct == "barriers" else []
        discussed = bool(answers)
        result.append(
            TpbConstruct(
                construct=construct,
                label=coach.get(f"tpb.{construct}.label"),
                discussed=discussed,
                status="besproken" if discussed else texts.text("not_discussed"),
                answers=answers,
                mentioned=mentioned,
            )
        )
    return result


def _ruler_items(conv: Conversation, texts: SummaryContent) -> List[RulerItem]:
    items = []
    for kind in ("importance", "confidence"):
        scores = sorted((r for r in conv.ruler_scores if r.kind == kind), key=lambda r: r.id or 0)
        value = scores[-1].value if scores else None
        display = texts.text("rulers.value", value=value) if value is not None else texts.text("not_discussed")
        items.append(
            RulerItem(
                kind=kind,
                label=texts.text(f"rulers.{kind}.label"),
                question=texts.text(f"rulers.{kind}.question"),
                value=value,
                display=display,
            )
        )
    return items


# -- Kampen's consideratiemodel ---------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences(text: str) -> List[str]:
    """Split a message into sentences (simple punctuation rule, enough for chat text)."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s and s.strip()]


def _cue_pattern(cues: Iterable[str]) -> re.Pattern:
    alternatives = sorted((re.escape(c) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _consideration(turns: Sequence[Turn], texts: SummaryContent) -> List[ConsiderationItem]:
    items = []
    for key in CONSIDERATION_KEYS:
        pattern = _cue_pattern(texts.get(f"consideration.{key}.cues"))
        entity_values = set(texts.get(f"consideration.{key}.entities"))
        quotes: List[Quote] = []
        for turn in turns:
            has_entity = bool(entity_values & set(_entity_values(turn, "activity")))
            for sentence in sentences(turn.text):
                if _words(sentence) < MIN_QUOTE_WORDS:
                    continue
                if pattern.search(sentence) or (has_entity and _mentions_entity(turn, sentence)):
                    quotes.append(_quote(turn, sentence))
                    break  # one sentence per message per category
            if len(quotes) >= MAX_CONSIDERATION_QUOTES:
                break
        items.append(
            ConsiderationItem(
                key=key,
                label=texts.text(f"consideration.{key}.label"),
                explanation=texts.text(f"consideration.{key}.explanation"),
                quotes=quotes,
                status="" if quotes else texts.text("not_discussed"),
            )
        )
    return items


def _mentions_entity(turn: Turn, sentence: str) -> bool:
    """Whether the sentence holds one of the message's entity spans (or, without offsets, any)."""
    spans = [(e.get("start"), e.get("end")) for e in (turn.entities or []) if isinstance(e, dict)]
    start = turn.text.find(sentence)
    if start < 0 or not spans or any(s is None or e is None for s, e in spans):
        return True
    return any(start <= s and e <= start + len(sentence) for s, e in spans)


# -- approach ----------------------------------------------------------------------------
def _approach(stage: Optional[str], turns: Sequence[Turn], texts: SummaryContent) -> Approach:
    key = stage or "unknown"
    base = f"approach.{key}"
    questions = list(texts.get(f"{base}.questions"))
    coach = load_content()
    personalised = None
    activity = _first_phrase(coach.get("activity_phrases"), (v for t in turns for v in _entity_values(t, "activity")))
    barrier = _first_phrase(coach.get("barrier_phrases"), (v for t in turns for v in _entity_values(t, "barrier")))
    if activity:
        personalised = texts.text(f"{base}.personal.activity", activity=activity)
    elif barrier:
        personalised = texts.text(f"{base}.personal.barrier", barrier=barrier)
    chosen = questions[:2] + [personalised] if personalised else questions[:3]
    return Approach(
        stage=stage,
        title=texts.text(f"{base}.title"),
        focus=texts.text(f"{base}.focus"),
        avoid=texts.text(f"{base}.avoid"),
        questions=chosen,
        personalised=personalised,
    )


def _stage_description(stage: Optional[str], turns: Sequence[Turn], texts: SummaryContent) -> Optional[str]:
    """What the stage means, naming only what this client said they do (no volunteer work
    for a client who never mentioned any)."""
    if stage is None:
        return None
    names = texts.get("activity_names")
    activity = next((names[v] for t in turns for v in _entity_values(t, "activity") if v in names), None)
    if activity:
        return texts.text(f"stage_descriptions.{stage}.with_activity", activity=activity)
    return texts.text(f"stage_descriptions.{stage}.general")


def _first_phrase(phrases: Dict[str, str], values: Iterable[str]) -> Optional[str]:
    for value in values:
        if value in phrases:
            return phrases[value]
    return None


def _unique(values: Iterable[str]) -> List[str]:
    seen: List[str] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return seen


def _safety(conv: Conversation, texts: SummaryContent) -> Optional[SafetyInfo]:
    level = safety_levels.conversation_level(conv.safety_flags)
    if level is None:
        return None
    return SafetyInfo(
        level=level,
        label=texts.text(f"safety.levels.{level}"),
        message=texts.text(f"safety.messages.{level}"),
        turns=safety_levels.flagged_turns(conv.safety_flags),
        open_alerts=[f.id for f in safety_levels.open_alerts(conv.safety_flags)],
    )


# -- public API ------------------------------------------------------------------------
def load_conversation(session: Session, conversation_id: str) -> Conversation:
    conv = session.get(Conversation, conversation_id)
    if conv is None:
        raise ConversationNotFound(conversation_id)
    return conv


def build_summary(session: Session, conversation_id: str) -> StageSummary:
    """The stage summary of one conversation. Raises ConversationNotFound."""
    texts = load_summary_content()
    conv = load_conversation(session, conversation_id)
    turns = _client_turns(conv)
    verdict = _verdict(conv, texts)
    return StageSummary(
        conversation_id=conv.id,
        client_id=conv.client_id,
        started_at=conv.started_at,
        closed_at=conv.closed_at,
        target_behaviour=conv.target_behaviour,
        client_turns=len(turns),
        stage=verdict.stage,
        stage_name=dutch_name(verdict.stage) if verdict.stage else None,
        stage_description=_stage_description(verdict.stage, turns, texts),
        confidence=round(verdict.confidence, 3) if verdict.confidence is not None and not verdict.thin else None,
        confidence_label=None if verdict.thin else _confidence_label(verdict.confidence, texts),
        thin_evidence=verdict.thin,
        thin_reason=verdict.reason,
        stage_quotes=_stage_quotes(turns, verdict.stage),
        change_talk=_talk_quotes(turns, "change", texts),
        sustain_talk=_talk_quotes(turns, "sustain", texts),
        tpb=_tpb_profile(conv, turns, texts),
        rulers=_ruler_items(conv, texts),
        consideration=_consideration(turns, texts),
        approach=_approach(verdict.stage, turns, texts),
        flagged=bool(conv.flagged),
        safety=_safety(conv, texts),
        correction=conv.summary_correction or None,
        correction_label=texts.text("correction.label"),
    )


def client_trajectory(session: Session, client_id: str) -> List[TrajectoryPoint]:
    """One point per conversation of the client, oldest first: date, final stage (None while
    the evidence is thin, by the same rule as the summary) and its confidence."""
    texts = load_summary_content()
    rows = session.scalars(
        select(Conversation)
        .where(Conversation.client_id == client_id)
        .order_by(Conversation.started_at, Conversation.id)
    )
    points = []
    for conv in rows:
        verdict = _verdict(conv, texts)
        latest = _latest_assessment(conv)
        confidence = verdict.confidence if verdict.confidence is not None else (latest.confidence if latest else None)
        points.append(
            TrajectoryPoint(
                conversation_id=conv.id,
                date=local(conv.started_at).date(),  # the Dutch calendar day
                stage=verdict.stage,
                stage_name=dutch_name(verdict.stage) if verdict.stage else None,
                confidence=round(confidence, 3) if confidence is not None and not verdict.thin else None,
                thin_evidence=verdict.thin,
                safety_level=safety_levels.conversation_level(conv.safety_flags),
            )
        )
    return points
