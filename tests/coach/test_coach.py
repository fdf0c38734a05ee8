"""The MI strategy engine, turn by turn, without Rasa."""

from bot.coach.content import TPB_CONSTRUCTS, load_content
from bot.coach.engine import CLOSE_AFTER, ClientMessage, Coach, new_state

COACH = Coach(load_content())


def run(messages, state=None, evidence=None, stage=None, answer_rulers=False):
    state = state or new_state(seed=7)
    evidence = evidence or []
    results = []
    for msg in messages:
        pending = state.get("pending") or {}
        if answer_rulers and pending.get("kind") == "ruler" and pending.get("step") == "ask":
            msg = ClientMessage(
                text="een 7", intent="give_number", intent_confidence=0.9, entities=[{"entity": "number", "value": "7"}]
            )
        r = COACH.turn(state, msg, evidence, stage)
        state, evidence, stage = r.state, r.evidence, r.assessment.stage
        results.append(r)
    return results


def msg(text, intent="explain_situation", conf=0.9, talk="neutral", entities=()):
    return ClientMessage(
        text=text, intent=intent, intent_confidence=conf, talk_type=talk, talk_confidence=0.9, entities=list(entities)
    )


def test_first_turn_reflects_and_asks_about_background():
    r = run([msg("Ik doe al drie jaar vrijwilligerswerk bij de voedselbank", talk="sustain")])[0]
    assert len(r.messages) == 2
    assert "u doet al drie jaar vrijwilligerswerk bij de voedselbank" in r.messages[0].lower()
    assert r.messages[1] in load_content().texts("consideration.background")


def test_reflection_uses_the_barrier_when_there_is_no_echo():
    entities = [{"entity": "barrier", "value": "gezondheid"}]
    r = run([msg("die rugklachten, tja", "stage_precontemplation", talk="sustain", entities=entities)])[0]
    assert "uw gezondheid" in r.messages[0]


def test_tpb_prompts_follow_the_stage_and_answers_are_recorded():
    texts = [
        msg(f"ik wil binnenkort beginnen met solliciteren, stap {i}", "stage_preparation", talk="change")
        for i in range(6)
    ]
    results = run(texts)
    answers = [r.tpb_answer for r in results if r.tpb_answer]
    assert answers, "a TPB answer must be recorded"
    first_construct = answers[0][0]
    assert first_construct in ("intention", "self_efficacy")  # preparation starts with these
    assert answers[0][2] == texts[[r.tpb_answer for r in results].index(answers[0])].text


def test_importance_ruler_is_asked_and_the_number_stored():
    texts = [msg(f"ik twijfel of ik weer moet gaan werken, deel {i}", "stage_contemplation") for i in range(4)]
    results = run(texts)
    state = results[-1].state
    assert state["pending"] == {"kind": "ruler", "ruler": "importance", "step": "ask"}
    evidence, stage = results[-1].evidence, results[-1].assessment.stage
    r = COACH.turn(state, msg("een 6", "give_number", entities=[{"entity": "number", "value": "6"}]), evidence, stage)
    assert r.ruler_score == ("importance", 6)
    assert "6" in r.messages[0] and "3" in r.messages[0]  # waarom een 6 en geen 3?
    assert any(e.source == "ruler_importance" for e in r.evidence)


def test_not_a_number_is_asked_again_once():
    state = {**new_state(), "pending": {"kind": "ruler", "ruler": "confidence", "step": "ask"}}
    r = COACH.turn(state, msg("dat weet ik echt niet"), [], None)
    assert r.ruler_score is None and r.state["pending"]["reasked"]
    assert r.messages[0] in load_content().texts("rulers.not_a_number")


def test_no_text_repeats_while_alternatives_remain():
    results = run([msg(f"ik vertel iets over mijn week nummer {i}") for i in range(10)])
    said = [m for r in results for m in r.messages if "\n" not in m]
    assert len(said) == len(set(said))


def test_mid_summary_gathers_the_clients_points_in_the_coachs_words():
    texts = [
        msg("ik mis mijn collega's heel erg", "stage_contemplation", talk="change"),
        msg("ik zou best weer een paar uur willen werken", "stage_contemplation", talk="change"),
        msg("mijn rug doet vaak pijn", "stage_contemplation", talk="sustain"),
        msg("ik ben bang dat ik het niet volhoud", "stage_contemplation", talk="sustain"),
        msg("ik heb er wel vaker over nagedacht", "stage_contemplation"),
        msg("ik weet het nog niet precies", "stage_contemplation"),
    ]
    results = run(texts, answer_rulers=True)
    turns = [
        r.messages
        for r in results
        if len(r.messages) >= 2 and r.messages[-2].split("\n")[0] in load_content().texts("summary.intro")
    ]
    assert turns, [r.messages for r in results]
    summary, prompt = turns[0][-2:]
    assert "U mist uw collega's heel erg." in summary
    assert "\u201c" not in summary and "U zei" not in summary  # no raw quotes
    assert "?" not in summary and "klopt dit" in prompt.lower()  # the question is a message of its own


