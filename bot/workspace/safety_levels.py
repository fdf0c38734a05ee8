"""The safety level the professional sees, per conversation and per client, from the stored
flags (bot.db.models.SafetyFlag; they hold categories and detectors, never text).

* "confirmed" - crisis bevestigd: the client said yes, or the signal was explicit; the
                coaching stopped and the owner was alerted;
* "possible"  - mogelijk signaal: the coach asked and got no clear answer;
* "declined"  - gevraagd, cliënt zei nee.
The client list, the client page, the chart and the conversation page all use these.
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence

from bot.db.models import Conversation, SafetyFlag

LEVELS = ("confirmed", "possible", "declined")  # most urgent first
_KIND_LEVEL = {"crisis": "confirmed", "possible_crisis": "possible", "check_declined": "declined"}


def _ordered(flags: Iterable[SafetyFlag]) -> List[SafetyFlag]:
    return sorted(flags, key=lambda f: f.id or 0)


def conversation_level(flags: Sequence[SafetyFlag]) -> Optional[str]:
    """Confirmed if support was ever given; otherwise what the last check came to."""
    flags = _ordered(flags)
    if any(f.kind == "crisis" for f in flags):
        return "confirmed"
    return _KIND_LEVEL.get(flags[-1].kind) if flags else None


def most_urgent(levels: Iterable[Optional[str]]) -> Optional[str]:
    present = [level for level in levels if level]
    return min(present, key=LEVELS.index) if present else None


def client_level(conversations: Iterable[Conversation]) -> Optional[str]:
    return most_urgent(conversation_level(c.safety_flags) for c in conversations)


def flagged_turns(flags: Iterable[SafetyFlag]) -> List[int]:
    """The seqs of the client turns that carried a signal, for highlighting the transcript."""
    return sorted({f.client_turn for f in flags if f.client_turn is not None})


def open_alerts(flags: Iterable[SafetyFlag]) -> List[SafetyFlag]:
    """Crisis alerts the professional has not acknowledged yet."""
    return [f for f in _ordered(flags) if f.kind == "crisis" and f.acknowledged_at is None]
