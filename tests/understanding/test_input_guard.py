import pytest

from bot.understanding.input_guard import EMPTY, NON_DUTCH, NONSENSE, TOO_LONG, input_problem


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", EMPTY),
        ("   \n", EMPTY),
        (None, EMPTY),
        ("ik werk graag " * 150, TOO_LONG),
        ("Hello, how are you doing today?", NON_DUTCH),
        ("Ich bin nicht interessiert an Arbeit", NON_DUTCH),
        ("مرحبا كيف حالك", NON_DUTCH),
        ("asdfghjkl", NONSENSE),
        ("qwrtzp xkcd", NONSENSE),
        ("😀😀😀", NONSENSE),
    ],
)
def test_unusable_input(text, expected):
    assert input_problem(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ja",
        "ok",
        "7",
        "hmm",
        "ik wil gwn werken",
        "idd ff kijken",
        "nee joh niet voor mij",
        "Ik ben 58 en mijn rug is kapot",
        "wat is een jobcoach",
        "ik werk graag " * 140,
    ],
)
def test_usable_input_passes(text):
    assert input_problem(text) is None
