"""What the client list needs of every conversation, kept on the conversation row so the
list reads 20,000 conversations without touching their turns, assessments and flags:

* client_turns         - the number of client messages;
* last_turn_at         - when the last message (either speaker) was stored;
* latest_stage /       - the stage and confidence of the latest assessment (highest
  latest_confidence      client_turn, then id), whatever the evidence; the summary's
                         no-guessing rule is applied when reading (bot.workspace.caseload);
* safety_level         - bot.workspace.safety_levels.conversation_level of its flags.

`refresh` recomputes them from the child rows with one UPDATE (idempotent, so a repeated
or concurrent write cannot make them drift). Every ORM session of bot.db.engine calls it
after a flush that wrote turns, assessments or flags, for the columns those rows feed (a
flush of new turns, as every message's save makes, recomputes the two turn columns, not the
stage and safety subqueries); the migration that added the columns and bulk loaders (the
bench) call it directly, for all columns.
"""

from __future__ import annotations

from typing import Iterable, Optional

from sqlalchemy import case, exists, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.db.models import Conversation, SafetyFlag, StageAssessment, Turn

_LEVEL_OF_KIND = {"crisis": "confirmed", "possible_crisis": "possible", "check_declined": "declined"}
_CHILDREN = (Turn, StageAssessment, SafetyFlag)
# which columns a new or changed row of each kind can change
_COLUMNS_OF = {
    Turn: ("client_turns", "last_turn_at"),
    StageAssessment: ("latest_stage", "latest_confidence"),
    SafetyFlag: ("safety_level",),
}


def _values():
    conv_id = Conversation.id

    def latest(column):
        return (
            select(column)
            .where(StageAssessment.conversation_id == conv_id)
            .order_by(StageAssessment.client_turn.desc(), StageAssessment.id.desc())
            .limit(1)
            .scalar_subquery()
        )

    last_kind = (
        select(SafetyFlag.kind)
        .where(SafetyFlag.conversation_id == conv_id)
        .order_by(SafetyFlag.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    ever_crisis = exists().where(SafetyFlag.conversation_id == conv_id, SafetyFlag.kind == "crisis")
    return {
        "client_turns": select(func.count())
        .select_from(Turn)
        .where(Turn.conversation_id == conv_id, Turn.speaker == "client")
        .scalar_subquery(),
        "last_turn_at": select(func.max(Turn.created_at)).where(Turn.conversation_id == conv_id).scalar_subquery(),
        "latest_stage": latest(StageAssessment.stage),
        "latest_confidence": latest(StageAssessment.confidence),
        "safety_level": case(
            (ever_crisis, "confirmed"),
            *[(last_kind == kind, level) for kind, level in _LEVEL_OF_KIND.items() if kind != "crisis"],
            else_=None,
        ),
    }


def refresh(
    connection: Connection, conversation_ids: Optional[Iterable[str]] = None, columns: Optional[Iterable[str]] = None
) -> None:
    """Recompute the columns (None: all) for these conversations (None: every conversation)."""
    values = _values()
    if columns is not None:
        values = {name: values[name] for name in values if name in set(columns)}
    stmt = update(Conversation).values(**values).execution_options(synchronize_session=False)
    if conversation_ids is None:
        connection.execute(stmt)
        return
    ids = sorted(set(conversation_ids))
    for i in range(0, len(ids), 500):
        connection.execute(stmt.where(Conversation.id.in_(ids[i : i + 500])))


def _touched(session: Session) -> dict:
    """{conversation id: the columns its flushed child rows can change}."""
    touched: dict = {}
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, _CHILDREN) and obj.conversation_id:
            touched.setdefault(obj.conversation_id, set()).update(_COLUMNS_OF[type(obj)])
    return touched


def install(session_factory) -> None:
    """Keep the columns current for every session made by `session_factory`."""
    from sqlalchemy import event

    @event.listens_for(session_factory, "before_flush")
    def _remember(session, _context, _instances) -> None:
        remembered = session.info.setdefault("stats_touched", {})
        for conv_id, columns in _touched(session).items():
            remembered.setdefault(conv_id, set()).update(columns)

    @event.listens_for(session_factory, "after_flush_postexec")
    def _refresh(session, _context) -> None:
        touched = session.info.pop("stats_touched", {})
        by_columns: dict = {}
        for conv_id, columns in touched.items():
            by_columns.setdefault(tuple(sorted(columns)), []).append(conv_id)
        for columns, ids in by_columns.items():
            refresh(session.connection(), ids, columns)
            for conv_id in ids:  # loaded copies in this session would show the old figures
                conv = session.identity_map.get(session.identity_key(Conversation, conv_id))
                if conv is not None:
                    session.expire(conv, list(columns))
