"""The persona engine: MI-consistent vs MI-inconsistent practice, no repeats, seeds."""

import json

import pytest

from bot.core.stages import STAGES
from bot.practice.engine import PersonaEngine, topic_of
from bot.practice.personas import get_persona, load_personas

# Same length (20 student moves), fixed codes: deterministic.
CONSISTENT = [
    "open_question",
    "complex_reflection",
    "affirm",
    "simple_reflection",
    "complex_reflection",
    "emphasizing_autonomy",
    "open_question",
    "complex_reflection",
    "seeking_collaboration",
    "complex_reflection",
] * 2
INCONSISTENT = [
    "closed_question",
    "closed_question",
    "closed_question",
    "persuade",
    "confront",
    "closed_question",
    "persuade",
    "giving_information",
    "confront",
    "persuade",
] * 2
CHANGE = ("change_weak", "change_medium", "change_strong", "stage_up")


def run(persona_id, codes, seed=7, texts=None):
    engine = PersonaEngine(get_persona(persona_id), seed)
    replies = [engine.opening()]
    for i, code in enumerate(codes):
        replies.append(engine.respond(code, (texts or [""] * len(codes))[i]))
    return engine, replies


@pytest.mark.parametrize("persona_id", sorted(load_personas()))
def test_consistent_and_inconsistent_scripts_end_in_different_states(persona_id):
    good, good_replies = run(persona_id, CONSISTENT)
    bad, bad_replies = run(persona_id, INCONSISTENT)
    g, b = good.state, bad.state
    assert g["engagement"] - b["engagement"] >= 0.5
    assert b["resistance"] - g["resistance"] >= 0.5
    assert g["readiness"] - b["readiness"] >= 0.5
    start = STAGES.index(g["start_stage"])
    assert STAGES.index(g["stage"]) == min(start + 1, len(STAGES) - 1)  # one stage on (if there is one)
    assert STAGES.index(b["stage"]) == max(start - 1, 0)  # one stage back (if there is one)
    change_good = sum(r.situation in CHANGE for r in good_replies)
    change_bad = sum(r.situation in CHANGE for r in bad_replies)
    resist_good = sum(r.situation == "resistance" for r in good_replies)
    resist_bad = sum(r.situation == "resistance" for r in bad_replies)
    assert change_good >= change_bad + 8
    assert resist_bad >= resist_good + 5


def test_a_mediocre_session_does_not_move_a_precontemplator():
    mixed = [
        "open_question",
        "closed_question",
        "simple_reflection",
        "giving_information",
        "closed_question",
        "open_question",
        "persuade",
        "simple_reflection",
        "affirm",
        "closed_question",
    ] * 2
    engine, _ = run("sandra", mixed)
    assert engine.state["stage"] == "precontemplation"


def test_never_more_than_one_stage_forward():
    engine, replies = run("gerard", CONSISTENT * 3)
    assert engine.state["stage"] == "preparation"
    assert sum(r.stage_change == "up" for r in replies) == 1


def test_good_practice_needs_to_be_sustained():
    # four good moves are not enough, however good
    engine, _ = run("ronald", ["complex_reflection"] * 4)
    assert engine.state["stage"] == "preparation"


def test_a_run_of_closed_questions_raises_resistance():
    two, _ = run("gerard", ["closed_question"] * 2)
    five, _ = run("gerard", ["closed_question"] * 5)
    assert two.state["resistance"] == get_persona("gerard").start["resistance"]
    assert five.state["resistance"] > two.state["resistance"] + 0.1


@pytest.mark.parametrize("persona_id", sorted(load_personas()))
@pytest.mark.parametrize(
    "codes",
    [
        CONSISTENT,
        INCONSISTENT,
        ["confront"] * 20,
        ["closed_question"] * 20,
        ["complex_reflection"] * 20,
        ["other"] * 20,
    ],
)
def test_no_reply_repeats_in_a_20_turn_session(persona_id, codes):
    _, replies = run(persona_id, codes)
    texts = [r.text for r in replies]
    assert len(texts) == 21 and len(set(texts)) == 21


def test_same_seed_same_conversation_other_seed_other_conversation():
    _, a = run("wim", CONSISTENT, seed=11)
    _, b = run("wim", CONSISTENT, seed=11)
    _, c = run("wim", CONSISTENT, seed=12)
    assert [r.text for r in a] == [r.text for r in b]
    assert [r.text for r in a] != [r.text for r in c]


def test_state_survives_json_between_turns():
    persona = get_persona("lotte")
    straight = PersonaEngine(persona, 5)
    straight.opening()
    resumed = PersonaEngine(persona, 5)
    resumed.opening()
    for code in CONSISTENT[:10]:
        a = straight.respond(code)
        resumed = PersonaEngine(persona, 5, json.loads(json.dumps(resumed.state)))
        b = resumed.respond(code)
        assert a.text == b.text
    assert straight.state == resumed.state


def test_reply_follows_the_topic_of_the_question():
    assert topic_of("Wat zou je dochter ervan vinden als je weer ging werken?") == "social_norm"
    assert topic_of("Wat zou je kunnen tegenhouden, met je rug?") == "barriers"
    assert topic_of("Oké.") is None
    engine = PersonaEngine(get_persona("gerard"), 1)
    engine.opening()
    hits = 0
    for text in [
        "Hoe kijkt je familie, je dochter, ertegenaan?",
        "Wat vindt je vrouw ervan?",
        "Wat zeggen de mensen in je omgeving, je collega's?",
    ]:
        reply = engine.respond("open_question", text)
        hits += reply.topic == "social_norm"
    assert hits >= 2


@pytest.mark.model
def test_real_classifier_drives_the_persona(miti_classifier):
    good_texts = [
        "Wat maakt het werken met de paarden zo waardevol voor jou?",
        "Het klinkt alsof je daar eindelijk weer rust hebt gevonden.",
        "Knap hoe je na je ziekte weer bent opgekrabbeld.",
        "Je wilt die plek niet kwijtraken.",
        "Dus het gaat je niet om het geld, maar om weer ergens bij te horen.",
        "Jij bepaalt zelf welke kant je op gaat.",
        "Hoe zou een baan eruit moeten zien die net zo goed voelt als de manege?",
        "Ergens wil je wel verder, en tegelijk ben je bang om te verliezen wat je nu hebt.",
        "Zullen we samen kijken wat een kleine eerste stap zou kunnen zijn?",
        "Je bent er eigenlijk al een tijdje over aan het nadenken.",
    ]
    bad_texts = [
        "Heb je al gesolliciteerd?",
        "Werk je nog drie dagen?",
        "Is je rug beter?",
        "Je moet echt een baan zoeken, dit kan zo niet.",
        "Dat is gewoon een excuus.",
        "Heb je een diploma?",
        "Ik zou gewoon die logistieke baan nemen als ik jou was.",
        "Paarden verzorgen is leuk, maar het is geen echt werk.",
        "Je bent gewoon bang, dat is het hele probleem.",
        "Ga nou maar gewoon solliciteren.",
    ]
    good_codes = [c.code for c in miti_classifier.code_many(good_texts)]
    bad_codes = [c.code for c in miti_classifier.code_many(bad_texts)]
    good, _ = run("gerard", good_codes * 2, texts=good_texts * 2)
    bad, _ = run("gerard", bad_codes * 2, texts=bad_texts * 2)
    assert good.state["engagement"] > bad.state["engagement"] + 0.4
    assert good.state["resistance"] < bad.state["resistance"] - 0.4
    assert STAGES.index(good.state["stage"]) > STAGES.index(bad.state["stage"])
