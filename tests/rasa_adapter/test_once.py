"""Each message id is handled once: a resend, while the first handling is still running or
after it finished, gets the same replies and adds nothing (bot.rasa_adapter.once)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from sqlalchemy import text as sql

from bot.coach import records as store
from bot.db.engine import get_engine
from bot.rasa_adapter import channel, message_ids
from bot.rasa_adapter.agent_loader import send
from bot.rasa_adapter.tracker_store import StoreUnavailable

CONVERSATION = [
    "/greet",
    "ja",
    "ik doe al twee jaar vrijwilligerswerk bij de voedselbank",
    "misschien zou een paar uurtjes per week toch kunnen, ik twijfel",
    "aan de ene kant is het eng, aan de andere kant zou een eigen inkomen fijn zijn",
    "mijn vrouw staat erachter",
    "een 6",
    "een 7",
    "omdat ik het eigenlijk wel wil, ik help nu al mensen als vrijwilliger",
]


# --- reading the replies of an earlier handling back from the events ------------------------
def _user(mid, text="x"):
    return {"event": "user", "text": text, "metadata": {"message_id": mid, "client_id": "client-0001"}}


def _bot(text, **data):
    return {"event": "bot", "text": text, "data": data}


def test_stored_replies_are_the_bot_messages_between_the_message_and_the_next():
    events = [
        _user("first-message"),
        _bot("Welkom."),
        {"event": "action", "name": "action_listen"},
        _user("second-message"),
        _bot("Dank u.", buttons=[{"title": "Ja", "payload": "/ja"}]),
        {"event": "slot", "name": "stage", "value": "contemplation"},
        _bot("Wat maakt dat zo?"),
        _user("third-message"),
        _bot("Later."),
    ]
    assert message_ids.stored_replies(events, "second-message", "s") == [
        {"recipient_id": "s", "text": "Dank u.", "buttons": [{"title": "Ja", "payload": "/ja"}]},
        {"recipient_id": "s", "text": "Wat maakt dat zo?"},
    ]
    assert message_ids.stored_replies(events, "third-message", "s") == [{"recipient_id": "s", "text": "Later."}]
    assert message_ids.stored_replies(events, "never-sent-1", "s") is None
    # handled without a reply (e.g. the action server was down): handled all the same
    assert message_ids.stored_replies([_user("quiet-message")], "quiet-message", "s") == []


@pytest.mark.parametrize(
    "metadata", [None, {}, {"message_id": "short"}, {"message_id": 12345678}, {"message_id": "abcdefgh\n"}, "x"]
)
def test_a_missing_or_malformed_id_is_no_id(metadata):
    assert message_ids.message_id_of(metadata) is None
    assert message_ids.message_id_of({"message_id": message_ids.new_message_id()}) is not None


# --- the channel says why a message was not handled -----------------------------------------
class _RefusingStore:
    async def retrieve(self, sender_id):
        raise StoreUnavailable("retrieve")


class _FakeAgent:
    def __init__(self):
        self.lock_store = InMemoryLockStore()
        self.tracker_store = _RefusingStore()
        self.processor = None

    def is_ready(self):
        return True


def test_a_refusing_tracker_store_becomes_refused_store_unavailable(loop):
    message = UserMessage("hallo", CollectingOutputChannel(), "refused-1", metadata={"message_id": "msg-refused-1"})
    with pytest.raises(channel.Refused) as caught:
        loop.run_until_complete(asyncio.wait_for(channel.handle(_FakeAgent(), message), 5))
    assert caught.value.code == "store_unavailable"
    agent = _FakeAgent()
    agent.is_ready = lambda: False
    with pytest.raises(channel.Refused) as caught:
        loop.run_until_complete(channel.handle(agent, message))
    assert caught.value.code == "not_ready"


# --- the real model: resends while running and after -----------------------------------------
def _counts(sender):
    """What one handled client message adds: Rasa events, turns, stage evidence, TPB, rulers."""
    with get_engine().connect() as conn:
        events = conn.execute(
            sql("SELECT COUNT(*) FROM events WHERE sender_id = :s AND type_name = 'user'"), {"s": sender}
        ).scalar()
    conversations = store.conversations_of_sender(sender)
    if not conversations:
        return (events, 0, 0, 0, 0)
    (conv,) = conversations
    return (events, len(conv.turns), len(conv.assessments), len(conv.tpb_answers), len(conv.ruler_scores))


def _texts(replies):
    return [r.get("text") for r in replies]


@pytest.mark.model
def test_a_resend_while_running_and_after_is_one_turn_and_the_same_reply(agent, loop):
    sender = "once-" + uuid.uuid4().hex[:12]
    metadata = {"client_id": "client-once-0001"}

    async def one_message(text, mid):
        first = asyncio.ensure_future(send(agent, text, sender, {**metadata, "message_id": mid}))
        for _ in range(1000):  # until the first handling holds the conversation's lock
            lock = agent.lock_store.get_lock(sender)
            if lock is not None and lock.is_someone_waiting():
                break
            await asyncio.sleep(0)
        assert not first.done(), "the resend must arrive while the first is still being handled"
        resend = asyncio.ensure_future(send(agent, text, sender, {**metadata, "message_id": mid}))
        return await asyncio.gather(first, resend)

    for text in CONVERSATION:
        mid = message_ids.new_message_id()
        first, resend = loop.run_until_complete(one_message(text, mid))
        assert _texts(first) and all(_texts(first)), text
        assert _texts(resend) == _texts(first), text
        after_first = _counts(sender)
        late = loop.run_until_complete(send(agent, text, sender, {**metadata, "message_id": mid}))
        assert _texts(late) == _texts(first), text
        assert _counts(sender) == after_first, "a resend adds no event, turn, evidence, TPB answer or ruler score"

    (conv,) = store.conversations_of_sender(sender)
    client = [t for t in conv.turns if t.speaker == "client"]
    assert [t.text for t in client] == CONVERSATION[1:], "each message stored once, in order"
    assert len({t.message_id for t in client}) == len(client) and all(t.message_id for t in client)
    scores = [(r.kind, r.value) for r in conv.ruler_scores]
    # whichever of the two numbers the coach took as a ruler answer, each is stored once
    assert scores and len(scores) == len(set(scores)) and {v for _, v in scores} <= {6, 7}, scores
    assert conv.tpb_answers and conv.assessments
    events, *_ = _counts(sender)
    assert events == len(CONVERSATION), "Rasa saw each message once"


@pytest.mark.model
def test_a_message_without_id_is_handled_each_time(agent, loop):
    sender = "noid-" + uuid.uuid4().hex[:12]
    for text in ("/greet", "/greet"):
        assert loop.run_until_complete(send(agent, text, sender, {"client_id": "client-noid-001"}))
    tracker = loop.run_until_complete(agent.tracker_store.retrieve(sender))
    assert sum(1 for e in tracker.events if e.as_dict().get("event") == "user") == 2


@pytest.mark.model
def test_a_consent_answer_refused_by_the_database_keeps_the_conversation_for_its_resend(agent, loop, monkeypatch):
    from rasa.core.tracker_store import SQLTrackerStore

    sender = "refused-" + uuid.uuid4().hex[:12]
    meta = {"client_id": "client-refused-01"}
    greet, consent = message_ids.new_message_id(), message_ids.new_message_id()
    assert loop.run_until_complete(send(agent, "/greet", sender, {**meta, "message_id": greet}))
    real_save = SQLTrackerStore.save

    async def database_down(self, tracker):
        raise ConnectionError("database down")

    monkeypatch.setattr(SQLTrackerStore, "save", database_down)
    with pytest.raises(asyncio.CancelledError):  # StoreUnavailable, as the event loop reports it
        loop.run_until_complete(send(agent, "ja", sender, {**meta, "message_id": consent}))
    monkeypatch.setattr(SQLTrackerStore, "save", real_save)
    replies = loop.run_until_complete(send(agent, "ja", sender, {**meta, "message_id": consent}))
    assert replies and "computerprogramma" not in replies[0].get("text", ""), "not a fresh start"
    tracker = loop.run_until_complete(agent.tracker_store.retrieve_full_tracker(sender))
    user = [e.as_dict() for e in tracker.events if e.as_dict().get("event") == "user"]
    assert [message_ids.message_id_of(e.get("metadata")) for e in user] == [greet, consent]
    (conv,) = store.conversations_of_sender(sender)
    assert [t.text for t in conv.turns if t.speaker == "client"] == ["ja"]


@pytest.mark.model
def test_a_message_reads_its_tracker_from_the_database_once(agent, loop, monkeypatch):
    from bot.rasa_adapter.tracker_store import TranscriptTrackerStore

    sender = "reads-" + uuid.uuid4().hex[:12]
    meta = {"client_id": "client-reads-001"}
    for text in ("/greet", "ja"):  # after consent the tracker lives in SQL
        assert loop.run_until_complete(send(agent, text, sender, {**meta, "message_id": message_ids.new_message_id()}))
    reads = []
    real_retrieve = TranscriptTrackerStore._retrieve

    async def counted(self, sender_id, *args, **kwargs):
        reads.append(sender_id)
        return await real_retrieve(self, sender_id, *args, **kwargs)

    monkeypatch.setattr(TranscriptTrackerStore, "_retrieve", counted)
    mid = message_ids.new_message_id()
    first = loop.run_until_complete(send(agent, "ik wil weer aan het werk", sender, {**meta, "message_id": mid}))
    assert reads == [sender], "the check for a resend and the handling share one read"
    assert _texts(loop.run_until_complete(send(agent, "x", sender, {**meta, "message_id": mid}))) == _texts(first)
    from bot.rasa_adapter.once import _transcript_store

    assert not _transcript_store(agent.tracker_store)._reuse, "nothing handed over is left behind"


@pytest.mark.model
def test_the_tracker_read_from_its_data_column_is_the_one_rasa_reads(agent, loop):
    from rasa.core.tracker_store import SQLTrackerStore

    from bot.rasa_adapter.once import _transcript_store

    sender = "column-" + uuid.uuid4().hex[:12]
    meta = {"client_id": "client-column-01"}
    for text in ("/greet", "ja", "ik wil weer aan het werk"):
        assert loop.run_until_complete(send(agent, text, sender, {**meta, "message_id": message_ids.new_message_id()}))
    store_ = _transcript_store(agent.tracker_store)
    for full in (False, True):
        ours = loop.run_until_complete(store_._retrieve(sender, full))
        rasas = loop.run_until_complete(SQLTrackerStore._retrieve(store_, sender, full))
        assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasas.events]
        assert ours.current_slot_values() == rasas.current_slot_values()
    assert loop.run_until_complete(store_._retrieve("nobody-" + uuid.uuid4().hex[:8], False)) is None
