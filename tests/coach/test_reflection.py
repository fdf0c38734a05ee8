"""Turning the client's words into the 'u' form, or refusing when unsafe."""

import pytest

from bot.coach.reflection import echo


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ik vind het vrijwilligerswerk bij de manege heerlijk, maar werken lukt niet",
            "u vindt het vrijwilligerswerk bij de manege heerlijk",
        ),
        ("mijn rug doet te veel pijn", "uw rug doet te veel pijn"),
        ("nu ben ik al drie jaar thuis", "nu bent u al drie jaar thuis"),
        ("Ik heb vorige week drie sollicitaties verstuurd.", "u hebt vorige week drie sollicitaties verstuurd"),
        ("Eigenlijk wil ik wel weer iets doen", "eigenlijk wilt u wel weer iets doen"),
        ("het maakt me moe", "het maakt u moe"),
        ("ik ben bang dat ik mijn uitkering kwijtraak", "u bent bang"),
        ("ik werk twee dagen in de kringloop", "u werkt twee dagen in de kringloop"),
    ],
)
def test_echo(text, expected):
    assert echo(text) == expected


@pytest.mark.parametrize("text", ["ja", "", "ik en mijn vrouw hebben schulden", "de gemeente doet moeilijk"])
def test_no_echo_when_grammar_is_unsafe_or_nothing_to_echo(text):
    assert echo(text) is None
