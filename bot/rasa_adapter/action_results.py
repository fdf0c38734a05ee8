"""The action server's replies validated with a validator compiled once.

Rasa 3.6 checks every reply of the action server (`RemoteAction._validate_action_result`)
with `jsonschema.validate`, which first checks the schema itself against the JSON Schema
meta-schema and builds a new validator, on every call: about a third of the Rasa server's CPU
under load (bench/README.md, "Capacity"). The schema (`action_response_format_spec`) never
changes, so this checks it against the meta-schema once, keeps the validator and validates each
reply with it. A reply that does not fit the schema is rejected as before: the same
`ValidationError` (the best match of all errors, as `jsonschema.validate` picks it), with Rasa's
own hint appended to its message.

`install()` is idempotent; the tracker store (the Rasa server) and `agent_loader` call it.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, Text

_validators: Dict[Callable, Any] = {}
_lock = threading.Lock()


def compiled_validator(spec: Callable[[], Dict[Text, Any]]) -> Any:
    """One validator per schema function: the schema checked against its meta-schema once.

    (The schema has no `$ref`, so validating never touches the validator's resolver state and
    one instance serves every caller.)"""
    validator = _validators.get(spec)
    if validator is None:
        from jsonschema.validators import validator_for

        with _lock:
            validator = _validators.get(spec)
            if validator is None:
                schema = spec()
                cls = validator_for(schema)
                cls.check_schema(schema)
                validator = _validators[spec] = cls(schema)
    return validator


def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import DOCS_BASE_URL

    error = best_match(compiled_validator(type(self).action_response_format_spec).iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result
