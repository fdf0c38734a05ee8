"""Writing and reading the stored conversations.

Called from the Rasa tracker store (turns) and from the custom actions (consent,
assessments, TPB answers, rulers, safety flags). Writes are idempotent where Rasa may
repeat them: turns are keyed by (conversation, seq) and inserted once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.engine import session_scope
from bot.db.models import Client, Conversation, RulerScore, SafetyFlag, StageAssessment, TpbAnswer, Turn, utcnow

logger = logging.getLogger(__name__)


def conversation_key(sender_id: str, session_started: Optional[float]) -> str:
    """One stored conversation per Rasa session of a sender."""
    return f"{sender_id}@{int(round((session_started or 0.0) * 1000))}"


def from_timestamp(ts: Optional[float]) -> dt.datetime:
    if not ts:
        return utcnow()
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).replace(tzinfo=None)


@dataclass
class ConversationRef:
    """Identifies a conversation and its owner; enough to create it on first write."""

    id: str
    client_id: str
    sender_id: str
    started: Optional[float] = None


@dataclass
class TurnRecord:
    seq: int
    speaker: str
    text: str
    timestamp: Optional[float] = None
    intent: Optional[str] = None
    confidence: Optional[float] = None
    entities: List[Dict[str, Any]] = field(default_factory=list)
    talk_type: Optional[str] = None
    stage: Optional[str] = None
    message_id: Optional[str] = None  # a client turn's message id (bot.rasa_adapter.message_ids)


def _ensure(session: Session, ref: ConversationRef) -> Conversation:
    conversation = session.get(Conversation, ref.id)
    if conversation is not None:
        return conversation
    if session.get(Client, ref.client_id) is None:
        session.add(Client(id=ref.client_id))
    conversation = Conversation(
        id=ref.id, client_id=ref.client_id, sender_id=ref.sender_id, started_at=from_timestamp(ref.started)
    )
    session.add(conversation)
    session.flush()
    return conversation


def _write(ref: ConversationRef, fn, url: Optional[str] = None):
    """Run fn(session, conversation) in a transaction; retry once if a concurrent writer
    created the same client or conversation first."""
    for attempt in (1, 2):
        try:
            with session_scope(url) as session:
                return fn(session, _ensure(session, ref))
        except IntegrityError:
            if attempt == 2:
                raise


def record_consent(ref: ConversationRef, consent: str, url: Optional[str] = None) -> None:
    def fn(session: Session, conv: Conversation) -> None:
        conv.consent = consent
        conv.consent_at = utcnow()

    _write(ref, fn, url)


def store_turns(ref: ConversationRef, turns: Sequence[TurnRecord], url: Optional[str] = None) -> int:
    """Insert the turns whose seq is not stored yet; returns how many were added.

    A client turn whose message id is already stored is not stored again (Rasa handles
    each id once, so this only guards the transcript's own promise: each message once).
    """
    if not turns:
        return 0

    def fn(session: Session, conv: Conversation) -> int:
        seqs = sorted({t.seq for t in turns})
        present = set()
        for i in range(0, len(seqs), 500):
            chunk = seqs[i : i + 500]
            present.update(
                session.scalars(select(Turn.seq).where(Turn.conversation_id == conv.id, Turn.seq.in_(chunk)))
            )
        return _insert_turns(session, conv, [t for t in turns if t.seq not in present])

    return _write(ref, fn, url)


def store_new_turns(
    ref: ConversationRef, turns_after: Callable[[int], Sequence[TurnRecord]], url: Optional[str] = None
) -> int:
    """Insert the turns after the last stored one; returns how many were added.

    `turns_after(seq)` gives the conversation's turns with a seq above `seq` (the highest
    stored; 0 for none), so the caller builds only those. One transaction, and nothing of the
    stored conversation is read but its highest seq: what a save adds is the new messages,
    plus any a failed save before it left out (the gap is always at the end: turns are
    inserted in order, all of one save or none).
    """

    def fn(session: Session, conv: Conversation) -> int:
        last = session.scalar(select(func.max(Turn.seq)).where(Turn.conversation_id == conv.id)) or 0
        return _insert_turns(session, conv, [t for t in turns_after(last) if t.seq > last])

    return _write(ref, fn, url)


def _insert_turns(session: Session, conv: Conversation, turns: Sequence[TurnRecord]) -> int:
    """Add `turns` (none of whose seqs is stored) in order, each client message id once."""
    if not turns:
        return 0
    wanted = {t.message_id for t in turns if t.message_id is not None}
    message_ids = set()
    if wanted:
        message_ids = set(
            session.scalars(
                select(Turn.message_id).where(Turn.conversation_id == conv.id, Turn.message_id.in_(sorted(wanted)))
            )
        )
    added = 0
    for t in sorted(turns, key=lambda t: t.seq):
        if t.message_id is not None:
            if t.message_id in message_ids:
                logger.warning("turn not stored again: conversation=%s message=%s", conv.id, t.message_id)
                continue
            message_ids.add(t.message_id)
        session.add(
            Turn(
                conversation_id=conv.id,
                seq=t.seq,
                speaker=t.speaker,
                text=t.text,
                created_at=from_timestamp(t.timestamp),
                intent=t.intent,
                confidence=t.confidence,
                entities=t.entities or None,
                talk_type=t.talk_type,
                stage=t.stage,
                message_id=t.message_id,
            )
        )
        added += 1
    return added


def _written_for(session: Session, model: Any, conv: Conversation, message_id: Optional[str]) -> bool:
    """True when `model` already has a record of this message (its action ran before, but the
    handling of the message then failed and the message is handled again)."""
    if message_id is None:
        return False
    found = session.scalar(
        select(model.id).where(model.conversation_id == conv.id, model.message_id == message_id).limit(1)
    )
    if found is not None:
        logger.info("%s not stored again: conversation=%s message=%s", model.__tablename__, conv.id, message_id)
    return found is not None


# -- what one action writes, in one transaction -------------------------------------
# Each of these makes a write: fn(session, conversation). `add_*` runs one on its own;
# `write_together` runs several of one turn (assessment, TPB answer, ruler score) in a single
# transaction, so a turn costs the action server one commit, not one per record.
Write = Callable[[Session, Conversation], Any]


def write_together(ref: ConversationRef, writes: Sequence[Write], url: Optional[str] = None) -> List[Any]:
    """Run every write in one transaction (all or none); returns their results in order."""
    if not writes:
        return []
    return _write(ref, lambda session, conv: [write(session, conv) for write in writes], url)


def assessment(
    client_turn: int,
    stage: Optional[str],
    confidence: float,
    scores: Dict[str, float],
    evidence_count: int,
    message_id: Optional[str] = None,
) -> Write:
    def fn(session: Session, conv: Conversation) -> None:
        if _written_for(session, StageAssessment, conv, message_id):
            return
        session.add(
            StageAssessment(
                conversation_id=conv.id,
                client_turn=client_turn,
                stage=stage,
                confidence=confidence,
                scores=scores,
                evidence_count=evidence_count,
                target_behaviour=conv.target_behaviour,
                message_id=message_id,
            )
        )

    return fn


def tpb_answer(construct: str, question: str, answer: str, message_id: Optional[str] = None) -> Write:
    def fn(session: Session, conv: Conversation) -> None:
        if not _written_for(session, TpbAnswer, conv, message_id):
            session.add(
                TpbAnswer(
                    conversation_id=conv.id,
                    construct=construct,
                    question=question,
                    answer=answer,
                    message_id=message_id,
                )
            )

    return fn


def ruler_score(kind: str, value: int, message_id: Optional[str] = None) -> Write:
    def fn(session: Session, conv: Conversation) -> None:
        if not _written_for(session, RulerScore, conv, message_id):
            session.add(RulerScore(conversation_id=conv.id, kind=kind, value=value, message_id=message_id))

    return fn


def safety_flag(
    sources: Iterable[str],
    probability: Optional[float],
    kind: str = "crisis",
    categories: Iterable[str] = (),
    client_turn: Optional[int] = None,
) -> Write:
    """kind: "crisis" (support given), "possible_crisis" (the coach asked) or
    "check_declined" (the client said no). The write returns the flag's id. Never holds text."""

    def fn(session: Session, conv: Conversation) -> int:
        conv.flagged = True
        flag = SafetyFlag(
            conversation_id=conv.id,
            kind=kind,
            sources=list(sources),
            probability=probability,
            categories=list(categories),
            client_turn=client_turn,
        )
        session.add(flag)
        session.flush()
        return flag.id

    return fn


