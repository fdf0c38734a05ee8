"""Shared plumbing for the actions: reading the tracker, storing safely, wording."""

from __future__ import annotations

import functools
import logging
import random
import zlib
from typing import Any, Callable, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.coach import records as db
from bot.coach.content import Content, load_content
from bot.coach.engine import ClientMessage, Coach
from bot.coach.records import ConversationRef
from bot.core.wording import pick
from bot.rasa_adapter.message_ids import message_id_of
from bot.rasa_adapter.transcript import conversation_ref

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def content() -> Content:
    return load_content()


@functools.lru_cache(maxsize=1)
def coach() -> Coach:
    from bot.coach import knowledge

    return Coach(content(), answerer=knowledge.answer)


def client_message(tracker: Tracker) -> ClientMessage:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    talk = latest.get("talk_type") or {}
    reading = latest.get("stage") or {}
    return ClientMessage(
        text=latest.get("text") or "",
        intent=intent.get("name"),
        intent_confidence=float(intent.get("confidence") or 0.0),
        talk_type=talk.get("name") or "neutral",
        talk_confidence=float(talk.get("confidence") or 0.0),
        entities=list(latest.get("entities") or []),
        stage_reading=reading.get("name"),
        stage_confidence=float(reading["confidence"]) if reading.get("name") else None,
    )


def ref(tracker: Tracker) -> ConversationRef:
    return conversation_ref(tracker.sender_id, tracker.events)


def latest_message_id(tracker: Tracker) -> Optional[str]:
    """The message id (bot.rasa_adapter.message_ids) of the client message being handled."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return message_id_of(event.get("metadata"))
    return None


def seed_for(sender_id: str) -> int:
    return zlib.crc32(sender_id.encode("utf-8"))


def store(what: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Write to the database without letting a storage problem break the conversation.

    Logs ids and the error type only, never message text."""
    try:
        fn(*args, **kwargs)
        return True
    except Exception as exc:  # noqa: BLE001 - the client must still get an answer
        logger.error("storing %s failed: %s", what, type(exc).__name__)
        return False


def say(dispatcher: CollectingDispatcher, texts: List[str]) -> None:
    for text in texts:
        dispatcher.utter_message(text=text)


# The consent question can also be answered with a button on the chat page; a button sends
# its payload as an ordinary message, so the NLU reads it like a typed answer.
CONSENT_BUTTONS = [
    {"title": "Ja, dat is goed", "payload": "ja, dat is goed"},
    {"title": "Nee, liever niet", "payload": "nee, liever niet"},
]


def ask_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    text = content().get(content().for_audience("opening.consent", in_open_chat(tracker)))
    dispatcher.utter_message(text=text, buttons=CONSENT_BUTTONS)


def in_open_chat(tracker: Tracker) -> bool:
    """No professional owns this client (the open chat), so nobody reads the conversation:
    texts that say who reads use their open-chat variant. Decided at consent and kept in the
    coach state; before that, read from the database. Storage down: the chat-link wording."""
    state = tracker.get_slot("coach_state") or {}
    if "open_chat" in state:
        return bool(state["open_chat"])
    try:
        return not db.client_has_owner(ref(tracker).client_id)
    except Exception as exc:  # noqa: BLE001 - the client must still get an answer
        logger.error("reading the client's owner failed: %s", type(exc).__name__)
        return False


def pick_for_audience(path: str, tracker: Tracker) -> str:
    """pick_text of a text that says who reads the conversation (see in_open_chat)."""
    return pick_text(content().for_audience(path, in_open_chat(tracker)), tracker)


def pick_text(path: str, tracker: Optional[Tracker] = None) -> str:
    """A text from coach.yml; varied per conversation and turn, reproducible."""
    return pick_from(content().texts(path), tracker, path)


def pick_from(options: List[str], tracker: Optional[Tracker] = None, fallback_key: str = "") -> str:
    """One of the options; varied per conversation and turn, reproducible."""
    key = f"{tracker.sender_id}:{len(tracker.events)}" if tracker is not None else fallback_key
    return pick(list(options), (), random.Random(key))  # nothing to avoid: one seeded choice


def coach_state(tracker: Tracker) -> Dict[str, Any]:
    return dict(tracker.get_slot("coach_state") or {})


def closing_summary(tracker: Tracker) -> List[str]:
    """The closing summary and its "klopt dit?" (the phase then is closing_check)."""
    return coach().closing_summary(
        coach_state(tracker), tracker.get_slot("stage"), tracker.get_slot("stage_confidence")
    )


def is_leaving(tracker: Tracker) -> bool:
    """The client's latest message says goodbye (also when a crisis reading took its intent)."""
    from bot.understanding.dialogue_act import ends_with_leave_taking

    latest = tracker.latest_message or {}
    return (latest.get("intent") or {}).get("name") == "goodbye" or ends_with_leave_taking(latest.get("text") or "")
