"""Loading the trained Rasa model in-process (for classify, evaluate, chat and tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from bot.core.runtime import quiet, quiet_rasa_logging

quiet()


def load_agent(model: Path, action_endpoint_url: Optional[str] = None, tracker_store: Any = None):
    """A Rasa Agent for `model`; loading takes seconds (no TED/DIET graph to trace)."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_adapter import action_results, event_types

    quiet_rasa_logging()
    action_results.install()
    event_types.install()
    endpoint = EndpointConfig(action_endpoint_url) if action_endpoint_url else None
    return Agent.load(str(model), action_endpoint=endpoint, tracker_store=tracker_store)


async def send(agent: Any, text: str, sender_id: str, metadata: Optional[dict] = None) -> list:
    """Handle one client message like the REST channel does; returns the bot messages.

    A `message_id` in `metadata` (`bot.rasa_adapter.message_ids`) makes a resend of the
    same message return the replies of its first handling (`bot.rasa_adapter.once`).
    """
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    from bot.rasa_adapter.message_ids import message_id_of
    from bot.rasa_adapter.once import handle_once

    message = UserMessage(
        text, CollectingOutputChannel(), sender_id, metadata=metadata, message_id=message_id_of(metadata)
    )
    return await handle_once(agent, message)