def owner_known(session: Session, conv: Conversation) -> bool:
    """A write that reads: does a professional own this conversation's client?"""
    client = session.get(Client, conv.client_id)
    return client is not None and client.owner_id is not None


def add_assessment(
    ref: ConversationRef,
    client_turn: int,
    stage: Optional[str],
    confidence: float,
    scores: Dict[str, float],
    evidence_count: int,
    url: Optional[str] = None,
    message_id: Optional[str] = None,
) -> None:
    _write(ref, assessment(client_turn, stage, confidence, scores, evidence_count, message_id), url)


def add_tpb_answer(
    ref: ConversationRef,
    construct: str,
    question: str,
    answer: str,
    url: Optional[str] = None,
    message_id: Optional[str] = None,
) -> None:
    _write(ref, tpb_answer(construct, question, answer, message_id), url)


def add_ruler_score(
    ref: ConversationRef, kind: str, value: int, url: Optional[str] = None, message_id: Optional[str] = None
) -> None:
    _write(ref, ruler_score(kind, value, message_id), url)


def add_safety_flag(
    ref: ConversationRef,
    sources: Iterable[str],
    probability: Optional[float],
    kind: str = "crisis",
    url: Optional[str] = None,
    categories: Iterable[str] = (),
    client_turn: Optional[int] = None,
) -> int:
    """Store a safety flag (`safety_flag`); returns its id."""
    return _write(ref, safety_flag(sources, probability, kind, categories, client_turn), url)