def test_coach_closes_after_a_while_with_all_constructs_covered():
    texts = [
        msg(f"ik ben nu al maanden aan het werk, week {i}", "stage_maintenance", talk="change")
        for i in range(CLOSE_AFTER)
    ]
    results = run(texts, answer_rulers=True)
    closing = next(i for i, r in enumerate(results) if r.close)
    assert closing < CLOSE_AFTER
    state = results[closing].state
    assert sorted(state["covered"]) == sorted(TPB_CONSTRUCTS)
    assert set(state["rulers"]) == {"importance", "confidence"}


def test_closing_summary_has_stage_quotes_rulers_and_check():
    state = {
        **new_state(),
        "gathered": [{"text": "u wilt weer collega's om u heen", "side": "change", "turn": 2}],
        "rulers": {"importance": 7, "confidence": 5},
    }
    summary, check = COACH.closing_summary(state, "contemplation", 0.7)
    assert "U wilt weer collega's om u heen." in summary
    assert "7 van de 10" in summary and "5 van de 10" in summary
    assert load_content().get("summary.stage_line.contemplation") in summary
    assert "klopt dit" in check.lower()
    unsure, _ = COACH.closing_summary(state, "contemplation", 0.3)
    assert load_content().get("summary.stage_line.contemplation") not in unsure  # named only when confident


ANSWERS = {"wat gebeurt er met mijn uitkering als ik ga werken?": "Als u gaat werken, geeft u dat door."}
ASKING = Coach(load_content(), answerer=lambda q, open_chat=False: ANSWERS.get(q.strip().lower()))


def test_a_question_is_answered_and_the_pending_question_comes_back():
    state = run([msg("ik doe vrijwilligerswerk bij de kringloop")], state=None)[-1].state
    state["pending"] = {"kind": "tpb", "construct": "attitude", "question": "Wat levert werk u op?"}
    r = ASKING.turn(state, msg("wat gebeurt er met mijn uitkering als ik ga werken?", "ask_question"), [], None)
    assert r.messages == ["Als u gaat werken, geeft u dat door.", "Wat levert werk u op?"]
    assert r.tpb_answer is None  # a question is not the answer to the coach's question
    assert r.state["pending"]["construct"] == "attitude"


def test_a_question_without_an_answer_is_referred():
    r = ASKING.turn(new_state(), msg("hoeveel krijg ik precies als ik 12 uur werk?", "ask_question"), [], None)
    assert r.messages[0] in load_content().texts("system.no_answer")


def test_a_ruler_correction_updates_the_score():
    state = {**new_state(), "turn": 4, "pending": {"kind": "ruler", "ruler": "importance", "step": "ask"}}
    state["ruler_turns"] = {"importance": 4}
    r = COACH.turn(state, msg("mijn moeder zou 9 zeggen, ik zelf 5", "give_number"), [], None)
    assert r.ruler_score == ("importance", 5)
    r = COACH.turn(r.state, msg("nee wacht, ik bedoelde 4, niet 5"), r.evidence, None)
    assert r.ruler_score == ("importance", 4) and r.state["rulers"]["importance"] == 4
    assert r.messages[0] in [t.format(n=4) for t in load_content().texts("rulers.corrected")]


def _answering_state(**extra):
    return {**new_state(seed=5), "background_asked": True, "asked_last_turn": True, "turn": 2, **extra}


def test_a_complex_reflection_can_stand_as_the_turn():
    # a feeling the client's words carry ("spannend"), after an answer to the coach's question
    r = COACH.turn(_answering_state(), msg("Ik vind zo'n eerste werkdag best spannend eigenlijk"), [], None)
    assert not any("?" in m for m in r.messages), r.messages
    assert r.state["landed_in_row"] == 1


def test_where_the_next_question_is_optional_a_reflection_stands_alone():
    # all TPB constructs and both rulers done: the next question would be an optional one
    done = {
        "covered": list(TPB_CONSTRUCTS),
        "ruler_turns": {"importance": 3, "confidence": 6},
        "rulers": {"importance": 7, "confidence": 6},
        "turn": 8,
        "last_summary_turn": 8,
    }
    r = COACH.turn(_answering_state(**done), msg("Ik fiets elke dag naar de kringloopwinkel"), [], None)
    assert not any("?" in m for m in r.messages), r.messages


def test_never_a_reflection_alone_when_the_client_asked_something():
    text = "Ik ben al twee jaar thuis en ik vind het heel spannend om weer te beginnen. Hoeveel uur moet ik werken?"
    coach = Coach(
        load_content(), answerer=lambda question, open_chat=False: None
    )  # no answer: the coach says who can answer
    r = coach.turn(_answering_state(), msg(text), [], None)
    assert "?" in r.messages[-1], r.messages


def test_a_reflection_alone_is_not_followed_by_another_after_a_short_reply():
    first = COACH.turn(_answering_state(), msg("Ik vind zo'n eerste werkdag best spannend eigenlijk"), [], None)
    second = COACH.turn(first.state, msg("Ja, dat klopt wel."), first.evidence, None)
    assert "?" in second.messages[-1], second.messages
