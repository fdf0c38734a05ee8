"""Storage: turns exactly once, every record owned, deletion real."""

import uuid

from sqlalchemy import func, select

from bot.coach import records as store
from bot.db.engine import session_scope
from bot.db.models import Client, Conversation, RulerScore, SafetyFlag, StageAssessment, TpbAnswer, Turn


def new_ref():
    return store.ConversationRef(
        id=f"s-{uuid.uuid4().hex}@1", client_id=f"c-{uuid.uuid4().hex[:12]}", sender_id="s", started=1.0
    )


def count(model, conversation_id, url):
    with session_scope(url) as s:
        return s.scalar(select(func.count()).select_from(model).where(model.conversation_id == conversation_id))


def test_turns_are_stored_once_in_order(database_url):
    ref = new_ref()
    turns = [store.TurnRecord(seq=i, speaker="client" if i % 2 else "coach", text=f"t{i}") for i in (1, 2, 3)]
    assert store.store_turns(ref, turns, url=database_url) == 3
    assert store.store_turns(ref, turns, url=database_url) == 0  # a repeated save adds nothing
    more = turns + [store.TurnRecord(seq=4, speaker="coach", text="t4")]
    assert store.store_turns(ref, list(reversed(more)), url=database_url) == 1
    conv = store.get_conversation(ref.id, url=database_url)
    assert [t.text for t in conv.turns] == ["t1", "t2", "t3", "t4"]


def test_what_one_message_produced_is_stored_once(database_url):
    # A message whose handling failed after its action ran is handled again: same records.
    ref = new_ref()
    for _ in range(2):
        store.add_assessment(ref, 1, None, 0.2, {"action": 0.2}, 1, url=database_url, message_id="msg-aaaa-1")
        store.add_tpb_answer(
            ref, "attitude", "Wat betekent werk?", "structuur", url=database_url, message_id="msg-aaaa-1"
        )
        store.add_ruler_score(ref, "importance", 7, url=database_url, message_id="msg-aaaa-1")
    store.add_ruler_score(ref, "confidence", 5, url=database_url, message_id="msg-bbbb-2")
    store.add_ruler_score(ref, "confidence", 5, url=database_url)  # no id: as before, each call a record
    assert [count(m, ref.id, database_url) for m in (StageAssessment, TpbAnswer, RulerScore)] == [1, 1, 3]
    first = [store.TurnRecord(seq=1, speaker="client", text="ja", message_id="msg-cccc-3")]
    again = [store.TurnRecord(seq=3, speaker="client", text="ja", message_id="msg-cccc-3")]
    assert store.store_turns(ref, first, url=database_url) == 1
    assert store.store_turns(ref, again, url=database_url) == 0, "a message id is one turn"
    with session_scope(database_url) as s:
        assert s.scalars(select(Turn.message_id).where(Turn.conversation_id == ref.id)).all() == ["msg-cccc-3"]


def test_deleting_a_client_removes_everything(database_url):
    ref = new_ref()
    store.record_consent(ref, "given", url=database_url)
    store.store_turns(ref, [store.TurnRecord(seq=1, speaker="client", text="geheim")], url=database_url)
    store.add_assessment(ref, 1, "action", 0.7, {"action": 0.7}, 2, url=database_url)
    store.add_tpb_answer(ref, "attitude", "Wat betekent werk?", "structuur", url=database_url)
    store.add_ruler_score(ref, "importance", 7, url=database_url)
    store.add_safety_flag(ref, ["model"], 0.9, url=database_url)
    assert store.get_conversation(ref.id, url=database_url).flagged
    assert store.delete_client(ref.client_id, url=database_url)
    for model in (Turn, StageAssessment, TpbAnswer, RulerScore, SafetyFlag):
        assert count(model, ref.id, database_url) == 0
    with session_scope(database_url) as s:
        assert s.get(Conversation, ref.id) is None and s.get(Client, ref.client_id) is None


