"""Rasa's event classes found by their type name once, not on every event read.

Rasa 3.6 turns every stored event back into an object with `Event.resolve_by_type`, which walks
all subclasses of `Event` (with `inspect.isabstract` on each) for every event of every tracker
it reads: 4-7 % of the Rasa server's CPU here (bench/README.md, "Capacity"). This keeps what it
found per type name; an unknown name is left to Rasa's own function (its default, None for
the old `topic` events, or its error), and nothing is kept for it.

`install()` is idempotent; the tracker store (the Rasa server) and `agent_loader` call it.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

_found: Dict[Text, Any] = {}
_rasas: Any = None


def resolve_by_type(type_name: Text, default: Optional[Any] = None) -> Optional[Any]:
    cls = _found.get(type_name)
    if cls is None:
        from rasa.shared.core.events import Event
        from rasa.shared.utils.common import all_subclasses

        cls = next((c for c in all_subclasses(Event) if c.type_name == type_name), None)
        if cls is None:
            return _rasas(type_name, default)
        _found[type_name] = cls
    return cls


def install() -> None:
    global _rasas
    from rasa.shared.core.events import Event

    if _rasas is None:
        _rasas = Event.resolve_by_type
    Event.resolve_by_type = staticmethod(resolve_by_type)
