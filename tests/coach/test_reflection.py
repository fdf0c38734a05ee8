"""Reflections composed from an analysis of the client's message (bot/coach/reflection.py)."""

import random

import pytest

from bot.coach.content import load_content
from bot.coach.reflection import compose


def _say(key, fill):
    return random.Random(key).choice(load_content().texts(key)).format(**fill)


@pytest.mark.parametrize(
    "text, kind, must_contain",
    [
        ("ik wil wel, maar ik durf niet goed", "double_sided", ["wilt wel", "u durft niet goed"]),
        ("ik schaam me dat ik in de bijstand zit", "complex", ["U schaamt zich dat u in de bijstand zit."]),
        ("mijn vrouw zegt dat ik het moet proberen", "other_view", ["Uw vrouw zegt dat u het moet proberen."]),
        ("Ik heb vorige week drie sollicitaties verstuurd.", "affirmation", ["U hebt vorige week drie"]),
        ("ja, dat wil ik volgende week doen", "simple", ["at wilt u volgende week doen"]),
    ],
)
def test_reflection_kind_and_words(text, kind, must_contain):
    reply = compose(text, "neutral", 0.3, _say)
    assert reply is not None and reply.kind == kind, reply
    for part in must_contain:
        assert part in reply.text


def test_someone_elses_wish_is_never_made_the_clients_own():
    reply = compose("De gemeente wil dat ik ga solliciteren.", "change", 0.9, _say)
    assert reply.kind == "other_view"
    assert "belangrijk" not in reply.text and "wilt u" not in reply.text.lower()


def test_no_direction_added_to_a_fact_or_to_the_other_side():
    for text in ("Ik werk al drie jaar niet meer sinds ik ontslagen ben", "betaald werk zie ik echt niet zitten"):
        reply = compose(text, "change", 0.95, _say)
        assert reply.kind == "simple", (text, reply)


def test_no_echo_of_an_interjection_or_of_a_question():
    assert not compose("ja", "neutral", 0.2, _say)
    assert not compose("wat gebeurt er met mijn uitkering als ik ga werken?", "neutral", 0.2, _say)
    reply = compose("Ja, nou, ik wil eigenlijk best iets in de zorg doen", "change", 0.9, _say)
    assert "ja" not in reply.text.lower().split(", ")[0].split()


def test_no_affirmation_when_not_allowed_or_when_nothing_was_done():
    text = "Ik heb vorige week drie sollicitaties verstuurd."
    assert compose(text, "change", 0.9, _say, allow_affirmation=False).kind != "affirmation"
    assert compose("ik heb geen zin in solliciteren", "sustain", 0.9, _say).kind != "affirmation"


def test_the_weight_after_maar_is_not_dropped():
    # "ik ben geen juf" alone would say the opposite of what the client meant
    reply = compose("ik ben geen juf maar toch, dat was mooi", "change", 0.8, _say)
    assert reply is None or "geen juf" not in reply.text


def test_fear_pulls_against_a_wish():
    reply = compose("ik wil wel, maar ik ben ook bang", "neutral", 0.4, _say)
    assert reply.kind == "double_sided"


@pytest.mark.parametrize(
    "text, unsaid",
    [
        # colleagues named as a source of tips are no sign that contact is what the client values
        ("Mijn vroegere collega's sturen mij soms vacatures door.", ["bij horen", "Contact met andere"]),
        # "achter de rug" is no back, a sick child is not the client's health
        ("Ik heb een zware verhuizing achter de rug met de kinderen.", ["lichaam", "gezondheid"]),
        ("Als mijn zoon koorts heeft en ziek is, moet ik vrij nemen.", ["lichaam", "gezondheid"]),
        # a body named without a limit: confidence, not a limit
        ("Ik weet nu precies hoe ik met mijn rug moet omgaan bij het tillen.", ["lichaam", "gezondheid"]),
        # "het gaat mis" is no missing; a knee that is broken is no low energy
        ("Als ik te veel uren draai, gaat het mis met mijn planning.", ["wat u belangrijk vindt"]),
        ("Mijn heup is kapot van het sjouwen.", ["energie"]),
        # a feeling in the past is not said back as how things are now
        ("Ik was toen heel moe van alle afspraken.", ["energie"]),
        # "hobby" only when someone else calls the client's work that
        ("Tuinieren is een hobby van mij, daar word ik rustig van.", ["serieus", "ziet wat u doet"]),
    ],
)
def test_no_meaning_the_clients_words_do_not_carry(text, unsaid):
    for talk in ("neutral", "sustain", "change"):
        reply = compose(text, talk, 0.8, _say)
        for part in unsaid:
            assert reply is None or part not in reply.text, (text, reply)


@pytest.mark.parametrize(
    "text, meaning",
    [
        ("Ik mis de mensen van mijn oude werk heel erg.", "contact"),
        ("Mijn rug doet pijn als ik lang sta.", "health"),
        ("ik merk dat ik het toch wel mis", "missing"),
        ("De klantmanager noemt mijn buurtwerk een hobby.", "respect"),
    ],
)
def test_meaning_kept_where_the_words_carry_it(text, meaning):
    from bot.coach.reflection import _meanings

    assert meaning in _meanings(text)


def test_a_wish_and_its_condition_after_maar_are_two_sides():
    reply = compose("ik wil best weer werken, maar het moet wel passen bij de schooltijden", "neutral", 0.4, _say)
    assert reply.kind == "double_sided", reply
    assert "u wilt best weer werken" in reply.text.lower() and "het moet wel passen bij de schooltijden" in reply.text
    # a "maar" clause pointing back ("dat wil iedereen") is no second side
    reply = compose("ik zou graag met dieren werken. maar goed, dat wil iedereen", "neutral", 0.4, _say)
    assert reply is None or reply.kind != "double_sided", reply
