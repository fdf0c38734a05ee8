"""Kinds of wrong reflection found by reading the dialogue transcripts (bench/dialogue/reflection_review/),
each as a general rule on sentences the scripted clients do not say."""

import random

import pytest

from bot.coach import clauses, rulers
from bot.coach.clauses import questions_to_coach, shift, split
from bot.coach.content import load_content
from bot.coach.engine import ClientMessage, Coach, new_state
from bot.coach.reflection import compose


def _say(key, fill):
    return random.Random(key).choice(load_content().texts(key)).format(**fill)


def shifted(text):
    return [c.shifted for c in split(text)]


def reply_text(text, talk="neutral", confidence=0.3):
    reply = compose(text, talk, confidence, _say)
    return reply.text if reply else None


@pytest.mark.parametrize(
    "text, expected",
    [
        # quote marks around the words someone said are not part of a word
        ("mijn werkcoach vindt dat ik 'meer moet doen'", "uw werkcoach vindt dat u meer moet doen"),
        # a trailing tag and a particle are not said back
        ("mijn Engels is niet zo goed, sorry", "uw Engels is niet zo goed"),
        ("ik wil namelijk graag iets met mijn handen doen", "u wilt graag iets met uw handen doen"),
        # a link word that points to what came before: the verb-second order put right
        ("daarnaast mis ik het contact met de klanten", "u mist ook het contact met de klanten"),
        # a clause that stands alone in the order of a subordinate one
        ("en dat ik al twee jaar geen werk heb", "u hebt al twee jaar geen werk"),
        # a frame around an addition is taken off
        ("ik wil er nog bij zeggen dat ik niet lui ben", "u bent niet lui"),
        # "fijn dat ..." has no main clause: said back as what the client finds
        (
            "fijn dat iemand gewoon luistert zonder te zeggen wat ik moet doen",
            "u vindt het fijn dat iemand gewoon luistert zonder te zeggen wat u moet doen",
        ),
        # wh-words open subordinate clauses, preposition-like 'als' does not
        ("ik weet niet goed waarom ik steeds afgewezen word", "u weet niet goed waarom u steeds afgewezen wordt"),
        (
            "omdat ik als vrijwilliger elke week merk dat ik nog iets kan",
            "u merkt als vrijwilliger elke week dat u nog iets kunt",
        ),
        # a generic 'je' under the client's own clause stays as it is
        (
            "ik wil mijn zoon laten zien dat je met werk verder komt",
            "u wilt uw zoon laten zien dat je met werk verder komt",
        ),
    ],
)
def test_clause_said_back(text, expected):
    assert expected in shifted(text)


@pytest.mark.parametrize(
    "text",
    [
        "Misschien een werkplek waar ik eerst kan meekijken",  # no main clause: it would read as advice
        "mijn moeder zegt jongen zoek een baan",  # direct speech run into the sentence
        "wie neemt mij nou nog aan",  # a question, also without "?"
        "alleen dat ik erover nadenk",  # a bare subordinate clause
        "verder zijn mijn papieren niet in orde",  # a link word, and no 'u' to put first
    ],
)
def test_no_echo_of_a_clause_that_cannot_be_said_back_well(text):
    assert all(s is None for s in shifted(text)), shifted(text)


def test_an_introduction_is_no_point_to_reflect():
    assert "u bent ans" not in " ".join(s or "" for s in shifted("hoi ik ben ans. ik werk in de thuiszorg"))
    assert shifted("ik ben Karim en ik heb drie kinderen") == ["u hebt drie kinderen"]
    assert shifted("ik ben moe van al die brieven") == ["u bent moe van al die brieven"]


def test_agreement_and_announcements_are_not_said_back():
    assert reply_text("haha ja dat klopt wel denk ik") is None
    assert reply_text("Nee wacht, ik moet iets rechtzetten.") is None


def test_a_rhetorical_question_is_reflected_as_the_statement_it_makes():
    text = reply_text("Ik ben 59. Wie wil mij nog hebben?", "sustain", 0.8)
    assert text.startswith("Niemand wil u nog hebben")
    assert "?" not in text


def test_someone_elses_view_and_the_clients_answer_to_it_stay_together():
    text = reply_text("Mijn klantmanager zei dat ik best 32 uur kan werken, maar dat zie ik niet gebeuren.")
    assert "uw klantmanager zei dat u best 32 uur kunt werken, maar dat ziet u niet gebeuren" in text.lower()


def test_the_clients_own_clause_comes_before_a_clause_leaning_on_another():
    text = reply_text("Mijn buurvrouw vindt dat ik moet gaan werken. Daar heb ik weinig aan.")
    assert text is not None and "daar hebt u weinig aan" not in text.lower()


def test_tried_and_failed_is_not_affirmed_as_a_step_forward():
    reply = compose("Ik heb het al drie keer geprobeerd en telkens ging het mis.", "sustain", 0.7, _say)
    assert reply.kind == "affirmation"
    assert not any(t.split("}. ", 1)[-1] in reply.text for t in load_content().texts("affirmations.named.steps"))


