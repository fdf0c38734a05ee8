"""coach.yml is validated on load, with errors that say where."""

import copy

import pytest

from bot.coach.content import Content, ContentError, load_content, pick, text_id


def test_shipped_wording_is_valid():
    content = load_content()
    assert "113" in content.get("crisis.support") and "0800-2000" in content.get("crisis.danger")
    assert content.stage_name("contemplation") == "overweging"


@pytest.fixture
def data():
    return copy.deepcopy(load_content().data)


def test_missing_key_is_reported_with_its_path(data):
    del data["tpb"]["intention"]["acknowledge"]
    with pytest.raises(ContentError, match=r"tpb\.intention\.acknowledge"):
        Content(data)


def test_unknown_placeholder_is_reported(data):
    data["reflections"]["barrier"].append("Ik hoor {activity} maar niet {barrier}.")
    with pytest.raises(ContentError, match="unknown placeholder"):
        Content(data)


def test_crisis_message_must_give_the_numbers(data):
    data["crisis"]["support"] = "Zoek hulp."
    with pytest.raises(ContentError, match="113"):
        Content(data)


def test_pick_does_not_repeat_while_alternatives_remain():
    import random

    options = ["a", "b", "c"]
    used, rng = [], random.Random(1)
    said = []
    for _ in range(3):
        text = pick(options, used, rng)
        used.append(text_id(text))
        said.append(text)
    assert sorted(said) == options
