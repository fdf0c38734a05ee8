"""The action server's replies are validated with a validator compiled once, and a malformed
reply is still rejected as Rasa rejects it."""

from __future__ import annotations

import jsonschema
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_adapter import action_results

VALID = {
    "events": [
        {"event": "slot", "name": "phase", "value": "coaching", "timestamp": None},
        {"event": "action", "name": "action_listen", "policy": None, "confidence": None, "timestamp": None},
    ],
    "responses": [{"text": "Hoe gaat het?", "buttons": []}],
}
MALFORMED = [
    {"events": {"event": "slot"}},  # not a list
    {"events": [{"name": "phase", "value": 1}]},  # an event without its type
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "name": 3}]},  # a slot's name must be a string
    {"responses": ["just text"]},  # a response must be an object
    {"events": [], "responses": "Hoe gaat het?"},
]


@pytest.fixture
def action():
    action_results.install()
    return RemoteAction("action_coach_turn", EndpointConfig("http://127.0.0.1:9/webhook"))


def test_install_replaces_rasas_check_and_is_idempotent():
    action_results.install()
    action_results.install()
    assert RemoteAction._validate_action_result is action_results._validate_action_result


def test_a_valid_reply_passes(action):
    assert action._validate_action_result(VALID) is True
    assert action._validate_action_result({}) is True


@pytest.mark.parametrize("result", MALFORMED)
def test_a_malformed_reply_is_rejected_with_the_error_jsonschema_validate_gives(action, result):
    with pytest.raises(ValidationError) as expected:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError) as raised:
        action._validate_action_result(result)
    assert raised.value.message.startswith(expected.value.message)
    assert "Failed to validate Action server response from API" in raised.value.message
    assert list(raised.value.path) == list(expected.value.path)


def test_the_schema_is_checked_against_the_meta_schema_once(action, monkeypatch):
    action._validate_action_result(VALID)  # compiled here at the latest
    validator = action_results.compiled_validator(RemoteAction.action_response_format_spec)

    def fail(*_args, **_kwargs):
        raise AssertionError("check_schema called again")

    monkeypatch.setattr(type(validator), "check_schema", classmethod(fail))
    for _ in range(3):
        assert action._validate_action_result(VALID) is True
        with pytest.raises(ValidationError):
            action._validate_action_result(MALFORMED[0])
    assert action_results.compiled_validator(RemoteAction.action_response_format_spec) is validator
