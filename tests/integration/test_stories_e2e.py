"""The end-to-end test stories (tests/stories/test_stories.yml), run for real.

`rasa test core` (in `make test`) checks the dialogue policy given the intents. Here each
story's user texts go through the trained model in-process with the real action server:
the intent the NLU gives, the actions that run and the slots they set must match the
story, step by step.
"""

import uuid
from pathlib import Path

import pytest
import yaml

from bot.rasa_adapter.agent_loader import send

pytestmark = pytest.mark.model
STORIES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "stories" / "test_stories.yml").read_text(encoding="utf-8")
)
IGNORED_ACTIONS = {"action_listen", "action_session_start"}


def expected_turns(steps):
    """[(text, intent, [actions], {slot: value})] per user message."""
    turns = []
    for step in steps:
        if "user" in step:
            turns.append((step["user"], step["intent"], [], {}))
        elif "action" in step:
            turns[-1][2].append(step["action"])
        elif "slot_was_set" in step:
            for item in step["slot_was_set"]:
                turns[-1][3].update(item)
    return turns


@pytest.mark.parametrize("story", STORIES["stories"], ids=[s["story"] for s in STORIES["stories"]])
def test_story(story, agent, loop):
    sender = "story-" + uuid.uuid4().hex[:12]
    for text, intent, actions, slots in expected_turns(story["steps"]):
        loop.run_until_complete(send(agent, text, sender, {"client_id": "client-story-01"}))
        tracker = loop.run_until_complete(agent.tracker_store.retrieve(sender))
        events = [e.as_dict() for e in tracker.events]
        last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
        events = events[last_user:]  # this message and what followed it
        parsed = events[0]["parse_data"]["intent"]
        assert events[0]["text"] == text and parsed["name"] == intent, (text, parsed)
        ran = [e["name"] for e in events if e["event"] == "action" and e["name"] not in IGNORED_ACTIONS]
        assert ran == actions, text
        set_slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
        for name, value in slots.items():
            assert set_slots.get(name) == value, (text, name, set_slots.get(name))
