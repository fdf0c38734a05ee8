"""Retention: old conversations go with everything beneath them, recent ones stay."""

import datetime as dt

from sqlalchemy import func, select

from bot.db.engine import session_scope
from bot.db.models import Client, Conversation, RulerScore, SafetyFlag, StageAssessment, TpbAnswer, Turn
from bot.workspace.retention import purge_older_than
from tests.workspace.conftest import RICH_MESSAGES, RICH_TPB, make_conversation

CHILDREN = (Turn, StageAssessment, TpbAnswer, RulerScore, SafetyFlag)


def rows(url, model, conv_id):
    with session_scope(url) as s:
        return s.scalar(select(func.count()).select_from(model).where(model.conversation_id == conv_id))


def full(url, started, client_id):
    return make_conversation(
        url,
        RICH_MESSAGES,
        started=started,
        client_id=client_id,
        assessments=[(5, "contemplation", 0.6)],
        tpb=RICH_TPB,
        rulers=[("importance", 7)],
        flags=["crisis"],
    )


def test_purge_deletes_old_keeps_recent_and_calls_hook(database_url):
    # Far in the past, so that no other test's conversation is old enough to be purged.
    now = dt.datetime(2000, 6, 1, 12, 0)
    cid = "c-retention-1"
    old = full(database_url, now - dt.timedelta(days=400), cid)
    recent = full(database_url, now - dt.timedelta(days=10), cid)
    for model in CHILDREN:
        assert rows(database_url, model, old.id) > 0
    seen = []
    with session_scope(database_url) as s:
        n = purge_older_than(s, 365, now=now, on_delete=lambda c: seen.append((c.id, c.sender_id)))
    assert n == 1 and seen == [(old.id, old.sender_id)]
    with session_scope(database_url) as s:
        assert s.get(Conversation, old.id) is None and s.get(Conversation, recent.id) is not None
        assert s.get(Client, cid) is not None
    for model in CHILDREN:
        assert rows(database_url, model, old.id) == 0
        assert rows(database_url, model, recent.id) > 0


def test_recent_activity_in_an_old_conversation_keeps_it(database_url):
    now = dt.datetime(1990, 1, 1)
    ref = full(database_url, now - dt.timedelta(days=50), "c-retention-2")
    with session_scope(database_url) as s:
        conv = s.get(Conversation, ref.id)
        conv.turns[-1].created_at = now - dt.timedelta(days=5)  # still active lately
    with session_scope(database_url) as s:
        deleted = []
        purge_older_than(s, 30, now=now, on_delete=lambda c: deleted.append(c.id))
    assert ref.id not in deleted
    with session_scope(database_url) as s:
        assert s.get(Conversation, ref.id) is not None
