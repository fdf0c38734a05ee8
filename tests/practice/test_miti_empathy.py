"""Short empathic reflections ("Dat klinkt ...", "Dat is ...") are reflections, not confrontations.

The coder once read "Dat klinkt zwaar." as confront: the training data had short "Dat is/klinkt"
sentences only as confrontations ("Dat is een slappe reden"). The sentences here are in neither
the training data nor the coach's wording.
"""

import pytest

REFLECTIONS = ("simple_reflection", "complex_reflection")


@pytest.mark.parametrize(
    "text",
    [
        "Dat klinkt uitputtend.",
        "Dat klinkt verdrietig voor u.",
        "Dat moet veel pijn hebben gedaan.",
        "Dat klinkt ontmoedigend, na zoveel brieven.",
    ],
)
def test_short_empathic_reflection_is_a_reflection(miti_classifier, text):
    assert miti_classifier.code(text).code in REFLECTIONS


@pytest.mark.parametrize("text", ["Dat klinkt als een smoes.", "Dat is gewoon een excuus om thuis te blijven."])
def test_the_same_frame_with_a_judgement_is_still_confront(miti_classifier, text):
    assert miti_classifier.code(text).code == "confront"
