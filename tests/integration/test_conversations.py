"""Whole conversations through the real trained model, in-process, with the real action
server and database: what is stored, and which stage comes out."""

import uuid

import pytest
from sqlalchemy import text as sql

from bot.coach import records as store
from bot.db.engine import get_engine
from bot.rasa_adapter.agent_loader import send

pytestmark = pytest.mark.model


def chat(agent, loop, sender, messages, client_id="client-test-0001"):
    replies = []
    for message in messages:
        out = loop.run_until_complete(send(agent, message, sender, {"client_id": client_id}))
        replies.append([m.get("text") for m in out if m.get("text")])
    return replies


def new_sender():
    return "conv-" + uuid.uuid4().hex[:12]


def stored(sender):
    conversations = store.conversations_of_sender(sender)
    assert len(conversations) == 1
    return conversations[0]


def rasa_event_count(sender):
    with get_engine().connect() as conn:
        return conn.execute(sql("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender}).scalar()


PREPARATION_CLIENT = [
    "/greet",
    "ja, dat is goed",
    "Ik wil na de zomer beginnen met een opleiding in de zorg, mijn cv heb ik al aangepast",
    "ik heb twintig jaar in een distributiecentrum gewerkt tot mijn rug niet meer wilde",
    "Volgende week ga ik met mijn jobcoach kijken welke cursus bij mij past",
    "mijn vrouw staat erachter, zij zegt al jaren dat ik de zorg in moet",
    "een 8",
    "omdat ik het echt wil, ik help nu al mensen als vrijwilliger",
    "ik ga me deze maand inschrijven voor die opleiding",
    "doei, ik moet gaan",
    "ja, dat klopt",
]


def test_a_whole_conversation_is_stored_in_order_exactly_once(agent, loop):
    sender = new_sender()
    replies = chat(agent, loop, sender, PREPARATION_CLIENT)
    assert all(replies), "every message gets an answer"
    assert "computerprogramma" in replies[0][0]
    conv = stored(sender)
    assert conv.consent == "given" and conv.closed_at is not None
    client_turns = [t.text for t in conv.turns if t.speaker == "client"]
    # from the consent answer on, every client message, once, in order ("/greet" came before consent)
    assert client_turns == PREPARATION_CLIENT[1:]
    coach_turns = [t.text for t in conv.turns if t.speaker == "coach"]
    assert coach_turns == [text for r in replies for text in r]
    assert [t.seq for t in conv.turns] == sorted(t.seq for t in conv.turns)
    assert len({t.seq for t in conv.turns}) == len(conv.turns)
    # the closing summary quotes the client and asks for a check
    closing = " ".join(replies[-2])
    assert "klopt dit" in closing.lower()
    # stage assessments over time, ending in a forward stage
    stages = [a.stage for a in conv.assessments]
    assert stages[-1] in ("preparation", "action"), stages
    assert stages[0] is None  # one message never decides
    assert [(r.kind, r.value) for r in conv.ruler_scores][:1] in ([("importance", 8)], [("confidence", 8)], [])
    assert conv.tpb_answers, "TPB answers are stored per construct"


def test_stage_evidence_moves_with_the_conversation(agent, loop):
    sender = new_sender()
    chat(
        agent,
        loop,
        sender,
        [
            "/greet",
            "ja",
            "werken zit er voor mij niet meer in, met mijn knieën en op mijn leeftijd",
            "de gemeente kan me niet dwingen, ik doe al genoeg vrijwilligerswerk",
            "niemand neemt iemand van 61 nog aan",
        ],
    )
    first = stored(sender).assessments[-1].stage
    chat(
        agent,
        loop,
        sender,
        [
            "hoewel, als ik eerlijk ben mis ik mijn collega's wel en denk ik er soms over na",
            "misschien zou een paar uurtjes per week toch kunnen, ik twijfel",
            "aan de ene kant is het eng, aan de andere kant zou een eigen inkomen fijn zijn",
            "ik weet het gewoon nog niet, ik wil er wel over nadenken",
        ],
    )
    history = [a.stage for a in stored(sender).assessments]
    assert first == "precontemplation", history
    assert history[-1] in ("contemplation", "precontemplation"), history
    scores = stored(sender).assessments[-1].scores
    assert scores["contemplation"] > 0.2


def test_declined_consent_stores_nothing_the_client_wrote(agent, loop):
    sender = new_sender()
    replies = chat(agent, loop, sender, ["/greet", "nee, liever niet", "mijn naam is Piet en ik woon in Delft", "doei"])
    assert all(replies)
    conv = stored(sender)
    assert conv.consent == "declined" and conv.turns == []
    assert rasa_event_count(sender) == 0  # Rasa's tracker kept it in memory only


def test_crisis_stops_coaching_and_flags_the_conversation(agent, loop):
    sender = new_sender()
    replies = chat(
        agent,
        loop,
        sender,
        [
            "/greet",
            "ja",
            "ik werk in de kringloop",
            "ik zie echt geen uitweg meer, ik wil dood",
            "ja",
            "vertel eens wat over werk",
        ],
    )
    assert "?" in replies[3][0]  # the coach asks directly
    assert "113" in replies[4][0] and "112" in replies[4][0]
    assert "113" in replies[5][0]  # no coaching after a crisis
    conv = stored(sender)
    assert conv.flagged and conv.safety_flags
    assert "ik wil dood" not in str(conv.safety_flags[0].sources)


def test_unusable_input_gets_a_kind_answer_and_nothing_crashes(agent, loop):
    sender = new_sender()
    replies = chat(
        agent,
        loop,
        sender,
        [
            "/greet",
            "ja",
            "",
            "x" * 2500,
            "Hello, how are you doing today?",
            "asdfghjkl",
            "<script>alert(1)</script>",
            "ik doe vrijwilligerswerk",
        ],
    )
    assert all(replies)
    conv = stored(sender)
    client_turns = [t.text for t in conv.turns if t.speaker == "client"]
    assert "<script>alert(1)</script>" in client_turns  # stored as text, like everything else
    assert client_turns[-1] == "ik doe vrijwilligerswerk"


def test_turns_are_stored_while_the_action_server_is_down(agent, loop, action_server):
    sender = new_sender()
    chat(agent, loop, sender, ["/greet", "ja", "ik doe al twee jaar vrijwilligerswerk bij de voedselbank"])
    action_server.stop()
    try:
        down = chat(agent, loop, sender, ["mijn jobcoach wil dat ik ga solliciteren", "ik weet niet of ik dat wel kan"])
    finally:
        action_server.start()
    back = chat(agent, loop, sender, ["ik heb er wel zin in eigenlijk"])
    assert down == [[], []]  # the REST/web layer shows a kind Dutch message for an empty reply
    assert back[0], "the conversation continues when the action server is back"
    clients = [t.text for t in stored(sender).turns if t.speaker == "client"]
    assert clients == [
        "ja",
        "ik doe al twee jaar vrijwilligerswerk bij de voedselbank",
        "mijn jobcoach wil dat ik ga solliciteren",
        "ik weet niet of ik dat wel kan",
        "ik heb er wel zin in eigenlijk",
    ]