def client_has_owner(client_id: str, url: Optional[str] = None) -> bool:
    """Does a professional own this client (a chat link), so that a crisis alert reaches someone?"""
    with session_scope(url) as session:
        client = session.get(Client, client_id)
        return client is not None and client.owner_id is not None


def close_conversation(ref: ConversationRef, correction: Optional[str] = None, url: Optional[str] = None) -> None:
    def fn(session: Session, conv: Conversation) -> None:
        conv.closed_at = utcnow()
        if correction:
            conv.summary_correction = correction

    _write(ref, fn, url)


# -- reading ----------------------------------------------------------------------
def get_conversation(conversation_id: str, url: Optional[str] = None) -> Optional[Conversation]:
    """The conversation with its turns, assessments, answers and flags loaded."""
    with session_scope(url) as session:
        conv = session.get(Conversation, conversation_id)
        if conv is not None:
            for rel in ("turns", "assessments", "tpb_answers", "ruler_scores", "safety_flags"):
                getattr(conv, rel)
        return conv


def conversations_of_sender(sender_id: str, url: Optional[str] = None) -> List[Conversation]:
    with session_scope(url) as session:
        rows = list(
            session.scalars(
                select(Conversation).where(Conversation.sender_id == sender_id).order_by(Conversation.started_at)
            )
        )
        for conv in rows:
            conv.turns, conv.assessments, conv.tpb_answers, conv.ruler_scores, conv.safety_flags
        return rows


def delete_client(client_id: str, url: Optional[str] = None) -> bool:
    with session_scope(url) as session:
        client = session.get(Client, client_id)
        if client is None:
            return False
        session.delete(client)
        return True