def test_the_records_of_one_turn_are_written_together_all_or_none(database_url):
    ref = new_ref()
    writes = [
        store.assessment(1, "action", 0.7, {"action": 0.7}, 2, message_id="msg-dddd-4"),
        store.tpb_answer("attitude", "Wat betekent werk?", "structuur", message_id="msg-dddd-4"),
        store.ruler_score("importance", 7, message_id="msg-dddd-4"),
        store.safety_flag(["model"], 0.9, "possible_crisis", client_turn=3),
        store.owner_known,
    ]
    flag_id, owned = store.write_together(ref, writes, url=database_url)[3:]
    assert isinstance(flag_id, int) and owned is False
    assert [count(m, ref.id, database_url) for m in (StageAssessment, TpbAnswer, RulerScore, SafetyFlag)] == [1] * 4
    store.write_together(ref, writes[:3], url=database_url)  # the same message again: nothing new
    assert [count(m, ref.id, database_url) for m in (StageAssessment, TpbAnswer, RulerScore)] == [1, 1, 1]

    def fails(_session, _conv):
        raise RuntimeError("database refused")

    other = new_ref()
    try:
        store.write_together(other, [store.ruler_score("confidence", 4), fails], url=database_url)
    except RuntimeError:
        pass
    assert count(RulerScore, other.id, database_url) == 0, "one transaction: nothing of the turn"


def test_a_save_stores_the_turns_after_the_last_stored_one_without_reading_the_others(database_url):
    from sqlalchemy import event

    from bot.db.engine import get_engine

    ref = new_ref()
    turns = [
        store.TurnRecord(seq=i, speaker="client" if i % 2 else "coach", text=f"t{i}", message_id=f"msg-eeee-{i}")
        for i in range(1, 41)
    ]
    asked = []

    def after(seq):
        asked.append(seq)
        return [t for t in turns if t.seq > seq]

    assert store.store_new_turns(ref, lambda seq: after(seq)[:30], url=database_url) == 30  # then a save failed
    statements = []
    listener = lambda _c, _cur, statement, *_: statements.append(statement)  # noqa: E731
    event.listen(get_engine(database_url), "before_cursor_execute", listener)
    try:
        assert store.store_new_turns(ref, after, url=database_url) == 10, "the next save fills the gap"
    finally:
        event.remove(get_engine(database_url), "before_cursor_execute", listener)
    assert asked == [0, 30]
    reads_of_turns = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM turns" in s]
    assert all("max(turns.seq)" in s or "turns.message_id IN" in s for s in reads_of_turns), reads_of_turns
    assert store.store_new_turns(ref, after, url=database_url) == 0
    resent = [store.TurnRecord(seq=41, speaker="client", text="t1", message_id="msg-eeee-1")]
    assert store.store_new_turns(ref, lambda seq: resent, url=database_url) == 0, "a message id is one turn"
    conv = store.get_conversation(ref.id, url=database_url)
    assert [t.seq for t in conv.turns] == list(range(1, 41))


def test_the_conversation_figures_follow_each_kind_of_record_and_a_turn_recomputes_only_its_own(database_url):
    from sqlalchemy import event

    from bot.db.engine import get_engine

    ref = new_ref()
    store.add_assessment(ref, 1, "action", 0.7, {"action": 0.7}, 2, url=database_url)
    store.add_safety_flag(ref, ["model"], 0.9, "possible_crisis", url=database_url)
    statements = []
    listener = lambda _c, _cur, statement, *_: statements.append(statement)  # noqa: E731
    event.listen(get_engine(database_url), "before_cursor_execute", listener)
    try:
        turns = [store.TurnRecord(seq=i, speaker="client" if i % 2 else "coach", text=f"t{i}") for i in (1, 2, 3)]
        store.store_new_turns(ref, lambda seq: turns, url=database_url)
    finally:
        event.remove(get_engine(database_url), "before_cursor_execute", listener)
    (stats,) = [s for s in statements if s.lstrip().upper().startswith("UPDATE CONVERSATIONS")]
    assert "client_turns" in stats and "stage_assessments" not in stats and "safety_flags" not in stats
    with session_scope(database_url) as s:
        conv = s.get(Conversation, ref.id)
        figures = (conv.client_turns, conv.latest_stage, conv.latest_confidence, conv.safety_level)
        assert figures == (2, "action", 0.7, "possible") and conv.last_turn_at is not None
