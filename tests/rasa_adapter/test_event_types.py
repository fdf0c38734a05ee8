"""Rasa's event classes by type name, found once: the same classes as Rasa's own lookup."""

import pytest
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.rasa_adapter import event_types


@pytest.fixture(autouse=True)
def installed():
    event_types.install()
    event_types.install()  # idempotent


def test_every_event_type_resolves_to_the_class_rasa_finds():
    for cls in all_subclasses(Event):
        expected = next(c for c in all_subclasses(Event) if c.type_name == cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is expected
        assert Event.resolve_by_type(cls.type_name) is expected  # and again, from what was kept
    assert Event.resolve_by_type("user") is UserUttered and Event.resolve_by_type("slot") is SlotSet


def test_unknown_types_behave_as_in_rasa():
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert "no_such_event" not in event_types._found


def test_events_read_back_from_their_dicts_are_equal():
    events = [UserUttered("hoi", {"name": "greet", "confidence": 0.9}), SlotSet("phase", "coaching")]
    assert [Event.from_parameters(e.as_dict()) for e in events] == events