def test_a_routine_is_not_affirmed_as_holding_on():
    reply = compose("Ik kook elke week voor mijn buurvrouw.", "neutral", 0.3, _say)
    persisting = [t.split("}. ", 1)[-1] for t in load_content().texts("affirmations.named.persisting")]
    assert reply is None or not any(p in reply.text for p in persisting)


def test_a_long_clause_loses_its_purpose_clause_not_its_point():
    text = reply_text(
        "Ik vind het vervelend dat ik elke maand een formulier moet invullen om te laten zien dat ik niks verdien"
    )
    assert text is not None and "u vindt het vervelend dat u elke maand een formulier moet invullen" in text.lower()


def test_one_thing_is_no_ruler_score():
    assert rulers.correction("Eén ding wil ik nog zeggen: zo bedoel ik het niet.") is None
    assert rulers.correction("nee wacht, ik bedoelde een 4") == 4


def test_a_statement_opening_like_a_question_is_not_asked_when_a_full_stop_closes_it():
    assert questions_to_coach("werk is prima. kan ik eindelijk op vakantie. maar niet fulltime") == []
    assert questions_to_coach("kan ik ook parttime werken met een uitkering") != []


def test_a_clause_leaning_on_another_stays_out_of_the_summary():
    coach = Coach(load_content())
    state = {**new_state(seed=3), "background_asked": True}
    msg = ClientMessage(
        text="omdat koken wel lukt. daar ben ik goed in", intent="explain_situation", intent_confidence=0.9
    )
    result = coach.turn(state, msg, [], None)
    assert all("daar" not in item["text"] for item in result.state["gathered"])


def test_a_longer_answer_is_met_with_a_reflection_alone_and_the_next_turn_asks_again():
    coach = Coach(load_content())
    state = {**new_state(seed=3), "background_asked": True, "asked_last_turn": True, "turn": 1}
    long = ClientMessage(
        text="Ik heb twintig jaar als kok gewerkt en ik mis het werken in een team nog elke dag, vooral de drukte",
        intent="explain_situation",
        intent_confidence=0.9,
        talk_type="change",
        talk_confidence=0.8,
    )
    first = coach.turn(state, long, [], None)
    assert not any("?" in m for m in first.messages), first.messages
    assert any("u hebt twintig jaar als kok gewerkt" in m.lower() or "u mist" in m.lower() for m in first.messages)
    short = ClientMessage(text="Ja, dat mis ik echt.", intent="explain_situation", intent_confidence=0.9)
    after_short = coach.turn(first.state, short, first.evidence, None)
    assert "?" in after_short.messages[-1]  # a short answer after a reflection alone: the coach asks again
    second = coach.turn(first.state, long, first.evidence, None)  # the client goes on at length
    third = coach.turn(second.state, long, second.evidence, None)
    assert "?" in second.messages[-1] or "?" in third.messages[-1]  # never three reflections alone in a row


def test_shift_is_still_refused_without_a_first_person():
    assert shift("het gaat goed") is None
    assert shift("het gaat goed", require_change=False) == "het gaat goed"
    assert clauses.rhetorical(split("wie helpt er nou")[0]) is None  # no "nog/nou" statement to make of it


def test_a_clause_pointing_back_is_said_with_what_it_points_to():
    text = reply_text("Het werk is zwaar. En dat is juist wat ik mooi vind.")
    assert "het werk is zwaar, en dat is juist wat u mooi vindt" in text.lower()


def test_no_first_person_verb_is_left_in_a_shifted_clause():
    assert shift("omdat ik drie jaar heb gewerkt en twee cursussen heb gedaan") is None
    assert shift("ik denk ik kan het") is None  # NT2 complement without "dat"
    assert shift("omdat ik drie jaar heb gewerkt") is not None


def test_a_health_word_about_the_past_adds_no_limit_of_the_body():
    reply = compose("Ik werk sinds een half jaar weer volledig na een burn-out.", "neutral", 0.3, _say)
    assert reply.kind == "simple", reply


def test_said_in_the_order_of_a_subordinate_clause_only_when_safe():
    from bot.coach.clauses import subordinate_order

    assert subordinate_order("u bent niet lui") == "u niet lui bent"
    assert subordinate_order("u geeft het op") == "u het opgeeft"
    assert subordinate_order("u hebt alleen vmbo en uw rijbewijzen") == "u alleen vmbo en uw rijbewijzen hebt"
    assert subordinate_order("u moet gaan solliciteren") is None  # a verb cluster
    assert subordinate_order("u hebt dertig jaar gewerkt") is None  # a participle
    assert subordinate_order("u weet niet of u het kunt") is None  # a clause in it


