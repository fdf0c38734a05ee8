import pytest

from bot.coach.rulers import higher_anchor, lower_anchor, parse_score


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("7", [], 7),
        ("een 6", [], 6),
        ("ik denk een vijf", [], 5),
        ("zo'n 8 denk ik", [], 8),
        ("tussen de 4 en 5", [], 4),
        ("nul", [], 0),
        ("tien!", [], 10),
        ("ongeveer 3", [], 3),
        ("geen idee", [], None),
        ("dat weet ik niet", [], None),
        ("iets", ["9"], 9),
    ],
)
def test_parse_score(text, entities, expected):
    assert parse_score(text, entities) == expected


def test_anchors_stay_within_the_scale():
    assert lower_anchor(6) == 3 and lower_anchor(1) == 0 and lower_anchor(0) == 0
    assert higher_anchor(9) == 10 and higher_anchor(4) == 6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ik werk al drie jaar niet meer sinds ik ontslagen ben", None),  # an amount, not a score
        ("ik kan 4 uur per dag, dus een 6", 6),
        ("met 2 kinderen thuis is het een 5", 5),
        ("acht", 8),
    ],
)
def test_amounts_with_a_unit_are_no_score(text, expected):
    assert parse_score(text) == expected
