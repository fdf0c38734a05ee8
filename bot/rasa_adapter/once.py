"""Handle each client message once, however often it is sent.

A message whose id (`bot.rasa_adapter.message_ids`) is already in the conversation's
tracker was handled before: its resend gets the replies stored with that first handling,
and Rasa does not see it again (no event, no turn, no stage evidence, no TPB answer, no
ruler score). The check runs under the conversation's lock, the same lock Rasa's
`Agent.handle_message` takes, so a resend that arrives while the first is still being
handled waits for it and then finds it. A handling that failed before its tracker was
saved left no trace, so the resend is handled as if it were the first.

Messages without an id (older clients) are handled as before.
"""

from __future__ import annotations

import logging
from typing import Any, List

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.rasa_adapter.message_ids import LOCK_LIFETIME, message_id_of, stored_replies

logger = logging.getLogger(__name__)


class AgentNotReady(RuntimeError):
    """The Rasa server has no model loaded (yet)."""


def _transcript_store(tracker_store: Any) -> Any:
    """Overstap's tracker store behind Rasa's FailSafeTrackerStore wrapper, or None."""
    from bot.rasa_adapter.tracker_store import TranscriptTrackerStore

    inner = getattr(tracker_store, "_tracker_store", tracker_store)
    return inner if isinstance(inner, TranscriptTrackerStore) else None


def _carries(tracker: Any, message_id: str) -> bool:
    return any(e.type_name == "user" and message_id_of(e.metadata) == message_id for e in tracker.events)


async def handle_once(agent: Any, message: UserMessage) -> List[dict]:
    """Handle `message` like `Agent.handle_message`, once per message id; the bot's replies.

    The tracker read for the check is handed to Rasa's handling of the message (the next
    retrieve of this conversation, under the same lock), so a message reads its tracker once."""
    if not agent.is_ready():
        raise AgentNotReady()
    message_id = message_id_of(message.metadata)
    store = _transcript_store(agent.tracker_store)
    async with agent.lock_store.lock(message.sender_id, lock_lifetime=LOCK_LIFETIME):
        if message_id is not None:
            tracker = await agent.tracker_store.retrieve(message.sender_id)
            if tracker is not None:
                earlier = None
                if _carries(tracker, message_id):  # a resend: read the replies out of its events
                    events = [e.as_dict() for e in tracker.events]
                    earlier = stored_replies(events, message_id, message.sender_id)
                if earlier is not None:
                    # ids only: never the text
                    logger.info(
                        "message already handled: conversation=%s message=%s replies=%d",
                        message.sender_id,
                        message_id,
                        len(earlier),
                    )
                    return earlier
                if store is not None:
                    store.reuse_once(tracker)
        try:
            await agent.processor.handle_message(message)
        finally:
            if store is not None:
                store.forget_reuse(message.sender_id)
    output = message.output_channel
    return list(output.messages) if isinstance(output, CollectingOutputChannel) else []