def test_dit_before_a_noun_does_not_point_back():
    first = split("Dit werk heeft me veel gegeven.")[0]
    assert not first.anaphoric
    assert split("Dat kan ik niet veranderen.")[0].anaphoric
    assert "daardoor" in reply_text("Ik hou van mijn werk, en juist daardoor ben ik kwetsbaar.")


def test_an_ordinal_is_no_typo():
    assert shifted("dat was de eerste keer dat ik me nuttig voelde") == [
        "dat was de eerste keer dat u zich nuttig voelde"
    ]


def test_a_preposition_after_er_is_no_separable_particle():
    from bot.coach.clauses import subordinate_order

    assert subordinate_order("u bent er klaar mee") == "u er klaar mee bent"
    assert subordinate_order("u ziet er tegen op") == "u er tegen opziet"


def test_an_answer_that_only_names_things_is_said_back_under_the_question_asked():
    from bot.coach.clauses import answer_fragment

    assert answer_fragment("Mijn knie. En de taal.") == "uw knie"
    assert answer_fragment("Een buurvrouw die met me meegaat naar het gesprek.") == (
        "een buurvrouw die met u meegaat naar het gesprek"
    )
    assert answer_fragment("misschien een cursus") is None  # a guess, not what the client named
    assert answer_fragment("Ik weet het niet.") is None  # a clause, reflected as such elsewhere
    reply = compose("Mijn rug. Punt.", "neutral", 0.3, _say, fragment_key="reflections.named.barriers")
    assert reply is not None and "uw rug" in reply.text and "?" not in reply.text
    assert compose("Mijn rug. Punt.", "neutral", 0.3, _say) is None  # without the question, nothing to frame it


def test_nt2_object_first_and_a_verb_after_someone_else_stay_right():
    assert shifted("omdat ik mijn dochter wil laten zien dat ik niet opgeef") == [
        "u wilt uw dochter laten zien dat u niet opgeeft"
    ]
    assert shifted("het werk ik kan, 100 procent") == [None]  # not "het werkt u kan"
    assert shifted("nu ben ik blij met mijn werk") == ["nu bent u blij met uw werk"]


def test_an_order_to_the_coach_is_not_said_back():
    assert shifted("als dit weer zo'n controle is voor mij, zeg het dan meteen") == [None]
    assert shifted("ik zoek werk in de zorg") == ["u zoekt werk in de zorg"]


def test_the_frame_of_an_addition_is_never_said_back():
    for text in (
        "Ik zou alleen willen toevoegen dat het om twintig uur gaat.",
        "Ik wil er nog bij zeggen dat ik mijn best doe.",
    ):
        reply = compose(text, "neutral", 0.3, _say)
        assert reply is None or "toevoegen" not in reply.text and "bij zeggen" not in reply.text, reply


def test_chat_short_forms_are_never_said_back():
    assert reply_text("ik kan nu gwn naar een festival zonder te rekenen") is None


def test_childcare_is_not_read_as_the_weight_of_caring():
    text = reply_text("maar dan zie ik hem bijna niet en gaat de helft naar de opvang")
    assert text is None or "zorg voor anderen" not in text


def test_the_weight_is_on_what_follows_maar():
    text = reply_text("Ik weet dat ik iets moet, ik ben niet gek. Maar ik ben gewoon bang om weer te falen.")
    assert text.startswith("U bent gewoon bang om weer te falen.")


def test_someone_elses_view_keeps_the_clients_maar():
    text = reply_text("Mijn buurman zegt dat ik moet solliciteren, maar hij heeft geen rugpijn.")
    assert "uw buurman zegt dat u moet solliciteren, maar hij heeft geen rugpijn" in text.lower()


def test_wat_as_a_quantity_opens_no_clause():
    assert shifted("ik vind dat ik wel wat rust verdiend heb") == ["u vindt dat u wel wat rust verdiend hebt"]


def test_the_question_asked_frames_an_answer_that_only_names_things():
    coach = Coach(load_content())
    state = {
        **new_state(seed=5),
        "background_asked": True,
        "turn": 3,
        "pending": {"kind": "tpb", "construct": "barriers", "question": "Waar ziet u het meest tegenop?"},
    }
    msg = ClientMessage(text="Mijn knie. En de bus.", intent="explain_situation", intent_confidence=0.9)
    first = coach.turn(state, msg, [], None).messages[0]
    assert first in ("Wat u tegenhoudt: uw knie.", "Wat het u moeilijk maakt: uw knie.")


def test_en_tegelijk_is_a_contrast_and_a_trailing_ja_is_no_content():
    reply = compose("Ik ben blij dat ik niet meer hoef, en tegelijk wil ik wel.", "neutral", 0.3, _say)
    assert reply.kind == "double_sided"
    assert "u wilt wel" in reply.text and "tegelijk wilt" not in reply.text
    assert "ja" not in reply_text("werk geeft wel geld ja. maar ik ben bang dat ik het niet volhoud").lower().split()
