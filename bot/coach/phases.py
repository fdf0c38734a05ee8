"""The conversation phases: the values of the `phase` slot.

Rasa's rules (data/rules/*.yml) route each message by phase and the custom actions
(actions/) move the conversation from one phase to the next; both use these names.
domain.yml lists them as the slot's values (tests/coach/test_phases.py keeps the three
in line).
"""

from __future__ import annotations

SLOT = "phase"

CONSENT = "consent"  # the coach introduced itself and asked for consent
DECLINED = "declined"  # consent declined: questions and goodbye only
COACHING = "coaching"  # the MI conversation itself
CLOSING_CHECK = "closing_check"  # the closing summary was given: "klopt dit?"
CORRECTING = "correcting"  # the client corrects the summary
ENDED = "ended"  # goodbye said
SAFETY_CHECK = "safety_check"  # a possible crisis signal: the coach asked directly
CRISIS = "crisis"  # crisis protocol: coaching stopped, only where to find help

PHASES = (CONSENT, COACHING, CLOSING_CHECK, CORRECTING, ENDED, DECLINED, SAFETY_CHECK, CRISIS)
# phases from which a client who is not in crisis goes back to coaching
IN_CONVERSATION = (COACHING, CLOSING_CHECK, CORRECTING)
