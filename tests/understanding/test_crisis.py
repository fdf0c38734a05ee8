"""The rule-based safety net (the trained crisis classifier is tested on held-out data)."""

import pytest

from bot.understanding.crisis import crisis_wording


@pytest.mark.parametrize(
    "text",
    [
        "ik wil niet meer leven",
        "ik denk aan zelfmoord",
        "iedereen is beter af zonder mij",
        "als ze mijn uitkering stopzetten maak ik er een einde aan",
        "ik ben bang dat ik mezelf iets aandoe",
    ],
)
def test_explicit_crisis_wording(text):
    assert crisis_wording(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik schrok me dood",
        "ik ben doodmoe",
        "ik trek mezelf aan de haren",
        "ik werk bij een uitvaartcentrum",
        "dat formulier maakt me gek",
    ],
)
def test_figurative_speech_is_not_crisis_wording(text):
    assert not crisis_wording(text)
