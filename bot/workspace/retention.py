"""Retention: delete conversations whose last activity is older than the retention period.

A conversation's last activity is the latest of its start, consent, close and the
creation time of any record beneath it (turns, assessments, TPB answers, ruler scores,
safety flags). Deleting a conversation deletes everything beneath it through the
existing cascades (ORM plus ON DELETE CASCADE). The client record itself is kept: it
belongs to the professional's client list. Nothing here logs message text; the log
line says only how many conversations were deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Callable, Dict, List, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Conversation, RulerScore, SafetyFlag, StageAssessment, TpbAnswer, Turn, utcnow

log = logging.getLogger(__name__)

CHILD_MODELS = (Turn, StageAssessment, TpbAnswer, RulerScore, SafetyFlag)


def last_activity(session: Session, conversation_ids: List[str]) -> Dict[str, dt.datetime]:
    """conversation id -> latest timestamp of the conversation or any record beneath it."""
    latest: Dict[str, dt.datetime] = {}
    if not conversation_ids:
        return latest
    for conv in session.scalars(select(Conversation).where(Conversation.id.in_(conversation_ids))):
        stamps = [s for s in (conv.started_at, conv.consent_at, conv.closed_at) if s is not None]
        latest[conv.id] = max(stamps)
    for model in CHILD_MODELS:
        rows = session.execute(
            select(model.conversation_id, func.max(model.created_at))
            .where(model.conversation_id.in_(conversation_ids))
            .group_by(model.conversation_id)
        )
        for conv_id, stamp in rows:
            if stamp is not None and stamp > latest.get(conv_id, stamp - dt.timedelta(seconds=1)):
                latest[conv_id] = stamp
    return latest


def purge_older_than(
    session: Session,
    days: int,
    now: Optional[dt.datetime] = None,
    on_delete: Optional[Callable[[Conversation], None]] = None,
    batch_size: int = 500,
) -> int:
    """Delete every conversation whose last activity is more than `days` days before `now`
    (naive UTC, default: the current time). Returns how many were deleted.

    `on_delete(conversation)` is called for each one just before it is deleted, in the same
    session and transaction, e.g. to remove the Rasa tracker rows of `conversation.sender_id`.
    If it raises, nothing is committed by this function (the caller's transaction decides).
    The caller commits (e.g. inside `bot.db.engine.session_scope`).
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=days)
    # Started after the cutoff means recent for sure; only older starts need a closer look.
    candidates = list(
        session.scalars(
            select(Conversation.id).where(Conversation.started_at < cutoff).order_by(Conversation.started_at)
        )
    )
    deleted = 0
    for start in range(0, len(candidates), batch_size):
        batch = candidates[start : start + batch_size]
        activity = last_activity(session, batch)
        for conv_id in batch:
            if activity.get(conv_id, now) >= cutoff:
                continue
            conv = session.get(Conversation, conv_id)
            if conv is None:
                continue
            if on_delete is not None:
                on_delete(conv)
            session.delete(conv)
            deleted += 1
        session.flush()
    log.info("retention: deleted %d conversation(s) inactive for more than %d day(s)", deleted, days)
    return deleted
