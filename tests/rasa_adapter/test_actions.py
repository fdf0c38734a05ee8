"""Every custom action, run directly with rasa_sdk against a real SQLite database."""

import asyncio
import uuid

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.closing import ActionClosingResponse, ActionClosingSummary
from actions.coaching import ActionCoachTurn
from actions.opening import ActionConsent, ActionStartConversation
from actions.safety import ActionCrisis, ActionCrisisFollowUp, ActionSafetyAnswer
from actions.system import ActionRephrase, ActionSystemReply
from bot.coach import knowledge
from bot.coach import records as store
from bot.coach.content import load_content
from bot.db.engine import session_scope
from bot.rasa_adapter.transcript import conversation_ref
from bot.workspace.summary import build_summary

CONTENT = load_content()


def tracker(text="", intent="explain_situation", slots=None, extra=None, sender=None, events=None):
    sender = sender or f"t-{uuid.uuid4().hex[:10]}"
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [],
        "talk_type": {"name": "neutral", "confidence": 0.8},
        **(extra or {}),
    }
    events = events if events is not None else [{"event": "session_started", "timestamp": 1000.0}]
    return Tracker(sender, slots or {}, latest, events, False, None, {}, "action_listen")


def run(action, trk):
    dispatcher = CollectingDispatcher()
    events = asyncio.new_event_loop().run_until_complete(action.run(dispatcher, trk, {}))
    return [m.get("text") for m in dispatcher.messages], {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.fixture(autouse=True)
def _db(database_url):
    return database_url


def owned_client_events():
    """Events of a conversation whose client a professional owns (a chat link)."""
    from bot.accounts import accounts
    from bot.workspace import clients

    with session_scope() as session:
        owner = accounts.create_professional(
            session, f"jc-{uuid.uuid4().hex[:6]}@gemeente.example", "Joop Coach", "een-lang-wachtwoord-42"
        )
        client_id = clients.create_client(session, owner, "R.B.").id
    return [
        {"event": "session_started", "timestamp": 1000.0},
        {"event": "user", "text": "hoi", "timestamp": 1001.0, "metadata": {"client_id": client_id}},
    ]


def test_start_conversation_introduces_and_asks_consent():
    texts, slots = run(ActionStartConversation(), tracker("hoi", "greet", events=owned_client_events()))
    assert texts == [CONTENT.get("opening.intro"), CONTENT.get("opening.consent")]
    assert "computerprogramma" in texts[0] and slots == {"phase": "consent"}
    assert "klantmanager of jobcoach leest" in texts[1]


def test_in_the_open_chat_the_coach_says_nobody_reads_along():
    # no professional owns the client: consent, goodbye, "wie leest dit?" and "ben jij een
    # mens?" say so, and none of them says a professional reads the conversation
    texts, _ = run(ActionStartConversation(), tracker("hoi", "greet"))
    assert texts[1] == CONTENT.get("opening.consent_open") and "niemand leest het" in texts[1]
    texts, slots = run(ActionConsent(), tracker("ja", "affirm", {"phase": "consent"}))
    assert slots["coach_state"]["open_chat"] is True
    said = [
        run(ActionSystemReply(), tracker("ben jij een mens?", "bot_challenge", {"phase": "coaching"}))[0][0],
        run(ActionSystemReply(), tracker("wie leest dit?", "ask_question", {"phase": "coaching"}))[0][0],
        run(ActionClosingResponse(), tracker("ja", "affirm", {"phase": "closing_check"}))[0][-1],
    ]
    assert said[0] in CONTENT.texts("system.bot_challenge_open")
    assert "open chat" in said[1] and said[2] in CONTENT.texts("summary.goodbye_open")
    for text in said:
        assert any(words in text for words in ("niemand", "geen begeleider", "geen mens")), text


def test_with_a_chat_link_the_coach_says_who_reads():
    events = owned_client_events()
    texts, slots = run(ActionConsent(), tracker("ja", "affirm", {"phase": "consent"}, events=events))
    assert slots["coach_state"]["open_chat"] is False
    answer = run(ActionSystemReply(), tracker("wie leest dit?", "ask_question", {"phase": "coaching"}, events=events))
    assert "arbeidsdeskundige, klantmanager of jobcoach" in answer[0][0] and "open chat" not in answer[0][0]
    goodbye = run(ActionClosingResponse(), tracker("ja", "affirm", {"phase": "closing_check"}, events=events))[0][-1]
    assert goodbye in CONTENT.texts("summary.goodbye")


def test_the_consent_question_comes_with_two_buttons_that_send_plain_answers():
    dispatcher = CollectingDispatcher()
    asyncio.new_event_loop().run_until_complete(ActionStartConversation().run(dispatcher, tracker("hoi", "greet"), {}))
    buttons = dispatcher.messages[-1]["buttons"]
    assert [b["title"] for b in buttons] == ["Ja, dat is goed", "Nee, liever niet"]
    assert all(not b["payload"].startswith("/") for b in buttons)  # typed answers, not intent commands
    assert dispatcher.messages[0]["buttons"] == []  # only the question itself


@pytest.mark.parametrize("intent, consent, phase", [("affirm", "given", "coaching"), ("deny", "declined", "declined")])
def test_consent_is_recorded(intent, consent, phase):
    trk = tracker("ja" if intent == "affirm" else "nee", intent, {"phase": "consent"})
    texts, slots = run(ActionConsent(), trk)
    assert slots["consent"] == consent and slots["phase"] == phase and texts
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert conv.consent == consent and conv.turns == []


def test_coach_turn_sets_stage_slots_and_stores_an_assessment():
    trk = tracker(
        "Ik heb vorige week drie sollicitaties verstuurd",
        "stage_action",
        {"phase": "coaching", "coach_state": {"turn": 1, "background_asked": True}},
    )
    texts, slots = run(ActionCoachTurn(), trk)
    assert len(texts) == 2 and "u hebt vorige week drie sollicitaties verstuurd" in texts[0].lower()
    assert {"stage", "stage_confidence", "stage_evidence", "coach_state"} <= set(slots)
    assert slots["coach_state"]["turn"] == 2
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert len(conv.assessments) == 1 and conv.assessments[0].evidence_count == len(slots["stage_evidence"])


def test_coach_turn_stores_the_answer_to_a_tpb_prompt():
    pending = {"kind": "tpb", "construct": "social_norm", "question": "Wie vindt er iets van?"}
    trk = tracker(
        "mijn zus vindt dat ik het moet doen",
        "explain_situation",
        {"phase": "coaching", "coach_state": {"turn": 3, "pending": pending, "background_asked": True}},
    )
    run(ActionCoachTurn(), trk)
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert [(a.construct, a.answer) for a in conv.tpb_answers] == [
        ("social_norm", "mijn zus vindt dat ik het moet doen")
    ]


def _user(text, n):
    return {"event": "user", "text": text, "timestamp": 1000.0 + n, "metadata": {"message_id": f"bericht-{n:04d}"}}


def _conversation_until_a_tpb_question(sender):
    """A coaching turn that ends with a TPB question; the events so far and the slots after it."""
    events = [{"event": "session_started", "timestamp": 1000.0}, _user("ik doe vrijwilligerswerk", 1)]
    state = {"turn": 1, "background_asked": True, "seed": 1}
    trk = tracker(
        "ik doe vrijwilligerswerk bij de voedselbank",
        "explain_situation",
        {"phase": "coaching", "coach_state": state},
        sender=sender,
        events=events,
    )
    texts, slots = run(ActionCoachTurn(), trk)
    pending = slots["coach_state"]["pending"]
    assert pending["kind"] == "tpb" and pending["asked_at"] == 1 and texts[-1] == pending["question"]
    return events, slots


def test_the_message_right_after_a_tpb_question_is_its_answer():
    sender = f"t-{uuid.uuid4().hex[:10]}"
    events, slots = _conversation_until_a_tpb_question(sender)
    events = events + [_user("mijn zus zou trots zijn", 2)]
    trk = tracker("mijn zus zou trots zijn", "explain_situation", slots, sender=sender, events=events)
    run(ActionCoachTurn(), trk)
    conv = store.get_conversation(conversation_ref(sender, events).id)
    assert [a.answer for a in conv.tpb_answers] == ["mijn zus zou trots zijn"]


@pytest.mark.parametrize(
    "between",
    [
        (ActionRephrase(), "xqzt vlrb", "nlu_fallback", {"input_problem": "nonsense"}),  # a fallback
        (ActionSystemReply(), "wat gebeurt er met mijn gegevens?", "ask_question", {}),  # a question of their own
    ],
)
def test_after_an_unrelated_turn_the_next_message_is_no_answer_to_the_tpb_question(between):
    action, text, intent, extra = between
    sender = f"t-{uuid.uuid4().hex[:10]}"
    events, slots = _conversation_until_a_tpb_question(sender)
    construct = slots["coach_state"]["pending"]["construct"]
    events = events + [_user(text, 2)]
    _, changed = run(action, tracker(text, intent, slots, extra=extra, sender=sender, events=events))
    slots = {**slots, **changed}
    later = "ik fiets elke dag naar de voedselbank"
    events = events + [_user(later, 3)]
    _, after = run(ActionCoachTurn(), tracker(later, "explain_situation", slots, sender=sender, events=events))
    conv = store.get_conversation(conversation_ref(sender, events).id)
    assert conv.tpb_answers == []  # not filed under the question asked two messages ago
    with session_scope() as s:  # so the professional's summary does not show it as the answer
        profile = {c.construct: c for c in build_summary(s, conv.id).tpb}
    assert not profile[construct].discussed and profile[construct].answers == []
    # the construct is open again: the coach asks about it in a later turn of its own
    assert construct not in after["coach_state"]["covered"] or after["coach_state"]["pending"]["construct"] == construct


def test_a_resent_message_does_not_count_as_a_turn_in_between():
    sender = f"t-{uuid.uuid4().hex[:10]}"
    events, slots = _conversation_until_a_tpb_question(sender)
    events = events + [_user("mijn zus zou trots zijn", 2), _user("mijn zus zou trots zijn", 2)]
    run(ActionCoachTurn(), tracker("mijn zus zou trots zijn", "explain_situation", slots, sender=sender, events=events))
    conv = store.get_conversation(conversation_ref(sender, events).id)
    assert [a.answer for a in conv.tpb_answers] == ["mijn zus zou trots zijn"]


def test_coach_turn_stores_a_ruler_score():
    pending = {"kind": "ruler", "ruler": "confidence", "step": "ask"}
    trk = tracker(
        "een 8",
        "give_number",
        {"phase": "coaching", "coach_state": {"turn": 6, "pending": pending}},
        extra={"entities": [{"entity": "number", "value": "8"}]},
    )
    texts, slots = run(ActionCoachTurn(), trk)
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert [(r.kind, r.value) for r in conv.ruler_scores] == [("confidence", 8)]
    assert "8" in texts[0]


def test_a_coach_turn_with_a_tpb_answer_and_a_ruler_score_commits_once(database_url, monkeypatch):
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    import actions.common as common
    from bot.coach.engine import TurnResult

    coach = common.coach()
    real_turn = coach.turn

    def turn_with_everything(*args, **kwargs):
        result = real_turn(*args, **kwargs)
        assert isinstance(result, TurnResult)
        result.tpb_answer = ("attitude", "Wat betekent werk voor u?", "structuur")
        result.ruler_score = ("importance", 7)
        return result

    monkeypatch.setattr(coach, "turn", turn_with_everything)
    commits = []
    # every engine: in a long run the store's session factory may hold an engine that
    # get_engine's cache has since let go of, so listen on the class, not on one instance
    listener = lambda _conn: commits.append(1)  # noqa: E731
    event.listen(Engine, "commit", listener)
    try:
        trk = tracker("ik wil wel weer werken", "explain_situation", {"phase": "coaching"})
        run(ActionCoachTurn(), trk)
    finally:
        event.remove(Engine, "commit", listener)
    assert len(commits) == 1, "assessment, TPB answer and ruler score in one transaction"
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert len(conv.assessments) == 1 and [a.answer for a in conv.tpb_answers] == ["structuur"]
    assert [(r.kind, r.value) for r in conv.ruler_scores] == [("importance", 7)]


def test_closing_summary_asks_klopt_dit():
    state = {"gathered": [{"text": "u mist uw collega's", "side": "change", "turn": 1}]}
    texts, slots = run(
        ActionClosingSummary(),
        tracker("doei", "goodbye", {"phase": "coaching", "coach_state": state, "stage": "contemplation"}),
    )
    assert "U mist uw collega's." in texts[0] and "klopt dit" in texts[1].lower()
    assert slots == {"phase": "closing_check"}


def test_closing_response_deny_asks_correction_then_stores_it():
    texts, slots = run(ActionClosingResponse(), tracker("nee", "deny", {"phase": "closing_check"}))
    assert slots == {"phase": "correcting"} and texts[0] in CONTENT.texts("summary.ask_correction")
    trk = tracker("ik werk twee dagen, niet drie", "explain_situation", {"phase": "correcting"})
    texts, slots = run(ActionClosingResponse(), trk)
    assert slots == {"phase": "ended"} and texts[-1] in CONTENT.texts("summary.goodbye_open")  # an open chat
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert conv.summary_correction == "ik werk twee dagen, niet drie" and conv.closed_at is not None


@pytest.mark.parametrize(
    "reply, corrected",
    [
        ("Ja, dat is het wel zo'n beetje. Mijn vrouw mag het ook zien.", False),
        ("Klopt helemaal, bedankt voor het meedenken", False),
        ("Ja, maar ik werk vier ochtenden, geen drie", True),
        ("Ik doe twee dagen vrijwilligerswerk, niet één", True),
    ],
)
def test_a_yes_with_more_words_confirms_the_summary_and_a_correction_is_stored(reply, corrected):
    trk = tracker(reply, "explain_situation", {"phase": "closing_check"})
    texts, slots = run(ActionClosingResponse(), trk)
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    assert slots == {"phase": "ended"} and conv.closed_at is not None
    assert (conv.summary_correction == reply) is corrected
    assert (texts[0] in CONTENT.texts("summary.correction_thanks")) is corrected


def signal(level, categories=(), probability=0.0, sources=("lexicon",)):
    return {
        "crisis": {
            "flag": level in ("acute", "possible"),
            "level": level,
            "categories": list(categories),
            "probability": probability,
            "sources": list(sources),
        }
    }


def test_acute_crisis_gives_support_and_flags_without_text():
    trk = tracker("...", "crisis", {"phase": "coaching"}, extra=signal("acute", ["plan_means"], 0.97))
    texts, slots = run(ActionCrisis(), trk)
    assert texts[0] == CONTENT.get("crisis.support")
    assert all(n in texts[0] for n in ("113", "0800-0113", "112", "huisarts"))
    assert texts[1] == CONTENT.get("crisis.nobody_reads")  # the open chat: nobody is told
    assert texts[2] == CONTENT.texts("crisis.followup")[0]
    assert slots["phase"] == "crisis" and slots["safety"]["crisis"] == "suicide"
    conv = store.get_conversation(conversation_ref(trk.sender_id, trk.events).id)
    flag = conv.safety_flags[0]
    assert conv.flagged and flag.kind == "crisis" and flag.categories == ["plan_means"]
    assert flag.sources == ["lexicon"] and "..." not in str(flag.sources)


def test_danger_from_another_person_gives_safety_support():
    trk = tracker("...", "crisis", {"phase": "coaching"}, extra=signal("acute", ["danger_other"]))
    texts, slots = run(ActionCrisis(), trk)
    assert texts[0] == CONTENT.get("crisis.danger") and "0800-2000" in texts[0]
    assert texts[2] == CONTENT.texts("crisis.danger_followup")[0] and slots["safety"]["crisis"] == "danger"


def test_possible_crisis_asks_directly_then_a_long_yes_gives_support():
    sender = f"t-{uuid.uuid4().hex[:10]}"
    texts, slots = run(
        ActionCrisis(),
        tracker("...", "crisis", {"phase": "coaching"}, signal("possible", ["burden_hopeless"], 0.6), sender=sender),
    )
    assert texts[0] in CONTENT.texts("crisis.check") and slots["phase"] == "safety_check"
    assert slots["coach_state"]["phase_before_check"] == "coaching"
    answer = "ja. soms wel. ik heb er wel eens over nagedacht hoe."
    texts, slots = run(
        ActionSafetyAnswer(),
        tracker(answer, "explain_situation", {"phase": "safety_check", "safety": slots["safety"]}, sender=sender),
    )
    assert texts[0] == CONTENT.get("crisis.support") and slots["phase"] == "crisis"
    events = [{"event": "session_started", "timestamp": 1000.0}]
    flags = store.get_conversation(conversation_ref(sender, events).id).safety_flags
    assert [f.kind for f in flags] == ["possible_crisis", "crisis"]


@pytest.mark.parametrize("before, back_to", [("coaching", "coaching"), ("consent", "consent"), (None, "consent")])
def test_a_no_goes_back_to_where_the_conversation_was(before, back_to):
    pending = {"kind": "tpb", "construct": "attitude", "question": "Wat betekent werk voor u?"}
    state = {"phase_before_check": before, "pending": pending}
    safety = {"check_open": True, "check_level": "possible", "check_categories": ["burden_hopeless"]}
    texts, slots = run(
        ActionSafetyAnswer(),
        tracker("nee hoor", "deny", {"phase": "safety_check", "coach_state": state, "safety": safety}),
    )
    assert texts[0] in CONTENT.texts("crisis.resume_after_no") and slots["phase"] == back_to
    assert texts[-1] == (pending["question"] if back_to == "coaching" else CONTENT.get("opening.consent_open"))
    assert "phase_before_check" not in slots["coach_state"]
    assert slots["safety"]["declined_categories"] == ["burden_hopeless"]


def test_a_question_on_another_topic_while_the_check_is_open_is_answered_and_the_door_left_open():
    pending = {"kind": "tpb", "construct": "attitude", "question": "Wat betekent werk voor u?"}
    state = {"phase_before_check": "coaching", "pending": pending}
    safety = {"check_open": True, "check_level": "possible", "check_categories": ["burden_hopeless"]}
    trk = tracker(
        "wat betekent re-integratie eigenlijk?",
        "ask_question",
        {"phase": "safety_check", "coach_state": state, "safety": safety},
    )
    texts, slots = run(ActionSafetyAnswer(), trk)
    assert texts[0] in CONTENT.texts("crisis.resume_unanswered")  # the door left open, 113
    entries = {e.id: e for e in knowledge.load()[0]}
    assert texts[1] == entries["word_reintegratie"].answer and texts[-1] == pending["question"]
    assert slots["phase"] == "coaching"


def test_a_no_after_a_check_that_interrupted_a_ruler_asks_the_ruler_again():
    # else the next answer ("... na twee bladzijden ...") would be read as the ruler's score
    pending = {"kind": "ruler", "ruler": "importance", "step": "ask"}
    state = {"phase_before_check": "coaching", "pending": pending}
    safety = {"check_open": True, "check_level": "possible", "check_categories": ["burden_hopeless"]}
    texts, slots = run(
        ActionSafetyAnswer(),
        tracker("nee, dat niet", "deny", {"phase": "safety_check", "coach_state": state, "safety": safety}),
    )
    assert texts[-1] in CONTENT.texts("rulers.importance.ask") and slots["coach_state"]["pending"] == pending
    # with nothing open, a fresh question and nothing stale left behind
    state = {"phase_before_check": "coaching", "pending": {"kind": "ruler", "ruler": "importance", "step": "why"}}
    texts, slots = run(
        ActionSafetyAnswer(),
        tracker("nee, dat niet", "deny", {"phase": "safety_check", "coach_state": state, "safety": safety}),
    )
    assert texts[-1] in CONTENT.texts("consideration.perspective") and slots["coach_state"]["pending"] is None


def test_after_a_no_the_same_signal_is_acknowledged_not_asked_about_again():
    safety = {"declined_level": "possible", "declined_categories": ["burden_hopeless"]}
    pending = {"kind": "tpb", "construct": "attitude", "question": "Wat betekent werk voor u?"}
    trk = tracker(
        "...",
        "crisis",
        {"phase": "coaching", "safety": safety, "coach_state": {"pending": pending}},
        signal("possible", ["burden_hopeless"], 0.8),
    )
    texts, slots = run(ActionCrisis(), trk)
    assert texts[0] in CONTENT.texts("crisis.acknowledge_again") and "113" in texts[0]
    assert texts[1] == pending["question"] and slots["phase"] == "coaching"
    # a stronger signal is not passed over
    trk = tracker("...", "crisis", {"phase": "coaching", "safety": safety}, signal("acute", ["plan_means"]))
    texts, slots = run(ActionCrisis(), trk)
    assert slots["phase"] == "crisis"


def test_after_a_no_a_classifier_leaning_alone_is_coached_as_an_ordinary_message():
    # "als mijn zoon ziek is ..." read at 0.87 by the classifier, no lexicon hit: the client has
    # just said no, so no 113 line; the message gets a coaching turn
    safety = {"declined_level": "possible", "declined_categories": ["burden_hopeless"]}
    text = "als mijn zoon ziek is moet mijn moeder inspringen"
    trk = tracker(
        text, "crisis", {"phase": "coaching", "safety": safety}, signal("possible", [], 0.87, ("classifier",))
    )
    texts, slots = run(ActionCrisis(), trk)
    said = set(CONTENT.texts("crisis.acknowledge_again") + CONTENT.texts("crisis.check"))
    assert texts and not any(t in said or "113" in t for t in texts)
    assert slots["phase"] == "coaching" and slots["safety"]["declined_categories"] == ["burden_hopeless"]
    # the classifier sure of itself is acknowledged, as a lexicon hit is
    trk = tracker(
        "...", "crisis", {"phase": "coaching", "safety": safety}, signal("possible", [], 0.97, ("classifier",))
    )
    texts, _ = run(ActionCrisis(), trk)
    assert texts[0] in CONTENT.texts("crisis.acknowledge_again")


def test_after_support_a_question_about_the_help_is_answered_and_a_goodbye_is_warm():
    safety = {"crisis": "suicide", "follow_ups": 1}
    texts, slots = run(
        ActionCrisisFollowUp(), tracker("is 113 anoniem?", "ask_question", {"phase": "crisis", "safety": safety})
    )
    assert "113" in texts[0] and "naam" in texts[0] and texts[1] == CONTENT.texts("crisis.followup")[1]
    texts, slots = run(
        ActionCrisisFollowUp(),
        tracker("wat moet ik met mijn cv?", "ask_question", {"phase": "crisis", "safety": slots["safety"]}),
    )
    assert texts[0] == CONTENT.get("crisis.question_later") and texts[1] == CONTENT.texts("crisis.followup")[2]
    texts, slots = run(
        ActionCrisisFollowUp(), tracker("doei", "goodbye", {"phase": "crisis", "safety": slots["safety"]})
    )
    assert texts == [CONTENT.get("crisis.goodbye")] and slots["phase"] == "crisis"
    texts, _ = run(ActionCrisisFollowUp(), tracker("doei", "goodbye", {"phase": "crisis", "safety": slots["safety"]}))
    assert texts != [CONTENT.get("crisis.goodbye")]  # said once


def test_a_counter_question_is_explained_once():
    safety = {"check_open": True, "check_level": "possible"}
    texts, slots = run(
        ActionSafetyAnswer(),
        tracker("waarom vraagt u dat?", "ask_question", {"phase": "safety_check", "safety": safety}),
    )
    assert texts[0] in CONTENT.texts("crisis.explain") and slots["phase"] == "safety_check"


def test_two_weak_signals_within_a_few_turns_open_the_check():
    sender = f"t-{uuid.uuid4().hex[:10]}"
    events = [{"event": "session_started", "timestamp": 1000.0}, {"event": "user", "text": "a"}]
    texts, slots = run(
        ActionCoachTurn(),
        tracker("ik ben op", "explain_situation", {"phase": "coaching"}, signal("weak"), sender=sender, events=events),
    )
    assert slots["phase"] == "coaching" and slots["safety"]["weak_turns"] == [1]
    events = events + [{"event": "bot", "text": "..."}, {"event": "user", "text": "b"}]
    texts, slots = run(
        ActionCoachTurn(),
        tracker(
            "het wordt toch nooit wat",
            "explain_situation",
            {"phase": "coaching", "safety": slots["safety"]},
            signal("weak"),
            sender=sender,
            events=events,
        ),
    )
    assert texts[0] in CONTENT.texts("crisis.check") and slots["phase"] == "safety_check"


def test_a_late_soms_after_an_unanswered_check_asks_once_more():
    sender = f"t-{uuid.uuid4().hex[:10]}"
    events = [{"event": "session_started", "timestamp": 1000.0}, {"event": "user", "text": "a"}]
    safety = {"check_open": True, "check_level": "possible", "check_categories": ["burden_hopeless"]}
    state = {
        "phase_before_check": "coaching",
        "pending": {"kind": "tpb", "construct": "attitude", "question": "Wat helpt u?"},
    }
    texts, slots = run(
        ActionSafetyAnswer(),
        tracker(
            "kunnen we het over mijn cv hebben?",
            "ask_question",
            {"phase": "safety_check", "safety": safety, "coach_state": state},
            sender=sender,
            events=events,
        ),
    )
    assert texts[0] in CONTENT.texts("crisis.resume_unanswered") and slots["safety"]["unanswered_turn"] == 1
    events = events + [{"event": "bot", "text": "..."}, {"event": "user", "text": "b"}]
    texts, slots = run(
        ActionCoachTurn(),
        tracker(
            "ja soms wel eerlijk gezegd, vooral s nachts",
            "affirm",
            {"phase": "coaching", "safety": slots["safety"], "coach_state": slots["coach_state"]},
            sender=sender,
            events=events,
        ),
    )
    assert texts == CONTENT.texts("crisis.clarify") and slots["phase"] == "safety_check"
    assert slots["safety"]["check_open"] and slots["safety"]["unanswered_turn"] is None
    # a plain "ja" to the coach's next question is its answer, not a late answer
    safety = {"unanswered_turn": 1}
    texts, slots = run(
        ActionCoachTurn(),
        tracker("ja, dat klopt", "affirm", {"phase": "coaching", "safety": safety}, sender=sender, events=events),
    )
    assert slots["phase"] == "coaching" and not any(t in CONTENT.texts("crisis.clarify") for t in texts)


def test_a_first_weak_signal_in_words_gets_a_check_in_once_and_a_second_the_check():
    sender = f"t-{uuid.uuid4().hex[:10]}"
    events = [{"event": "session_started", "timestamp": 1000.0}, {"event": "user", "text": "a"}]
    weak = {"crisis": {**signal("weak")["crisis"], "weak_kinds": ["isolation"]}}
    pending = {"kind": "ruler", "ruler": "importance", "step": "ask"}
    state = {"pending": pending, "ruler_turns": {"importance": 3}}
    texts, slots = run(
        ActionCoachTurn(),
        tracker(
            "niemand vraagt ooit hoe het met mij gaat",
            "explain_situation",
            {"phase": "coaching", "coach_state": state},
            weak,
            sender=sender,
            events=events,
        ),
    )
    assert texts == CONTENT.texts("crisis.check_in.isolation")[:1] + texts[1:2]
    assert texts[1] in CONTENT.texts("crisis.check_in.question") and slots["phase"] == "coaching"
    # the open ruler is asked again later, so "het gaat wel, een zes ofzo" is no score for it
    assert slots["coach_state"]["pending"] is None and "importance" not in slots["coach_state"]["ruler_turns"]
    events = events + [{"event": "bot", "text": "..."}, {"event": "user", "text": "b"}]
    texts, slots = run(
        ActionCoachTurn(),
        tracker(
            "het wordt toch nooit meer wat",
            "explain_situation",
            {"phase": "coaching", "safety": slots["safety"]},
            {"crisis": {**signal("weak")["crisis"], "weak_kinds": ["hopelessness"]}},
            sender=sender,
            events=events,
        ),
    )
    assert texts[0] in CONTENT.texts("crisis.check") and slots["phase"] == "safety_check"


def test_crisis_follow_ups_do_not_repeat_and_never_ask_about_work():
    safety = {"crisis": "suicide", "follow_ups": 1}
    said = []
    for _ in range(8):
        texts, slots = run(ActionCrisisFollowUp(), tracker("oké", "affirm", {"phase": "crisis", "safety": safety}))
        safety = slots["safety"]
        said += texts
        assert slots["phase"] == "crisis"
    assert all(a != b for a, b in zip(said, said[1:]))
    assert not any("werk" in t for t in said)


@pytest.mark.parametrize(
    "phase, intent, expected",
    [
        ("ended", "greet", "system.closed"),
        ("declined", "goodbye", "system.consent_declined"),
        ("declined", "bot_challenge", "system.bot_challenge_open"),  # the open chat: nobody reads
        ("coaching", "bot_challenge", "system.bot_challenge_open"),
        ("coaching", "out_of_scope", "system.out_of_scope"),
        ("coaching", "ask_question", "system.no_answer"),  # "x": nothing in the knowledge base
    ],
)
def test_system_reply_by_phase_and_intent(phase, intent, expected):
    texts, slots = run(ActionSystemReply(), tracker("x", intent, {"phase": phase}))
    assert texts[0] in CONTENT.texts(expected) and slots == {}


def test_an_answer_read_as_out_of_scope_after_the_coachs_question_is_coached():
    pending = {"kind": "tpb", "construct": "attitude", "question": "Wat zou werk voor u betekenen?"}
    trk = tracker(
        "gaat wel, een beetje saai", "out_of_scope", {"phase": "coaching", "coach_state": {"pending": pending}}
    )
    texts, slots = run(ActionSystemReply(), trk)
    assert not any(t in CONTENT.texts("system.out_of_scope") for t in texts) and slots["phase"] == "coaching"
    # a question off the subject still gets the out-of-scope reply
    trk = tracker(
        "wat vind jij van voetbal?", "out_of_scope", {"phase": "coaching", "coach_state": {"pending": pending}}
    )
    texts, _ = run(ActionSystemReply(), trk)
    assert texts[0] in CONTENT.texts("system.out_of_scope")


def test_system_reply_before_consent_asks_again():
    texts, _ = run(ActionSystemReply(), tracker("wie leest dit?", "ask_question", {"phase": "consent"}))
    assert "leest" in texts[0] and "open chat" in texts[0]  # the knowledge base's answer
    assert texts[-1] == CONTENT.get("opening.consent_open")


def test_system_reply_repeats_a_pending_question():
    pending = {"kind": "tpb", "construct": "attitude", "question": "Wat zou werk voor u betekenen?"}
    texts, _ = run(
        ActionSystemReply(), tracker("bedankt", "thanks", {"phase": "coaching", "coach_state": {"pending": pending}})
    )
    assert texts[-1] == "Wat zou werk voor u betekenen?"


@pytest.mark.parametrize("problem", ["empty", "too_long", "non_dutch", "nonsense", None])
def test_rephrase_answers_each_input_problem(problem):
    trk = tracker("", "nlu_fallback", {"phase": "coaching"}, extra={"input_problem": problem})
    texts, _ = run(ActionRephrase(), trk)
    assert texts[0] in CONTENT.texts(f"system.{problem or 'rephrase'}")


def test_a_goodbye_after_a_declined_check_is_respected():
    safety = {"declined_level": "possible", "declined_categories": ["burden_hopeless"]}
    pending = {"kind": "tpb", "construct": "attitude", "question": "Wat betekent werk voor u?"}
    trk = tracker(
        "Mijn hoofd zit vol. Ik ga nu stoppen. Tot ziens.",
        "crisis",
        {"phase": "coaching", "safety": safety, "coach_state": {"pending": pending}},
        signal("possible", ["burden_hopeless"], 0.8),
    )
    texts, slots = run(ActionCrisis(), trk)
    assert texts[0] in CONTENT.texts("crisis.acknowledge_again") and "113" in texts[0]
    assert pending["question"] not in texts and "klopt dit" in texts[-1].lower()
    assert slots["phase"] == "closing_check"


def test_an_unplaced_message_that_asks_the_coach_something_is_answered_in_the_coachs_turn():
    pending = {"kind": "ruler", "ruler": "importance", "step": "ask"}
    trk = tracker(
        "even vragen: wat is een proefplaatsing? mijn werkcoach had het erover",
        "nlu_fallback",
        {"phase": "coaching", "coach_state": {"pending": pending}},
    )
    texts, _ = run(ActionRephrase(), trk)
    assert not any(t in CONTENT.texts("system.rephrase") for t in texts), texts
    assert "proefplaats" in texts[0].lower()  # the knowledge base's answer first


def test_a_question_that_only_says_the_coachs_question_back_is_no_question():
    pending = {"kind": "tpb", "construct": "intention", "question": "Wat bent u van plan?"}
    trk = tracker(
        "Wat ik van plan ben? Eerst mijn rijbewijs halen, denk ik.",
        "ask_question",
        {"phase": "coaching", "coach_state": {"pending": pending}},
    )
    texts, _ = run(ActionSystemReply(), trk)
    assert not any(t in CONTENT.texts("system.no_answer") for t in texts), texts


@pytest.mark.parametrize(
    "text, correction",
    [
        ("Ja, zo is het. Hier kan ik mee verder, dank u wel.", False),
        ("klopt helemaal, fijn zo", False),
        ("Dat is een juiste weergave. Dank u.", False),
        ("Ja, klopt. Alleen werk ik drie ochtenden, geen twee.", True),
    ],
)
def test_agreeing_with_the_closing_summary_is_no_correction(text, correction):
    texts, slots = run(ActionClosingResponse(), tracker(text, "explain_situation", {"phase": "closing_check"}))
    thanked = any(t in CONTENT.texts("summary.correction_thanks") for t in texts)
    assert thanked == correction and slots == {"phase": "ended"}
