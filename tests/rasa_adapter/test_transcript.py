"""From Rasa events to stored turns: consent gating, order, ids."""

from bot.rasa_adapter.transcript import client_id_for, conversation_ref, turn_records


def ev(kind, ts, **kw):
    return {"event": kind, "timestamp": ts, **kw}


def user(ts, text, intent="explain_situation", **kw):
    return ev(
        "user",
        ts,
        text=text,
        parse_data={"intent": {"name": intent, "confidence": 0.9}, "entities": [], "talk_type": {"name": "neutral"}},
        **kw,
    )


EVENTS = [
    ev("action", 1.0, name="action_session_start"),
    ev("session_started", 1.1),
    user(2.0, "hoi", "greet", metadata={"client_id": "client-abc123"}),
    ev("bot", 2.1, text="Welkom."),
    ev("bot", 2.2, text="Mag ik dit bewaren?"),
    user(3.0, "ja", "affirm"),
    ev("slot", 3.1, name="consent", value="given"),
    ev("bot", 3.2, text="Vertel eens?"),
    user(4.0, "ik wil weer werken", "stage_preparation"),
]


def test_nothing_before_consent_is_a_client_turn():
    records = turn_records(EVENTS)
    assert [(r.seq, r.speaker, r.text) for r in records] == [
        (2, "coach", "Welkom."),
        (3, "coach", "Mag ik dit bewaren?"),
        (4, "client", "ja"),
        (5, "coach", "Vertel eens?"),
        (6, "client", "ik wil weer werken"),
    ]
    assert records[-1].stage == "preparation"


def test_no_consent_no_turns():
    assert turn_records([e for e in EVENTS if e["event"] != "slot"]) == []


def test_numbering_is_stable_as_the_conversation_grows():
    first = turn_records(EVENTS)
    more = turn_records(EVENTS + [ev("bot", 5.0, text="Mooi.")])
    assert more[: len(first)] == first and more[-1].seq == 7


def test_new_session_is_a_new_conversation():
    later = EVENTS + [ev("session_started", 100.0), user(101.0, "hallo", "greet")]
    assert conversation_ref("s1", EVENTS).id != conversation_ref("s1", later).id
    assert turn_records(later) == []  # the new session has no consent yet


def test_client_id_from_metadata_or_derived():
    assert client_id_for("s1", EVENTS) == "client-abc123"
    derived = client_id_for("s1", [user(1.0, "x", metadata={"client_id": "<script>"})])
    assert derived.startswith("anon-") and derived == client_id_for("s1", [])


def test_only_the_turns_after_a_seq_are_built():
    full = turn_records(EVENTS)
    assert turn_records(EVENTS, after_seq=3) == [r for r in full if r.seq > 3]
    assert turn_records(EVENTS, after_seq=6) == []


def test_the_tracker_stores_event_views_read_as_the_events_dicts():
    from rasa.shared.core.events import Event

    from bot.rasa_adapter.tracker_store import EventView

    events = [Event.from_parameters(e) for e in EVENTS]
    views = [EventView(e) for e in events]
    dicts = [e.as_dict() for e in events]
    assert [dict(v) for v in views] == dicts
    assert turn_records(views) == turn_records(dicts)
    assert turn_records(views, after_seq=4) == turn_records(dicts, after_seq=4)
    assert conversation_ref("s1", views) == conversation_ref("s1", dicts)
    lone = EventView(Event.from_parameters(user(9.0, "\ud800 en \x00")))
    assert lone["text"] == "\ufffd en \ufffd"  # made storable, as the store writes it
