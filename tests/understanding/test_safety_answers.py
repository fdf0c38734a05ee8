"""Replies to the safety question, read in free text."""

import pytest

from bot.understanding.safety import SUPPORT_ANSWERS, classify_answer


@pytest.mark.parametrize(
    "text, answer",
    [
        ("ja", "yes"),
        ("Nee, dat niet. Ik was toen vooral moe, maar zulke gedachten heb ik nooit gehad.", "no"),
        ("ik heb zulke gedachten", "yes"),
        ("ja. soms wel. ik heb er wel eens over nagedacht hoe.", "sometimes"),
        ("Eerlijk gezegd wel, ja.", "yes"),
        ("af en toe, als het slecht gaat", "sometimes"),
        ("weet ik niet", "unsure"),
        ("kweenie", "unsure"),
        ("waarom vraagt u dat?", "question"),
        ("nee", "no"),
        ("nee hoor, zo erg is het niet", "no"),
        ("ja nee, zo erg is het niet", "no"),
        ("nee, maar soms denk ik wel dat het beter is als ik er niet ben", "sometimes"),
        ("ja, dat wil ik volgende week doen", "other"),  # answers the previous work question
        ("kunnen we het over mijn cv hebben?", "other"),
        ("wat is een participatieverklaring eigenlijk?", "other"),  # a question on another topic
        ("wat is 113 voor iets?", "question"),  # about the help: asked about the check
        ("ok", "other"),
        ("evet", "yes"),  # NT2 clients answer in their own language too
        ("nie wiem", "unsure"),
        ("bazen", "sometimes"),
        ("hayır", "no"),
    ],
)
def test_answers(text, answer):
    assert classify_answer(text) == answer


def test_yes_sometimes_and_unsure_lead_to_support():
    assert set(SUPPORT_ANSWERS) == {"yes", "sometimes", "unsure"}
