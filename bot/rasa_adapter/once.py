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


async def handle_once(agent: Any, message: UserMessage) -> List[dict]:
    """Handle `message` like `Agent.handle_message`, once per message id; the bot's replies."""
    if not agent.is_ready():
        raise AgentNotReady()
    message_id = message_id_of(message.metadata)
    async with agent.lock_store.lock(message.sender_id, lock_lifetime=LOCK_LIFETIME):
        if message_id is not None:
            tracker = await agent.tracker_store.retrieve(message.sender_id)
            if tracker is not None:
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
        await agent.processor.handle_message(message)
    output = message.output_channel
    return list(output.messages) if isinstance(output, CollectingOutputChannel) else []
