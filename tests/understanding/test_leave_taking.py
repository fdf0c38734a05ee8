"""A message that ends by taking leave is a goodbye (bot/understanding/dialogue_act.py)."""

import pytest

from bot.understanding.dialogue_act import ends_with_leave_taking


@pytest.mark.parametrize(
    "text",
    [
        "ik moet gaan, morgen om zes uur op. dank je wel, tot ziens",
        "Oké, ik heb wel genoeg gezegd. Laters.",
        "Ik dank u voor het gesprek. Ik ga nu verder met mijn cursusboek. Goedendag.",
        "ok, de hond moet eruit. ik hou het hierbij. tot kijk.",
        "Ik moet de kinderen naar voetbal brengen, dus ik ga nu stoppen. Bedankt, was best oké.",
        "ok bedankt, dag",
    ],
)
def test_leave_taking_at_the_end(text):
    assert ends_with_leave_taking(text)


@pytest.mark.parametrize(
    "text",
    [
        "goedendag",
        "dag",
        "hoi, goedendag",
        "ik werk elke dag",
        "ik werk nu drie dagen. ik ben er klaar voor",
        "ja, dat wil ik volgende week doen",
        "tot ziens, kan ik nog iets vragen?",
    ],
)
def test_no_leave_taking(text):
    assert not ends_with_leave_taking(text)
